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
   * src/as_base64/encodeString
   * @param s `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function encodeString(s: string): string;
  /**
   * src/as_base64/decodeToString
   * @param b64 `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function decodeToString(b64: string): string;
  /**
   * src/as_base64/roundTripLength
   * @param bytes `~lib/typedarray/Uint8Array`
   * @returns `i32`
   */
  export function roundTripLength(bytes: Uint8Array): number;
  /**
   * src/as_base64/encodeMany
   * @param items `~lib/array/Array<~lib/typedarray/Uint8Array>`
   * @returns `~lib/array/Array<~lib/string/String>`
   */
  export function encodeMany(items: Array<Uint8Array>): Array<string>;
  /**
   * src/as_base64/encodeStatic
   * @param bytes `~lib/staticarray/StaticArray<u8>`
   * @returns `~lib/string/String`
   */
  export function encodeStatic(bytes: ArrayLike<number>): string;
  /**
   * ~lib/as-base64/assembly/index/encode
   * @param bytes `~lib/typedarray/Uint8Array`
   * @returns `~lib/string/String`
   */
  export function encode(bytes: Uint8Array): string;
  /**
   * ~lib/as-base64/assembly/index/decode
   * @param s `~lib/string/String`
   * @returns `~lib/typedarray/Uint8Array`
   */
  export function decode(s: string): Uint8Array;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
