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
   * src/as_string_sink/join
   * @param parts `~lib/array/Array<~lib/string/String>`
   * @param sep `~lib/string/String`
   * @returns `~lib/string/String`
   */
  export function join(parts: Array<string>, sep: string): string;
  /**
   * src/as_string_sink/numbers
   * @param values `~lib/typedarray/Float64Array`
   * @returns `~lib/string/String`
   */
  export function numbers(values: Float64Array): string;
  /**
   * src/as_string_sink/repeat
   * @param s `~lib/string/String`
   * @param n `i32`
   * @returns `~lib/string/String`
   */
  export function repeat(s: string, n: number): string;
  /**
   * src/as_string_sink/newSink
   * @param initial `~lib/string/String`
   * @returns `~lib/as-string-sink/assembly/index/StringSink`
   */
  export function newSink(initial: string): __Internref5;
  /**
   * src/as_string_sink/sinkWrite
   * @param sink `~lib/as-string-sink/assembly/index/StringSink`
   * @param s `~lib/string/String`
   */
  export function sinkWrite(sink: __Internref5, s: string): void;
  /**
   * src/as_string_sink/sinkLength
   * @param sink `~lib/as-string-sink/assembly/index/StringSink`
   * @returns `i32`
   */
  export function sinkLength(sink: __Internref5): number;
  /**
   * src/as_string_sink/sinkToString
   * @param sink `~lib/as-string-sink/assembly/index/StringSink`
   * @returns `~lib/string/String`
   */
  export function sinkToString(sink: __Internref5): string;
}
/** ~lib/as-string-sink/assembly/index/StringSink */
declare class __Internref5 extends Number {
  private __nominal5: symbol;
  private __nominal0: symbol;
}
/** Instantiates the compiled WebAssembly module with the given imports. */
export declare function instantiate(module: WebAssembly.Module, imports: {
  env: unknown,
}): Promise<typeof __AdaptedExports>;
