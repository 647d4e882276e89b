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
   * src/as_big/add
   * @param a `~lib/string/String`
   * @param b `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function add(a: string, b: string): string;
  /**
   * src/as_big/mul
   * @param a `~lib/string/String`
   * @param b `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function mul(a: string, b: string): string;
  /**
   * src/as_big/div
   * @param a `~lib/string/String`
   * @param b `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function div(a: string, b: string): string;
  /**
   * src/as_big/sqrt
   * @param a `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function sqrt(a: string): string;
  /**
   * src/as_big/round
   * @param a `~lib/string/String`
   * @param dp `i32`
   * @returns `~lib/string/String`
   */
  export function round(a: string, dp: number): string;
  /**
   * src/as_big/fromF64
   * @param x `f64`
   * @returns `~lib/as-big/assembly/Big/Big`
   */
  export function fromF64(x: number): __Internref4;
  /**
   * src/as_big/bigToString
   * @param x `~lib/as-big/assembly/Big/Big`
   * @returns `~lib/string/String`
   */
  export function bigToString(x: __Internref4): string;
  /**
   * src/as_big/bigPlus
   * @param x `~lib/as-big/assembly/Big/Big`
   * @param y `~lib/as-big/assembly/Big/Big`
   * @returns `~lib/as-big/assembly/Big/Big`
   */
  export function bigPlus(x: __Internref4, y: __Internref4): __Internref4;
  /**
   * src/as_big/bigToNumber
   * @param x `~lib/as-big/assembly/Big/Big`
   * @returns `f64`
   */
  export function bigToNumber(x: __Internref4): number;
  /**
   * src/as_big/compare
   * @param a `~lib/string/String`
   * @param b `~lib/string/String`
   * @returns `i32`
   */
  export function compare(a: string, b: string): number;
  /**
   * src/as_big/sum
   * @param values `~lib/array/Array<~lib/string/String>`
   * @returns `~lib/string/String`
   */
  export function sum(values: Array<string>): string;
}
/** ~lib/as-big/assembly/Big/Big */
declare class __Internref4 extends Number {
  private __nominal4: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
