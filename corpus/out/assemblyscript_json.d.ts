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
   * src/assemblyscript_json/parse
   * @param text `~lib/string/String`
   * @returns `~lib/assemblyscript-json/assembly/JSON/Value`
   */
  export function parse(text: string): __Record4<never>;
  /**
   * src/assemblyscript_json/stringify
   * @param value `~lib/assemblyscript-json/assembly/JSON/Value`
   * @returns `~lib/string/String`
   */
  export function stringify(value: __Record4<undefined>): string;
  /**
   * src/assemblyscript_json/getString
   * @param text `~lib/string/String`
   * @param key `~lib/string/String`
   * @returns `~lib/string/String | null`
   */
  export function getString(text: string, key: string): string | null;
  /**
   * src/assemblyscript_json/getInteger
   * @param text `~lib/string/String`
   * @param key `~lib/string/String`
   * @returns `i64`
   */
  export function getInteger(text: string, key: string): bigint;
  /**
   * src/assemblyscript_json/arrayLength
   * @param text `~lib/string/String`
   * @returns `i32`
   */
  export function arrayLength(text: string): number;
  /**
   * src/assemblyscript_json/keys
   * @param text `~lib/string/String`
   * @returns `~lib/array/Array<~lib/string/String>`
   */
  export function keys(text: string): Array<string>;
  /**
   * src/assemblyscript_json/makeObject
   * @param names `~lib/array/Array<~lib/string/String>`
   * @param values `~lib/typedarray/Float64Array`
   * @returns `~lib/string/String`
   */
  export function makeObject(names: Array<string>, values: Float64Array): string;
  /**
   * src/assemblyscript_json/encodePair
   * @param name `~lib/string/String`
   * @param value `i64`
   * @param flag `bool`
   * @returns `~lib/string/String`
   */
  export function encodePair(name: string, value: bigint, flag: boolean): string;
  /**
   * src/assemblyscript_json/parseBytes
   * @param bytes `~lib/typedarray/Uint8Array`
   * @returns `bool`
   */
  export function parseBytes(bytes: Uint8Array): boolean;
}
/** ~lib/assemblyscript-json/assembly/JSON/Value */
declare interface __Record4<TOmittable> {
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
