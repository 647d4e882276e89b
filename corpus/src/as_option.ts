// as-option: a zero-cost Option<T>; the generic class crosses the boundary as concrete instances.
import { Option, Some, None } from "as-option/assembly/index";

export function someI32(v: i32): Option<i32> {
  return Some<i32>(v);
}

export function noneI32(): Option<i32> {
  return None<i32>();
}

export function someString(s: string): Option<string> {
  return Some<string>(s);
}

export function unwrapOr(o: Option<i32>, fallback: i32): i32 {
  return o.isNone ? fallback : o.unwrap();
}

export function stringOr(o: Option<string>, fallback: string): string {
  return o.isNone ? fallback : o.unwrap();
}

// (Option<f64> does not compile: the library's `changetype<T>(0)` cannot make an f64.)
export function parsePositive(s: string): Option<i32> {
  const v = I32.parseInt(s);
  return v > 0 ? Some<i32>(v) : None<i32>();
}

export function firstEven(values: Int32Array): Option<i32> {
  for (let i = 0; i < values.length; i++) if (!(values[i] & 1)) return Some<i32>(values[i]);
  return None<i32>();
}

// A function-typed parameter on our side, passed to the library's unwrapOrElse(action: () => T).
export function orElse(o: Option<i32>, action: () => i32): i32 {
  return o.unwrapOrElse(action);
}
