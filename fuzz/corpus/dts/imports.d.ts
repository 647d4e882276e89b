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
   * src/imports/greet
   * @param who `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function greet(who: string): string;
  /**
   * src/imports/add_via_host
   * @param a `i32`
   * @param b `i32`
   * @returns `i32`
   */
  export function add_via_host(a: number, b: number): number;
  /**
   * src/imports/scale_via_host
   * @param values `~lib/typedarray/Float64Array`
   * @param k `f64`
   * @returns `f64`
   */
  export function scale_via_host(values: Float64Array, k: number): number;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
  imports: unknown,
  host: unknown,
}): Promise<typeof __AdaptedExports>;
