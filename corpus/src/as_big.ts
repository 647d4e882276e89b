// as-big: arbitrary-precision decimals (a port of big.js); Big is the library's default export.
import Big from "as-big/index";
export { default as Big } from "as-big/index";

export function add(a: string, b: string): string {
  return Big.of(a).plus(b).toString();
}

export function mul(a: string, b: string): string {
  return Big.of(a).times(b).toString();
}

export function div(a: string, b: string): string {
  return Big.of(a).div(b).toString();
}

export function sqrt(a: string): string {
  return Big.of(a).sqrt().toString();
}

export function round(a: string, dp: i32): string {
  return Big.of(a).round(dp).toString();
}

export function fromF64(x: f64): Big {
  return Big.of(x);
}

export function bigToString(x: Big): string {
  return x.toString();
}

export function bigPlus(x: Big, y: Big): Big {
  return x.plusBig(y);
}

export function bigToNumber(x: Big): f64 {
  return x.toNumber();
}

export function compare(a: string, b: string): i32 {
  const x = Big.of(a);
  return x.ltBig(Big.of(b)) ? -1 : x.gtBig(Big.of(b)) ? 1 : 0;
}

export function sum(values: Array<string>): string {
  let acc = Big.of(0);
  for (let i = 0; i < values.length; i++) acc = acc.plus(values[i]);
  return acc.toString();
}
