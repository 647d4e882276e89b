declare namespace __AdaptedExports {
  /** Exported memory */
  export const memory: WebAssembly.Memory;
  // Exported runtime interface
  export function __new(size: number, id: number): number;
  export function __pin(ptr: number): number;
  export function __unpin(ptr: number): void;
  export function __collect(): void;
  export const __rtti_base: number;
  /**
   * src/as_virtual/slice
   * @param s `~lib/string/String`
   * @param start `i32`
   * @param end `i32`
   * @returns `~lib/as-virtual/assembly/index/Virtual<~lib/string/String>`
   */
  export function slice(s: string, start: number, end: number): __Internref4;
  /**
   * src/as_virtual/copyOut
   * @param v `~lib/as-virtual/assembly/index/Virtual<~lib/string/String>`
   * @returns `~lib/string/String`
   */
  export function copyOut(v: __Internref4): string;
  /**
   * src/as_virtual/equals
   * @param v `~lib/as-virtual/assembly/index/Virtual<~lib/string/String>`
   * @param s `~lib/string/String`
   * @returns `bool`
   */
  export function equals(v: __Internref4, s: string): boolean;
  /**
   * src/as_virtual/byteLength
   * @param v `~lib/as-virtual/assembly/index/Virtual<~lib/string/String>`
   * @returns `i32`
   */
  export function byteLength(v: __Internref4): number;
  /**
   * src/as_virtual/substringVirtual
   * @param s `~lib/string/String`
   * @param start `i32`
   * @param end `i32`
   * @returns `~lib/string/String`
   */
  export function substringVirtual(s: string, start: number, end: number): string;
  /**
   * src/as_virtual/bytesView
   * @param b `~lib/typedarray/Uint8Array`
   * @param start `i32`
   * @param end `i32`
   * @returns `~lib/as-virtual/assembly/index/Virtual<~lib/typedarray/Uint8Array>`
   */
  export function bytesView(b: Uint8Array, start: number, end: number): __Internref6;
}
/** ~lib/as-virtual/assembly/index/Virtual<~lib/string/String> */
declare class __Internref4 extends Number {
  private __nominal4: symbol;
  private __nominal0: symbol;
}
/** ~lib/as-virtual/assembly/index/Virtual<~lib/typedarray/Uint8Array> */
declare class __Internref6 extends Number {
  private __nominal6: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
