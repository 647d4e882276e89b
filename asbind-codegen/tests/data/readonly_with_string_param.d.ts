declare namespace __AdaptedExports {
  /** Exported memory */
  export const memory: WebAssembly.Memory;
  /**
   * src/readonly/get_greeting
   * @returns `~lib/string/String`
   */
  export function get_greeting(): string;
  /**
   * src/readonly/string_length
   * @param s `~lib/string/String`
   * @returns `i32`
   */
  export function string_length(s: string): number;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
