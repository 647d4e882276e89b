// as-uuid under WASI, built with @assemblyscript/wasi-shim: randomness, time and console come from
// wasi_snapshot_preview1 imports. (as-uuid's own uuid-wasi.ts does `import "wasi"`, which only
// pre-0.20 compilers had built in, so the same two steps are composed here.)
import rng from "as-uuid/assembly/rng";
import v4 from "as-uuid/assembly/v4";
export { default as stringify } from "as-uuid/assembly/stringify";

function fill(array: Uint8Array): void {
  crypto.getRandomValues(array);
}

export function uuid(): string {
  return v4(rng(fill));
}

export function many(n: i32): Array<string> {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = uuid();
  return out;
}

export function now(): i64 {
  return Date.now();
}

export function log(msg: string): void {
  console.log(msg);
}

export function randomBytes(n: i32): Uint8Array {
  const out = new Uint8Array(n);
  crypto.getRandomValues(out);
  return out;
}
