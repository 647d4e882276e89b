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
   * src/as_option/someI32
   * @param v `i32`
   * @returns `~lib/as-option/assembly/index/Option<i32>`
   */
  export function someI32(v: number): __Internref4;
  /**
   * src/as_option/noneI32
   * @returns `~lib/as-option/assembly/index/Option<i32>`
   */
  export function noneI32(): __Internref4;
  /**
   * src/as_option/someString
   * @param s `~lib/string/String`
   * @returns `~lib/as-option/assembly/index/Option<~lib/string/String>`
   */
  export function someString(s: string): __Internref5;
  /**
   * src/as_option/unwrapOr
   * @param o `~lib/as-option/assembly/index/Option<i32>`
   * @param fallback `i32`
   * @returns `i32`
   */
  export function unwrapOr(o: __Internref4, fallback: number): number;
  /**
   * src/as_option/stringOr
   * @param o `~lib/as-option/assembly/index/Option<~lib/string/String>`
   * @param fallback `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function stringOr(o: __Internref5, fallback: string): string;
  /**
   * src/as_option/parsePositive
   * @param s `~lib/string/String`
   * @returns `~lib/as-option/assembly/index/Option<i32>`
   */
  export function parsePositive(s: string): __Internref4;
  /**
   * src/as_option/firstEven
   * @param values `~lib/typedarray/Int32Array`
   * @returns `~lib/as-option/assembly/index/Option<i32>`
   */
  export function firstEven(values: Int32Array): __Internref4;
  /**
   * src/as_option/orElse
   * @param o `~lib/as-option/assembly/index/Option<i32>`
   * @param action `() => i32`
   * @returns `i32`
   */
  export function orElse(o: __Internref4, action: __Internref7): number;
}
/** ~lib/as-option/assembly/index/Option<i32> */
declare class __Internref4 extends Number {
  private __nominal4: symbol;
  private __nominal0: symbol;
}
/** ~lib/as-option/assembly/index/Option<~lib/string/String> */
declare class __Internref5 extends Number {
  private __nominal5: symbol;
  private __nominal0: symbol;
}
/** ~lib/function/Function<%28%29=>i32> */
declare class __Internref7 extends Number {
  private __nominal7: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
