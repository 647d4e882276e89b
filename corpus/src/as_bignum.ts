// as-bignum: 128/256-bit integers. The library's classes cross the boundary as handles.
import { u128, u256, i128 } from "as-bignum/assembly/index";
export { u128, u256, i128 } from "as-bignum/assembly/index";

export function u128FromString(s: string): u128 {
  return u128.fromString(s);
}

export function u128ToString(x: u128): string {
  return x.toString();
}

export function u128Add(a: u128, b: u128): u128 {
  return a + b;
}

export function u128Mul(a: u128, b: u128): u128 {
  return a * b;
}

export function u128FromParts(lo: u64, hi: u64): u128 {
  return new u128(lo, hi);
}

export function u128Lo(x: u128): u64 {
  return x.lo;
}

export function u128Compare(a: u128, b: u128): i32 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function u128ToBytes(x: u128, bigEndian: bool): Uint8Array {
  const arr = x.toBytes(bigEndian);
  const out = new Uint8Array(arr.length);
  for (let i = 0; i < arr.length; i++) out[i] = arr[i];
  return out;
}

export function u256FromU64(v: u64): u256 {
  return u256.fromU64(v);
}

export function u256ToString(x: u256): string {
  return x.toString();
}

export function i128Neg(x: i128): i128 {
  return -x;
}

export function sumU128(values: Array<u128>): u128 {
  let acc = u128.Zero;
  for (let i = 0; i < values.length; i++) acc = acc + values[i];
  return acc;
}

export function maxU128(): u128 {
  return u128.Max;
}
