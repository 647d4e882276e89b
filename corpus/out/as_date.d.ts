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
   * src/as_date/fromMillis
   * @param ms `i64`
   * @returns `~lib/as-date/assembly/date/Date`
   */
  export function fromMillis(ms: bigint): __Internref6;
  /**
   * src/as_date/millis
   * @param d `~lib/as-date/assembly/date/Date`
   * @returns `i64`
   */
  export function millis(d: __Internref6): bigint;
  /**
   * src/as_date/parts
   * @param ms `i64`
   * @param tzOffsetMinutes `i32`
   * @returns `src/as_date/DateParts`
   */
  export function parts(ms: bigint, tzOffsetMinutes: number): __Record8<never>;
  /**
   * src/as_date/withYear
   * @param d `~lib/as-date/assembly/date/Date`
   * @param year `i32`
   * @returns `~lib/as-date/assembly/date/Date`
   */
  export function withYear(d: __Internref6, year: number): __Internref6;
  /**
   * src/as_date/yearsOf
   * @param ms `~lib/typedarray/Int64Array`
   * @returns `~lib/typedarray/Int32Array`
   */
  export function yearsOf(ms: BigInt64Array): Int32Array;
}
/** ~lib/as-date/assembly/date/Date */
declare class __Internref6 extends Number {
  private __nominal6: symbol;
  private __nominal0: symbol;
}
/** src/as_date/DateParts */
declare interface __Record8<TOmittable> {
  /** @type `i32` */
  year: number | TOmittable;
  /** @type `i32` */
  month: number | TOmittable;
  /** @type `i32` */
  day: number | TOmittable;
  /** @type `i32` */
  hours: number | TOmittable;
  /** @type `i32` */
  minutes: number | TOmittable;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
