// as-uuid: random v4 UUIDs (Math.random, so the host supplies the seed import).
import uuid from "as-uuid/assembly/index";
export { default as uuid } from "as-uuid/assembly/index";
// rng takes a function-typed parameter with a default: `gen: (array: Uint8Array) => void = randomFill`.
export { default as rng } from "as-uuid/assembly/rng";

export function many(n: i32): Array<string> {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = uuid();
  return out;
}

export function isV4(s: string): bool {
  return s.length == 36 && s.charAt(14) == "4" && s.charAt(8) == "-";
}
