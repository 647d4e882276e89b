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
   * src/records/chain
   * @param n `i32`
   * @returns `src/records/Link | null`
   */
  export function chain(n: number): __Record4<never> | null;
  /**
   * src/records/chain_sum
   * @param head `src/records/Link | null`
   * @returns `i32`
   */
  export function chain_sum(head: __Record4<undefined> | null): number;
  /**
   * src/records/chain_len
   * @param head `src/records/Link | null`
   * @returns `i32`
   */
  export function chain_len(head: __Record4<undefined> | null): number;
  /**
   * src/records/cycle
   * @returns `src/records/Link | null`
   */
  export function cycle(): __Record4<never> | null;
  /**
   * src/records/tree
   * @param depth `i32`
   * @returns `src/records/Tree`
   */
  export function tree(depth: number): __Record5<never>;
  /**
   * src/records/tree_size
   * @param t `src/records/Tree`
   * @returns `i32`
   */
  export function tree_size(t: __Record5<undefined>): number;
  /**
   * src/records/tree_cycle
   * @returns `src/records/Tree`
   */
  export function tree_cycle(): __Record5<never>;
  /**
   * src/records/ab
   * @returns `src/records/A`
   */
  export function ab(): __Record8<never>;
  /**
   * src/records/ab_sum
   * @param a `src/records/A | null`
   * @returns `f64`
   */
  export function ab_sum(a: __Record8<undefined> | null): number;
  /**
   * src/records/ab_cycle
   * @returns `src/records/A`
   */
  export function ab_cycle(): __Record8<never>;
  /**
   * src/records/P__get_x
   * @param self `src/records/P`
   * @returns `f64`
   */
  export function P__get_x(self: __Record10<undefined>): number;
  /**
   * src/records/P__set_x
   * @param self `src/records/P`
   * @param value `f64`
   */
  export function P__set_x(self: __Record10<undefined>, value: number): void;
  /**
   * src/records/P__m_norm2
   * @param self `src/records/P`
   * @returns `f64`
   */
  export function P__m_norm2(self: __Record10<undefined>): number;
  /**
   * src/records/make_p
   * @param x `f64`
   * @param y `f64`
   * @returns `src/records/P`
   */
  export function make_p(x: number, y: number): __Record10<never>;
  /**
   * src/records/knot
   * @returns `src/records/Knot`
   */
  export function knot(): __Record11<never>;
  /**
   * src/records/loose_knot
   * @returns `src/records/Knot`
   */
  export function loose_knot(): __Record11<never>;
}
/** src/records/Link */
declare interface __Record4<TOmittable> {
  /** @type `i32` */
  v: number | TOmittable;
  /** @type `src/records/Link | null` */
  next: __Record4<never> | null | TOmittable;
}
/** src/records/Tree */
declare interface __Record5<TOmittable> {
  /** @type `~lib/string/String` */
  label: string;
  /** @type `~lib/array/Array<src/records/Tree>` */
  kids: Array<__Record5<never>>;
}
/** src/records/B */
declare interface __Record9<TOmittable> {
  /** @type `f64` */
  y: number | TOmittable;
  /** @type `src/records/A | null` */
  a: __Record8<never> | null | TOmittable;
}
/** src/records/A */
declare interface __Record8<TOmittable> {
  /** @type `i32` */
  x: number | TOmittable;
  /** @type `src/records/B | null` */
  b: __Record9<never> | null | TOmittable;
}
/** src/records/P */
declare interface __Record10<TOmittable> {
  /** @type `f64` */
  x: number | TOmittable;
  /** @type `f64` */
  y: number | TOmittable;
}
/** src/records/Knot */
declare interface __Record11<TOmittable> {
  /** @type `i32` */
  v: number | TOmittable;
  /** @type `src/records/Knot` */
  k: __Record11<never>;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
