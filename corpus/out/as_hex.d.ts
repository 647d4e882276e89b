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
   * src/as_hex/encodeAll
   * @param items `~lib/array/Array<~lib/string/String>`
   * @returns `~lib/array/Array<~lib/string/String>`
   */
  export function encodeAll(items: Array<string>): Array<string>;
  /**
   * src/as_hex/roundTrip
   * @param s `~lib/string/String`
   * @returns `bool`
   */
  export function roundTrip(s: string): boolean;
  /**
   * src/as_hex/encodedLength
   * @param s `~lib/string/String`
   * @returns `i32`
   */
  export function encodedLength(s: string): number;
  /**
   * ~lib/as-hex/assembly/index/encode
   * @param data `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function encode(data: string): string;
  /**
   * ~lib/as-hex/assembly/index/decode
   * @param data `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function decode(data: string): string;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
