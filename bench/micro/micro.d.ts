declare namespace __AdaptedExports {
  /** Exported memory */
  export const memory: WebAssembly.Memory;
  // Exported runtime interface
  export function __new(size: number, id: number): number;
  export function __pin(ptr: number): number;
  export function __unpin(ptr: number): void;
  export function __collect(): void;
  export const __rtti_base: number;
  /** assembly/micro/REC_ID */
  export const REC_ID: {
    /** @type `u32` */
    get value(): number
  };
  /** assembly/micro/ARRAY_REC_ID */
  export const ARRAY_REC_ID: {
    /** @type `u32` */
    get value(): number
  };
  /** assembly/micro/FLOAT32ARRAY_ID */
  export const FLOAT32ARRAY_ID: {
    /** @type `u32` */
    get value(): number
  };
  /** assembly/micro/ARRAY_F64_ID */
  export const ARRAY_F64_ID: {
    /** @type `u32` */
    get value(): number
  };
  /**
   * assembly/micro/add
   * @param a `i32`
   * @param b `i32`
   * @returns `i32`
   */
  export function add(a: number, b: number): number;
  /**
   * assembly/micro/keep_str
   * @param slot `i32`
   * @param s `~lib/string/String`
   */
  export function keep_str(slot: number, s: string): void;
  /**
   * assembly/micro/kept_str
   * @param slot `i32`
   * @returns `~lib/string/String`
   */
  export function kept_str(slot: number): string;
  /**
   * assembly/micro/str_len
   * @param s `~lib/string/String`
   * @returns `i32`
   */
  export function str_len(s: string): number;
  /**
   * assembly/micro/echo_str
   * @param s `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function echo_str(s: string): string;
  /**
   * assembly/micro/keep_f32
   * @param slot `i32`
   * @param a `~lib/typedarray/Float32Array`
   */
  export function keep_f32(slot: number, a: Float32Array): void;
  /**
   * assembly/micro/kept_f32
   * @param slot `i32`
   * @returns `~lib/typedarray/Float32Array`
   */
  export function kept_f32(slot: number): Float32Array;
  /**
   * assembly/micro/sum_f32
   * @param a `~lib/typedarray/Float32Array`
   * @returns `f64`
   */
  export function sum_f32(a: Float32Array): number;
  /**
   * assembly/micro/keep_f64
   * @param slot `i32`
   * @param a `~lib/array/Array<f64>`
   */
  export function keep_f64(slot: number, a: Array<number>): void;
  /**
   * assembly/micro/kept_f64
   * @param slot `i32`
   * @returns `~lib/array/Array<f64>`
   */
  export function kept_f64(slot: number): Array<number>;
  /**
   * assembly/micro/sum_f64
   * @param a `~lib/array/Array<f64>`
   * @returns `f64`
   */
  export function sum_f64(a: Array<number>): number;
  /**
   * assembly/micro/echo_rec
   * @param r `assembly/micro/Rec`
   * @returns `assembly/micro/Rec`
   */
  export function echo_rec(r: __Record4<undefined>): __Record4<never>;
  /**
   * assembly/micro/keep_recs
   * @param slot `i32`
   * @param a `~lib/array/Array<assembly/micro/Rec>`
   */
  export function keep_recs(slot: number, a: Array<__Record4<undefined>>): void;
  /**
   * assembly/micro/kept_recs
   * @param slot `i32`
   * @returns `~lib/array/Array<assembly/micro/Rec>`
   */
  export function kept_recs(slot: number): Array<__Record4<never>>;
}
/** assembly/micro/Rec */
declare interface __Record4<TOmittable> {
  /** @type `i32` */
  id: number | TOmittable;
  /** @type `f64` */
  x: number | TOmittable;
  /** @type `f64` */
  y: number | TOmittable;
  /** @type `~lib/string/String` */
  name: string;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
