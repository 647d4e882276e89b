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
   * src/as_variant/fromI32
   * @param v `i32`
   * @returns `~lib/as-variant/assembly/index/Variant`
   */
  export function fromI32(v: number): __Internref4;
  /**
   * src/as_variant/fromF64
   * @param v `f64`
   * @returns `~lib/as-variant/assembly/index/Variant`
   */
  export function fromF64(v: number): __Internref4;
  /**
   * src/as_variant/fromString
   * @param s `~lib/string/String`
   * @returns `~lib/as-variant/assembly/index/Variant`
   */
  export function fromString(s: string): __Internref4;
  /**
   * src/as_variant/isString
   * @param v `~lib/as-variant/assembly/index/Variant`
   * @returns `bool`
   */
  export function isString(v: __Internref4): boolean;
  /**
   * src/as_variant/isI32
   * @param v `~lib/as-variant/assembly/index/Variant`
   * @returns `bool`
   */
  export function isI32(v: __Internref4): boolean;
  /**
   * src/as_variant/asF64
   * @param v `~lib/as-variant/assembly/index/Variant`
   * @returns `f64`
   */
  export function asF64(v: __Internref4): number;
  /**
   * src/as_variant/describe
   * @param v `~lib/as-variant/assembly/index/Variant`
   * @returns `~lib/string/String`
   */
  export function describe(v: __Internref4): string;
  /**
   * src/as_variant/mixed
   * @param n `i32`
   * @returns `~lib/array/Array<~lib/as-variant/assembly/index/Variant>`
   */
  export function mixed(n: number): Array<__Internref4>;
}
/** ~lib/as-variant/assembly/index/Variant */
declare class __Internref4 extends Number {
  private __nominal4: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
