// as-variant: a tagged union of any value; Variant is a @final class with only generic methods.
import { Variant } from "as-variant/assembly/index";
export { Variant } from "as-variant/assembly/index";

export function fromI32(v: i32): Variant {
  return Variant.from<i32>(v);
}

export function fromF64(v: f64): Variant {
  return Variant.from<f64>(v);
}

export function fromString(s: string): Variant {
  return Variant.from<string>(s);
}

export function isString(v: Variant): bool {
  return v.is<string>();
}

export function isI32(v: Variant): bool {
  return v.is<i32>();
}

export function asF64(v: Variant): f64 {
  if (v.is<i32>()) return <f64>v.get<i32>();
  if (v.is<f64>()) return v.get<f64>();
  return NaN;
}

export function describe(v: Variant): string {
  if (v.is<string>()) return "string:" + v.get<string>();
  if (v.is<i32>()) return "i32:" + v.get<i32>().toString();
  if (v.is<f64>()) return "f64:" + v.get<f64>().toString();
  return "other:" + v.id.toString();
}

export function mixed(n: i32): Array<Variant> {
  const out = new Array<Variant>();
  for (let i = 0; i < n; i++) out.push(i & 1 ? Variant.from<string>(i.toString()) : Variant.from<i32>(i));
  return out;
}
