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
   * src/as_uuid_wasi/uuid
   * @returns `~lib/string/String`
   */
  export function uuid(): string;
  /**
   * src/as_uuid_wasi/many
   * @param n `i32`
   * @returns `~lib/array/Array<~lib/string/String>`
   */
  export function many(n: number): Array<string>;
  /**
   * src/as_uuid_wasi/now
   * @returns `i64`
   */
  export function now(): bigint;
  /**
   * src/as_uuid_wasi/log
   * @param msg `~lib/string/String`
   */
  export function log(msg: string): void;
  /**
   * src/as_uuid_wasi/randomBytes
   * @param n `i32`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function randomBytes(n: number): Uint8Array;
  /**
   * ~lib/as-uuid/assembly/stringify/stringify
   * @param arr `~lib/typedarray/Uint8Array`
   * @param offset `i32`
   * @returns `~lib/string/String`
   */
  export function stringify(arr: Uint8Array, offset?: number): string;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  wasi_snapshot_preview1: unknown,
}): Promise<typeof __AdaptedExports>;
