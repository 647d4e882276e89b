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
   * assembly/navmesh/Navmesh__new
   * @param vertices `~lib/typedarray/Float32Array`
   * @param polygons `~lib/typedarray/Int32Array`
   * @param sizes `~lib/typedarray/Int32Array`
   * @returns `assembly/navmesh/Navmesh`
   */
  export function Navmesh__new(vertices: Float32Array, polygons: Int32Array, sizes: Int32Array): __Internref6;
  /**
   * assembly/navmesh/Navmesh__m_locate
   * @param self `assembly/navmesh/Navmesh`
   * @param x `f32`
   * @param z `f32`
   * @returns `i32`
   */
  export function Navmesh__m_locate(self: __Internref6, x: number, z: number): number;
  /**
   * assembly/navmesh/Navmesh__m_search_path
   * @param self `assembly/navmesh/Navmesh`
   * @param sx `f32`
   * @param sy `f32`
   * @param sz `f32`
   * @param ex `f32`
   * @param ey `f32`
   * @param ez `f32`
   * @returns `~lib/typedarray/Float32Array`
   */
  export function Navmesh__m_search_path(self: __Internref6, sx: number, sy: number, sz: number, ex: number, ey: number, ez: number): Float32Array;
}
/** assembly/navmesh/Navmesh */
declare class __Internref6 extends Number {
  private __nominal6: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
