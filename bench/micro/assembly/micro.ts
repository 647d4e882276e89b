// The module of asbind's marshalling microbenchmarks (bench/micro, cases in ../cases.json).
//
// Every export does as little as possible so that a call's cost is the crossing and the
// marshalling, not the work: lowering rows pass a value in and get a number back (`str_len`,
// `sum_f32`, ...), lifting rows return a value stored earlier by the host (`kept_*`, stored once
// at setup with `keep_*`), echo rows return their argument.
//
// Stored values live in global arrays (GC roots), one slot per benchmark case.

/** A record: a plain class (no constructor, no base, public fields), copied by value. */
class Rec {
  id: i32 = 0;
  x: f64 = 0;
  y: f64 = 0;
  name: string = "";
}

/** Runtime ids of the containers, for hosts that marshal by hand (the raw baseline). */
export const REC_ID: u32 = idof<Rec>();
export const ARRAY_REC_ID: u32 = idof<Array<Rec>>();
export const FLOAT32ARRAY_ID: u32 = idof<Float32Array>();
export const ARRAY_F64_ID: u32 = idof<Array<f64>>();

/** The numeric call. */
export function add(a: i32, b: i32): i32 {
  return a + b;
}

const strings: string[] = [];
const f32s: Float32Array[] = [];
const f64s: Array<f64>[] = [];
const recs: Array<Rec>[] = [];

/** Stores `s` in `slot` (setup of the string lifting rows). */
export function keep_str(slot: i32, s: string): void {
  while (strings.length <= slot) strings.push("");
  strings[slot] = s;
}

/** The string stored in `slot`. */
export function kept_str(slot: i32): string {
  return strings[slot];
}

/** The length of `s` in UTF-16 code units (string lowering). */
export function str_len(s: string): i32 {
  return s.length;
}

/** `s` itself (lowered, then lifted). */
export function echo_str(s: string): string {
  return s;
}

/** Stores `a` in `slot`. */
export function keep_f32(slot: i32, a: Float32Array): void {
  while (f32s.length <= slot) f32s.push(new Float32Array(0));
  f32s[slot] = a;
}

/** The Float32Array stored in `slot`. */
export function kept_f32(slot: i32): Float32Array {
  return f32s[slot];
}

/** The sum of `a`, in f64 (typed array lowering). */
export function sum_f32(a: Float32Array): f64 {
  let s: f64 = 0;
  for (let i = 0, n = a.length; i < n; i++) s += unchecked(a[i]);
  return s;
}

/** Stores `a` in `slot`. */
export function keep_f64(slot: i32, a: Array<f64>): void {
  while (f64s.length <= slot) f64s.push([]);
  f64s[slot] = a;
}

/** The Array<f64> stored in `slot`. */
export function kept_f64(slot: i32): Array<f64> {
  return f64s[slot];
}

/** The sum of `a` (array lowering). */
export function sum_f64(a: Array<f64>): f64 {
  let s: f64 = 0;
  for (let i = 0, n = a.length; i < n; i++) s += unchecked(a[i]);
  return s;
}

/** `r` itself (lowered, then lifted). */
export function echo_rec(r: Rec): Rec {
  return r;
}

/** Stores `a` in `slot`. */
export function keep_recs(slot: i32, a: Array<Rec>): void {
  while (recs.length <= slot) recs.push([]);
  recs[slot] = a;
}

/** The records stored in `slot`. */
export function kept_recs(slot: i32): Array<Rec> {
  return recs[slot];
}
