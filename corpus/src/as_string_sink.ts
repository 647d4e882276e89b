// as-string-sink: a growable string builder, used from ordinary string/number functions.
import { StringSink } from "as-string-sink/assembly/index";
export { StringSink } from "as-string-sink/assembly/index";

export function join(parts: Array<string>, sep: string): string {
  const sink = new StringSink();
  for (let i = 0; i < parts.length; i++) {
    if (i) sink.write(sep);
    sink.write(parts[i]);
  }
  return sink.toString();
}

export function numbers(values: Float64Array): string {
  const sink = StringSink.withCapacity(64);
  for (let i = 0; i < values.length; i++) {
    sink.writeNumber(values[i]);
    sink.writeLn();
  }
  return sink.toString();
}

export function repeat(s: string, n: i32): string {
  const sink = new StringSink();
  for (let i = 0; i < n; i++) sink.write(s);
  return sink.toString();
}

export function newSink(initial: string): StringSink {
  return new StringSink(initial);
}

export function sinkWrite(sink: StringSink, s: string): void {
  sink.write(s);
}

export function sinkLength(sink: StringSink): i32 {
  return sink.length;
}

export function sinkToString(sink: StringSink): string {
  return sink.toString();
}
