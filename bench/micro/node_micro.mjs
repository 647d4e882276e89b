// The microbenchmark cases (cases.json) through AssemblyScript's own JS glue (micro.js) under
// Node: the node column of `cargo bench -p asbind-bench --bench micro`.
//
//   node bench/micro/node_micro.mjs [--quick] [--case NAME]...
//
// Prints `{"node": version}`, then one JSON line per case: `{"case": name, "ns": median per call}`.
// Each case is set up and checked like the Rust hosts do it (benches/micro/run.rs): the same
// inputs, one call compared with the expected result, then (timing.rs's plan) an adaptive
// iteration count per sample (about 1 ms and at least 2 calls with --quick, else 10 ms and at
// least 4), 5 or 15 samples, the median. Cases the glue has
// no counterpart for (borrowed views) are skipped.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const STRING_ID = 2; // AssemblyScript 0.24+

/** `n` characters: printable ASCII from U+0020, or Cyrillic from U+0410 (as cases.rs). */
function text(kind, n) {
  const [first, count] = kind === "cyrillic" ? [0x410, 64] : [0x20, 95];
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = first + (i % count);
  let s = "";
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...units.subarray(i, i + 4096));
  return s;
}
const f32s = (n) => Float32Array.from({ length: n }, (_, i) => (i % 1000) * 0.25);
const f64s = (n) => Array.from({ length: n }, (_, i) => i * 0.5);
const rec = () => ({ id: 7, x: 1.5, y: -2.25, name: "a record, 16 ch." });
const recs = (n) => Array.from({ length: n }, (_, i) => ({ id: i, x: i * 0.5, y: i * -0.25, name: `rec ${i}` }));

/** For each op: set up slot `slot`, and return [the call, its expected result]. */
function prepare(glue, raw, c, slot) {
  const n = c.n;
  switch (c.op) {
    case "add": return [() => glue.add(40, 2), 42];
    case "str_lower": { const s = text(c.text, n); return [() => glue.str_len(s), n]; }
    case "str_lift": { const s = text(c.text, n); glue.keep_str(slot, s); return [() => glue.kept_str(slot), s]; }
    case "str_echo": { const s = text(c.text, n); return [() => glue.echo_str(s), s]; }
    case "f32_lower": { const a = f32s(n); return [() => glue.sum_f32(a), a.reduce((x, y) => x + y, 0)]; }
    case "f32_lift": { const a = f32s(n); glue.keep_f32(slot, a); return [() => glue.kept_f32(slot), a]; }
    case "f32_view": return null;
    case "f64_lower": { const a = f64s(n); return [() => glue.sum_f64(a), a.reduce((x, y) => x + y, 0)]; }
    case "f64_lift": { const a = f64s(n); glue.keep_f64(slot, a); return [() => glue.kept_f64(slot), a]; }
    case "rec_echo": { const r = rec(); return [() => glue.echo_rec(r), r]; }
    case "recs_lift": { const a = recs(n); glue.keep_recs(slot, a); return [() => glue.kept_recs(slot), a]; }
    case "new": return [() => raw.__new(n, STRING_ID), undefined];
    case "pin_unpin": {
      const s = text(c.text, n);
      glue.keep_str(slot, s);
      const ptr = raw.kept_str(slot) >>> 0;
      return [() => { raw.__pin(ptr); raw.__unpin(ptr); }, undefined];
    }
    default: throw new Error(`unknown op ${c.op}`);
  }
}

function same(a, b) {
  if (typeof a !== "object" || a === null) return Object.is(a, b);
  if (typeof b !== "object" || b === null) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
}

const box = { sink: 0 };
/**
 * A fresh loop for one case: `iters` calls of `f`, a property of each result into `box.sink`
 * so no call can be optimized away. Compiled per case (`new Function`) so that its call site
 * and result types stay monomorphic, as they would in an application's own loop.
 */
const makeLoop = () => new Function("f", "iters", "box", `
  for (let i = 0; i < iters; i++) {
    const r = f();
    box.sink ^= r === undefined ? 0 : typeof r === "number" ? r | 0 : r.length | 0;
  }`);

function ns(loop, f, iters) {
  const t = process.hrtime.bigint();
  loop(f, iters, box);
  return Number(process.hrtime.bigint() - t) / iters;
}

/**
 * Median ns per call: a warm-up of about four samples (so V8 has optimized the glue), the
 * iteration count calibrated to `targetNs` per sample (at least `minIters`, as timing.rs),
 * `samples` samples.
 */
function measure(f, targetNs, samples, minIters) {
  const loop = makeLoop();
  const warm = process.hrtime.bigint();
  do loop(f, 1, box); while (Number(process.hrtime.bigint() - warm) < 4 * targetNs);
  let iters = 1;
  for (;;) {
    const per = ns(loop, f, iters);
    if (per * iters >= targetNs / 8 || iters >= 2 ** 32) { iters = Math.max(minIters, Math.floor(targetNs / per)); break; }
    iters *= 2;
  }
  const times = Array.from({ length: samples }, () => ns(loop, f, iters)).sort((a, b) => a - b);
  return times[times.length >> 1];
}

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const wanted = args.flatMap((a, i) => (args[i - 1] === "--case" ? [a] : []));
const { cases } = JSON.parse(readFileSync(here("./cases.json"), "utf8"));
const source = readFileSync(here("./micro.js"), "utf8");
// Imported from a data: URL: bench/ has no package.json with "type": "module".
const { instantiate } = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
const glue = await instantiate(new WebAssembly.Module(readFileSync(here("./micro.wasm"))), {});
const raw = Object.getPrototypeOf(glue); // the module's own exports, under the glue's wrappers

console.log(JSON.stringify({ node: process.version }));
const [targetNs, samples, minIters] = quick ? [1e6, 5, 2] : [1e7, 15, 4];
cases.forEach((c, slot) => {
  if (wanted.length && !wanted.includes(c.name)) return;
  const prepared = prepare(glue, raw, c, slot);
  if (!prepared) return;
  const [f, expected] = prepared;
  const got = f();
  if (expected !== undefined && !same(got, expected)) {
    throw new Error(`${c.name}: the glue returned ${String(got).slice(0, 100)}, expected ${String(expected).slice(0, 100)}`);
  }
  console.log(JSON.stringify({ case: c.name, ns: measure(f, targetNs, samples, minIters) }));
});
if (box.sink === 0.5) console.log("unreachable"); // keeps `sink` observable
