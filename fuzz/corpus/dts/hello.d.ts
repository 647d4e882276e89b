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
   * src/hello/sqrt_sum_square
   * @param a `f32`
   * @param b `f32`
   * @returns `f32`
   */
  export function sqrt_sum_square(a: number, b: number): number;
  /**
   * src/hello/get_hello_string
   * @returns `~lib/string/String`
   */
  export function get_hello_string(): string;
  /**
   * src/hello/expand_string
   * @param s `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function expand_string(s: string): string;
  /**
   * src/hello/generate_random_float_array
   * @param n `i32`
   * @param lo `f32`
   * @param hi `f32`
   * @returns `~lib/typedarray/Float32Array`
   */
  export function generate_random_float_array(n: number, lo: number, hi: number): Float32Array;
  /**
   * src/hello/generate_random_integer_array
   * @param n `i32`
   * @returns `~lib/typedarray/Int32Array`
   */
  export function generate_random_integer_array(n: number): Int32Array;
  /** src/hello/Float32Array_ID */
  export const Float32Array_ID: {
    /** @type `u32` */
    get value(): number
  };
  /** src/hello/Int32Array_ID */
  export const Int32Array_ID: {
    /** @type `u32` */
    get value(): number
  };
  /**
   * src/hello/get_array
   * @returns `~lib/typedarray/Int32Array`
   */
  export function get_array(): Int32Array;
  /**
   * src/hello/get_float_array
   * @returns `~lib/typedarray/Float32Array`
   */
  export function get_float_array(): Float32Array;
  /**
   * src/hello/sum_array
   * @param a `~lib/typedarray/Int32Array`
   * @returns `i64`
   */
  export function sum_array(a: Int32Array): bigint;
  /**
   * src/hello/sum_float_array
   * @param a `~lib/typedarray/Float32Array`
   * @returns `f64`
   */
  export function sum_float_array(a: Float32Array): number;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
