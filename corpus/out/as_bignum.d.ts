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
   * src/as_bignum/u128FromString
   * @param s `~lib/string/String`
   * @returns `~lib/as-bignum/assembly/integer/u128/u128`
   */
  export function u128FromString(s: string): __Internref4;
  /**
   * src/as_bignum/u128ToString
   * @param x `~lib/as-bignum/assembly/integer/u128/u128`
   * @returns `~lib/string/String`
   */
  export function u128ToString(x: __Internref4): string;
  /**
   * src/as_bignum/u128Add
   * @param a `~lib/as-bignum/assembly/integer/u128/u128`
   * @param b `~lib/as-bignum/assembly/integer/u128/u128`
   * @returns `~lib/as-bignum/assembly/integer/u128/u128`
   */
  export function u128Add(a: __Internref4, b: __Internref4): __Internref4;
  /**
   * src/as_bignum/u128Mul
   * @param a `~lib/as-bignum/assembly/integer/u128/u128`
   * @param b `~lib/as-bignum/assembly/integer/u128/u128`
   * @returns `~lib/as-bignum/assembly/integer/u128/u128`
   */
  export function u128Mul(a: __Internref4, b: __Internref4): __Internref4;
  /**
   * src/as_bignum/u128FromParts
   * @param lo `u64`
   * @param hi `u64`
   * @returns `~lib/as-bignum/assembly/integer/u128/u128`
   */
  export function u128FromParts(lo: bigint, hi: bigint): __Internref4;
  /**
   * src/as_bignum/u128Lo
   * @param x `~lib/as-bignum/assembly/integer/u128/u128`
   * @returns `u64`
   */
  export function u128Lo(x: __Internref4): bigint;
  /**
   * src/as_bignum/u128Compare
   * @param a `~lib/as-bignum/assembly/integer/u128/u128`
   * @param b `~lib/as-bignum/assembly/integer/u128/u128`
   * @returns `i32`
   */
  export function u128Compare(a: __Internref4, b: __Internref4): number;
  /**
   * src/as_bignum/u128ToBytes
   * @param x `~lib/as-bignum/assembly/integer/u128/u128`
   * @param bigEndian `bool`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function u128ToBytes(x: __Internref4, bigEndian: boolean): Uint8Array;
  /**
   * src/as_bignum/u256FromU64
   * @param v `u64`
   * @returns `~lib/as-bignum/assembly/integer/u256/u256`
   */
  export function u256FromU64(v: bigint): __Internref7;
  /**
   * src/as_bignum/u256ToString
   * @param x `~lib/as-bignum/assembly/integer/u256/u256`
   * @returns `~lib/string/String`
   */
  export function u256ToString(x: __Internref7): string;
  /**
   * src/as_bignum/i128Neg
   * @param x `~lib/as-bignum/assembly/integer/i128/i128`
   * @returns `~lib/as-bignum/assembly/integer/i128/i128`
   */
  export function i128Neg(x: __Internref8): __Internref8;
  /**
   * src/as_bignum/sumU128
   * @param values `~lib/array/Array<~lib/as-bignum/assembly/integer/u128/u128>`
   * @returns `~lib/as-bignum/assembly/integer/u128/u128`
   */
  export function sumU128(values: Array<__Internref4>): __Internref4;
  /**
   * src/as_bignum/maxU128
   * @returns `~lib/as-bignum/assembly/integer/u128/u128`
   */
  export function maxU128(): __Internref4;
}
/** ~lib/as-bignum/assembly/integer/u128/u128 */
declare class __Internref4 extends Number {
  private __nominal4: symbol;
  private __nominal0: symbol;
}
/** ~lib/as-bignum/assembly/integer/u256/u256 */
declare class __Internref7 extends Number {
  private __nominal7: symbol;
  private __nominal0: symbol;
}
/** ~lib/as-bignum/assembly/integer/i128/i128 */
declare class __Internref8 extends Number {
  private __nominal8: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
