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
   * src/as_uuid/many
   * @param n `i32`
   * @returns `~lib/array/Array<~lib/string/String>`
   */
  export function many(n: number): Array<string>;
  /**
   * src/as_uuid/isV4
   * @param s `~lib/string/String`
   * @returns `bool`
   */
  export function isV4(s: string): boolean;
  /**
   * ~lib/as-uuid/assembly/uuid/uuid
   * @returns `~lib/string/String`
   */
  export function uuid(): string;
  /**
   * ~lib/as-uuid/assembly/rng/rng
   * @param gen `(~lib/typedarray/Uint8Array) => void`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function rng(gen?: __Internref6): Uint8Array;
}
/** ~lib/function/Function<%28~lib/typedarray/Uint8Array%29=>void> */
declare class __Internref6 extends Number {
  private __nominal6: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
