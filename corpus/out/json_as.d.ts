declare namespace __AdaptedExports {
  /** Exported memory */
  export const memory: WebAssembly.Memory;
  // Exported runtime interface
  export function __new(size: number, id: number): number;
  export function __pin(ptr: number): number;
  export function __unpin(ptr: number): void;
  export function __collect(): void;
  export const __rtti_base: number;
  /** src/json_as/Team */
  export enum Team {
    /** @type `i32` */
    Red,
    /** @type `i32` */
    Blue,
    /** @type `i32` */
    Green,
  }
  /**
   * src/json_as/vecToJson
   * @param v `src/json_as/Vec3`
   * @returns `~lib/string/String`
   */
  export function vecToJson(v: __Record9<undefined>): string;
  /**
   * src/json_as/vecFromJson
   * @param s `~lib/string/String`
   * @returns `src/json_as/Vec3`
   */
  export function vecFromJson(s: string): __Record9<never>;
  /**
   * src/json_as/playerToJson
   * @param p `src/json_as/Player`
   * @returns `~lib/string/String`
   */
  export function playerToJson(p: __Record10<undefined>): string;
  /**
   * src/json_as/playerFromJson
   * @param s `~lib/string/String`
   * @returns `src/json_as/Player`
   */
  export function playerFromJson(s: string): __Record10<never>;
  /**
   * src/json_as/makePlayer
   * @param first `~lib/string/String`
   * @param last `~lib/string/String`
   * @param age `i32`
   * @param x `f32`
   * @param y `f32`
   * @param z `f32`
   * @returns `src/json_as/Player`
   */
  export function makePlayer(first: string, last: string, age: number, x: number, y: number, z: number): __Record10<never>;
  /**
   * src/json_as/numbersToJson
   * @param values `~lib/array/Array<f64>`
   * @returns `~lib/string/String`
   */
  export function numbersToJson(values: Array<number>): string;
  /**
   * src/json_as/namesFromJson
   * @param s `~lib/string/String`
   * @returns `~lib/array/Array<~lib/string/String>`
   */
  export function namesFromJson(s: string): Array<string>;
  /**
   * src/json_as/mapToJson
   * @param keys `~lib/array/Array<~lib/string/String>`
   * @param values `~lib/typedarray/Int32Array`
   * @returns `~lib/string/String`
   */
  export function mapToJson(keys: Array<string>, values: Int32Array): string;
  /**
   * src/json_as/teamName
   * @param t `i32`
   * @returns `~lib/string/String`
   */
  export function teamName(t: number): string;
}
/** src/json_as/Vec3 */
declare interface __Record9<TOmittable> {
  /** @type `f32` */
  x: number | TOmittable;
  /** @type `f32` */
  y: number | TOmittable;
  /** @type `f32` */
  z: number | TOmittable;
}
/** src/json_as/Player */
declare interface __Record10<TOmittable> {
  /** @type `~lib/string/String` */
  firstName: string;
  /** @type `~lib/string/String` */
  lastName: string;
  /** @type `~lib/array/Array<i32>` */
  lastActive: Array<number>;
  /** @type `i32` */
  age: number | TOmittable;
  /** @type `src/json_as/Vec3 | null` */
  pos: __Record9<undefined> | null | TOmittable;
  /** @type `bool` */
  isVerified: boolean | TOmittable;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
