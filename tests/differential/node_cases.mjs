// Differential oracle: runs a fixed list of named cases through AssemblyScript's own generated
// JS glue (fixtures/*.js, asc 0.28.20) under Node and writes their canonically encoded results
// to node_results.json. tests/differential.rs performs exactly the same cases through the Rust
// runtime and compares against that file.
//
//   node tests/differential/node_cases.mjs          # (re)write node_results.json
//   node tests/differential/node_cases.mjs --check  # exit 1 if the committed file is stale
//
// Canonical encoding (shared with tests/differential.rs):
//   * bool → true/false; i8..i32, u8..u32, isize/usize → JSON numbers;
//   * i64/u64 (BigInt) → decimal strings;
//   * f32/f64 → JSON numbers, except NaN, Infinity, -Infinity and -0, which become the strings
//     "NaN", "Infinity", "-Infinity" and "-0" (JSON numbers cannot carry them);
//   * strings → JSON strings (a string with an unpaired surrogate is encoded as its array of
//     UTF-16 code units, since JSON text cannot hold it);
//   * ArrayBuffer, typed arrays, Array<T>, StaticArray<T> → JSON arrays of encoded elements;
//   * records → objects keyed by field name, in declaration order;
//   * null → null;
//   * internrefs never by pointer: only by what the module reports about them (counter_get, ...).
//
// No dependencies; Node 20.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const fixture = (name) => here(`../../fixtures/${name}`);
const RESULTS = here("./node_results.json");

// The glue's env.seed is `Date.now() * Math.random()` and cannot be overridden through the
// imports object. Only hello.wasm's generate_random_* use it; make it return exactly 12345.0,
// the seed tests/common::instance gives the Rust side, so AssemblyScript's own PRNG produces the
// same sequence on both sides. values.wasm does not import seed at all.
Date.now = () => 24690;
Math.random = () => 0.5;

async function load(name) {
  // Imported from a data: URL: fixtures/package.json has no "type": "module", and importing the
  // .js file directly makes Node print a MODULE_TYPELESS_PACKAGE_JSON warning.
  const source = readFileSync(fixture(`${name}.js`), "utf8");
  const url = `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
  const { instantiate } = await import(url);
  const module = new WebAssembly.Module(readFileSync(fixture(`${name}.wasm`)));
  const glue = await instantiate(module, {});
  // The glue object's prototype is the raw wasm exports object (Object.setPrototypeOf(…, exports)).
  const raw = Object.getPrototypeOf(glue);
  return { glue, raw };
}

// ---- canonical encoding -------------------------------------------------------------------------

function encFloat(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return x;
}

function enc(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      // JSON text cannot carry an unpaired surrogate; such cases must encode code units.
      if (!v.isWellFormed()) throw new Error(`string with an unpaired surrogate: use codeUnits()`);
      return v;
    case "bigint":
      return v.toString();
    case "number":
      // Integers never arrive as -0 from wasm i32 results, so one rule covers ints and floats.
      return encFloat(v);
  }
  if (v instanceof Number) throw new Error("internrefs must not be encoded by pointer");
  if (v instanceof ArrayBuffer) return Array.from(new Uint8Array(v));
  if (ArrayBuffer.isView(v)) return Array.from(v, enc);
  if (Array.isArray(v)) return v.map(enc);
  if (typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = enc(x);
    return out;
  }
  throw new Error(`cannot encode ${typeof v}`);
}

/** UTF-16 code units of a JS string (lossless for unpaired surrogates). */
const codeUnits = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

// ---- cases --------------------------------------------------------------------------------------

async function run() {
  const results = {};
  const c = (name, f) => {
    if (name in results) throw new Error(`duplicate case ${name}`);
    results[name] = enc(f());
  };

  // ================================ values.wasm ==================================================
  const { glue: v, raw: vr } = await load("values");

  // Minimal raw-ABI string helpers (same algorithm as the glue's private __lowerString /
  // __liftString; String has runtime id 2), needed where the glue itself cannot make the call.
  const rawLowerString = (s) => {
    const p = vr.__new(s.length << 1, 2) >>> 0;
    const u16 = new Uint16Array(vr.memory.buffer, p, s.length);
    for (let i = 0; i < s.length; i++) u16[i] = s.charCodeAt(i);
    return p;
  };
  const rawLiftString = (p) => {
    if (!p) return null;
    const len = new Uint32Array(vr.memory.buffer)[(p - 4) >>> 2] >>> 1;
    return String.fromCharCode(...new Uint16Array(vr.memory.buffer, p, len));
  };

  // ---- scalars ----
  c("not_bool.true", () => v.not_bool(true));
  c("not_bool.false", () => v.not_bool(false));
  c("neg_i8.min", () => v.neg_i8(-128));
  c("neg_i8.max", () => v.neg_i8(127));
  c("neg_i16.min", () => v.neg_i16(-32768));
  c("neg_i16.one", () => v.neg_i16(1));
  c("neg_i32.min", () => v.neg_i32(-2147483648));
  c("neg_i32.max", () => v.neg_i32(2147483647));
  c("neg_i64.min", () => v.neg_i64(-9223372036854775808n));
  c("neg_i64.beyond_f64", () => v.neg_i64(9007199254740993n));
  c("inc_u8.max", () => v.inc_u8(255));
  c("inc_u8.mid", () => v.inc_u8(127));
  c("inc_u16.max", () => v.inc_u16(65535));
  c("inc_u32.max", () => v.inc_u32(4294967295));
  c("inc_u32.i32_max", () => v.inc_u32(2147483647));
  c("inc_u64.max", () => v.inc_u64(18446744073709551615n));
  c("inc_u64.i64_max", () => v.inc_u64(9223372036854775807n));
  c("neg_isize.min", () => v.neg_isize(-2147483648));
  c("neg_isize.seven", () => v.neg_isize(7));
  c("inc_usize.max", () => v.inc_usize(4294967295));
  c("inc_usize.i32_max", () => v.inc_usize(2147483647));
  c("half_f32.three", () => v.half_f32(3));
  c("half_f32.max", () => v.half_f32(3.4028234663852886e38));
  c("half_f32.min_subnormal", () => v.half_f32(1.401298464324817e-45));
  c("half_f32.neg_zero", () => v.half_f32(-0));
  c("half_f32.nan", () => v.half_f32(NaN));
  c("half_f32.inf", () => v.half_f32(Infinity));
  c("half_f32.neg_inf", () => v.half_f32(-Infinity));
  c("half_f64.third", () => v.half_f64(1 / 3));
  c("half_f64.max", () => v.half_f64(Number.MAX_VALUE));
  c("half_f64.min_subnormal", () => v.half_f64(5e-324));
  c("half_f64.neg_zero", () => v.half_f64(-0));
  c("half_f64.nan", () => v.half_f64(NaN));
  c("half_f64.inf", () => v.half_f64(Infinity));
  c("half_f64.neg_inf", () => v.half_f64(-Infinity));
  c("u32_max", () => v.u32_max());
  c("u64_max", () => v.u64_max());
  c("i8_min", () => v.i8_min());
  c("mix_scalars.edges", () => v.mix_scalars(-128, 65535, -9007199254740993n, 0.5, true));
  c("mix_scalars.zeros", () => v.mix_scalars(0, 0, 0n, -0, false));

  // ---- strings ----
  c("concat.ascii", () => v.concat("foo", "bar"));
  c("concat.empty", () => v.concat("", ""));
  c("concat.unicode", () => v.concat("héllo ", "wörld 🎉"));
  c("string_length.ascii", () => v.string_length("hello"));
  c("string_length.empty", () => v.string_length(""));
  c("string_length.emoji", () => v.string_length("a🎉b"));
  c("upper_or_null.ascii", () => v.upper_or_null("abc"));
  c("upper_or_null.unicode", () => v.upper_or_null("héllo wörld"));
  c("upper_or_null.empty", () => v.upper_or_null(""));
  c("upper_or_null.null", () => v.upper_or_null(null));
  c("empty_string", () => v.empty_string());
  c("unicode_string", () => v.unicode_string());
  c("lone_surrogate.code_units", () => codeUnits(v.lone_surrogate()));
  c("repeat_string.zero", () => v.repeat_string("abc", 0));
  c("repeat_string.three", () => v.repeat_string("ab", 3));
  // 1200 code units: longer than the glue's 1024-unit lifting chunks, with a surrogate pair
  // straddling the chunk boundary (units 1023/1024).
  c("repeat_string.long_emoji", () => v.repeat_string("🎉a", 400));

  // ---- ArrayBuffer ----
  c("reverse_buffer.bytes", () => v.reverse_buffer(new Uint8Array([1, 2, 3, 0, 255]).buffer));
  c("reverse_buffer.empty", () => v.reverse_buffer(new ArrayBuffer(0)));

  // ---- typed arrays ----
  c("twice_i8", () => v.twice_i8(Int8Array.of(-128, -64, -1, 0, 63, 64, 127)));
  c("twice_u8", () => v.twice_u8(Uint8Array.of(0, 1, 127, 128, 255)));
  c("twice_u8c", () => v.twice_u8c(Uint8ClampedArray.of(0, 1, 100, 127, 128, 255)));
  c("twice_i16", () => v.twice_i16(Int16Array.of(-32768, -16384, -1, 0, 16383, 16384, 32767)));
  c("twice_u16", () => v.twice_u16(Uint16Array.of(0, 1, 32767, 32768, 65535)));
  c("twice_i32", () => v.twice_i32(Int32Array.of(-2147483648, -1, 0, 12345, 1073741824, 2147483647)));
  c("twice_i32.empty", () => v.twice_i32(new Int32Array(0)));
  c("twice_u32", () => v.twice_u32(Uint32Array.of(0, 1, 2147483647, 2147483648, 4294967295)));
  c("twice_i64", () =>
    v.twice_i64(BigInt64Array.of(-9223372036854775808n, -1n, 0n, 9007199254740993n, 9223372036854775807n)));
  c("twice_u64", () =>
    v.twice_u64(BigUint64Array.of(0n, 1n, 9223372036854775807n, 9223372036854775808n, 18446744073709551615n)));
  c("twice_f32", () =>
    v.twice_f32(Float32Array.of(1.5, -0, 0.1, NaN, Infinity, -Infinity, 3.4028234663852886e38, 1.401298464324817e-45)));
  c("twice_f64", () =>
    v.twice_f64(Float64Array.of(1.5, -0, 0.1, NaN, Infinity, -Infinity, Number.MAX_VALUE, 5e-324)));
  c("subarray_i16", () => v.subarray_i16());

  // ---- Array<T> ----
  c("sum_i32_array", () => v.sum_i32_array([1, 2, 3, -4]));
  c("sum_i32_array.empty", () => v.sum_i32_array([]));
  c("sum_i32_array.wraps", () => v.sum_i32_array([2147483647, 1]));
  c("scale_f64_array", () => v.scale_f64_array([1.5, -2, 0, 0.1], 3));
  c("scale_f64_array.specials", () => v.scale_f64_array([NaN, Infinity, 0, -0], -1));
  c("scale_f64_array.empty", () => v.scale_f64_array([], 2));
  c("range_u64.three", () => v.range_u64(3));
  c("range_u64.zero", () => v.range_u64(0));
  c("negate_bools", () => v.negate_bools([true, false, false, true]));
  c("negate_bools.empty", () => v.negate_bools([]));
  c("join_strings", () => v.join_strings(["a", "b", "🎉", ""], ", "));
  c("join_strings.empty", () => v.join_strings([], "-"));
  c("split_words", () => v.split_words("the quick  brown 🦊"));
  c("split_words.empty", () => v.split_words(""));
  c("count_nulls", () => v.count_nulls(["a", null, "", null, null]));
  c("count_nulls.none", () => v.count_nulls(["x", "y"]));
  c("with_nulls", () => v.with_nulls());
  c("transpose", () => v.transpose([[1, 2, 3], [4, 5, 6]]));
  c("transpose.empty", () => v.transpose([]));
  c("transpose.extremes", () => v.transpose([[-2147483648], [2147483647]]));

  // ---- StaticArray<T> ----
  c("static_squares.five", () => v.static_squares(5));
  c("static_squares.zero", () => v.static_squares(0));
  c("static_sum_u16", () => v.static_sum_u16([65535, 65535, 1]));
  c("static_sum_u16.empty", () => v.static_sum_u16([]));
  c("static_join", () => v.static_join(["x", "y", "ζ"]));
  c("static_join.empty", () => v.static_join([]));

  // ---- records ----
  c("make_mixed", () => v.make_mixed());
  c("bump_mixed.null_n_with_inner", () =>
    v.bump_mixed({
      a: 255, b: 1.5, c: -1, s: "hey", t: false, h: 65535, n: null,
      big: 9223372036854775807n, ub: 18446744073709551615n, u: 4294967295, f: -2.75,
      arr: [1, 2, 3], inner: { v: 127, w: -32768 },
    }));
  c("bump_mixed.set_n_without_inner", () =>
    v.bump_mixed({
      a: 0, b: -0.5, c: 2147483647, s: "", t: true, h: 0, n: "present",
      big: -9223372036854775808n, ub: 0n, u: 0, f: 0.125,
      arr: [], inner: null,
    }));
  c("bump_mixed.roundtrip_make_mixed", () => v.bump_mixed(v.make_mixed()));
  c("make_segment", () => v.make_segment(0, 0.5, 3, -4, "diag ⟶"));
  c("segment_length", () => v.segment_length({ from: { x: 1, y: 1 }, to: { x: 4, y: 5 }, label: "s" }));
  c("segment_length.zero", () => v.segment_length({ from: { x: -0, y: 2 }, to: { x: 0, y: 2 }, label: "" }));
  c("centroid", () => v.centroid([{ x: 0, y: 0 }, { x: 2, y: 4 }, { x: 4, y: -1 }]));
  c("centroid.empty", () => v.centroid([]));
  c("grid_points", () => v.grid_points(4));
  c("grid_points.zero", () => v.grid_points(0));
  c("maybe_point.some", () => v.maybe_point(true));
  c("maybe_point.none", () => v.maybe_point(false));

  // ---- internrefs: encoded only by what the module reports about them ----
  c("counter.new_bump_get", () => {
    const k = v.counter_new(5);
    const bumped = v.counter_bump(k, 3);
    const again = v.counter_bump(k, -10);
    return { bumped, again, get: v.counter_get(k) };
  });
  c("counter.survives_collect", () => {
    const k = v.counter_new(40);
    const filler = v.repeat_string("garbage", 100); // allocate, then collect
    vr.__collect();
    return { filler_length: filler.length, bumped: v.counter_bump(k, 2), get: v.counter_get(k) };
  });
  c("counter.describe_plain", () => v.counter_describe(v.counter_new(-3)));
  c("named_counter.describe", () => {
    const n = v.named_counter_new("apples 🍎", 3);
    const before = v.counter_describe(n);
    const bumped = v.counter_bump(n, 4);
    return { before, bumped, get: v.counter_get(n), after: v.counter_describe(n) };
  });
  c("counters.sum", () => {
    const cs = v.counters(4);
    const each = cs.map((k) => v.counter_get(k));
    const bumped = v.counter_bump(cs[1], 10);
    return { length: cs.length, each, bumped, sum: v.sum_counters(cs) };
  });
  c("counters.empty", () => {
    const cs = v.counters(0);
    return { length: cs.length, sum: v.sum_counters(cs) };
  });
  c("counters.sum_fresh", () => v.sum_counters([v.counter_new(100), v.counter_new(-1), v.counter_new(20)]));
  c("maybe_counter.some", () => {
    const k = v.maybe_counter(true);
    return k === null ? null : { get: v.counter_get(k), describe: v.counter_describe(k) };
  });
  c("maybe_counter.none", () => v.maybe_counter(false));

  // ---- enum ----
  c("color.values", () => ({ Red: v.Color.Red, Green: v.Color.Green, Blue: v.Color.Blue }));
  c("next_color.red", () => v.Color[v.next_color(v.Color.Red)]);
  c("next_color.green", () => v.Color[v.next_color(v.Color.Green)]);
  c("next_color.blue", () => v.Color[v.next_color(v.Color.Blue)]);

  // ---- globals ----
  c("global.ANSWER", () => v.ANSWER.value);
  c("global.BIG_U64", () => v.BIG_U64.value);
  c("global.PI_F32", () => v.PI_F32.value);
  c("global.GREETING", () => v.GREETING.value);
  c("global.counter", () => {
    const initial = v.counter.value;
    v.counter.value = 41;
    const bumped = v.bump_counter();
    return { initial, bumped, after: v.counter.value };
  });
  c("global.counter_wraps", () => {
    v.counter.value = 2147483647;
    return { bumped: v.bump_counter(), after: v.counter.value };
  });
  c("global.flag", () => {
    const initial = v.flag.value;
    v.flag.value = true;
    return { initial, after: v.flag.value };
  });
  c("global.message", () => {
    const initial = v.read_message();
    v.message.value = "set from the host ✓";
    return { initial, read: v.read_message(), after: v.message.value };
  });
  c("global.maybe_message", () => {
    const initial = v.maybe_message.value;
    v.maybe_message.value = "now set";
    const set = v.maybe_message.value;
    v.maybe_message.value = null;
    return { initial, set, cleared: v.maybe_message.value };
  });

  // ---- optional parameters ----
  // with_defaults(a: i32, b: i32 = 10) has a "plain" signature, so the glue passes the raw
  // export through and never calls __setArgumentsLength: it traps `unreachable` through the glue
  // (AS_ABI.md §8.9, glue bug 1). Call the raw export with the argument count set, as the glue
  // should have.
  c("with_defaults.one_arg", () => {
    vr.__setArgumentsLength(1);
    return vr.with_defaults(7);
  });
  c("with_defaults.two_args", () => {
    vr.__setArgumentsLength(2);
    return vr.with_defaults(7, 3);
  });
  c("greet.with_greeting", () => v.greet("Ann", "Hi"));
  // greet(name) through the glue lowers the omitted greeting with `|| __notnull()` and throws
  // TypeError (AS_ABI.md §8.9, glue bug 2). Make the call on the raw exports instead.
  c("greet.without_greeting", () => {
    const name = rawLowerString("Ann");
    vr.__setArgumentsLength(1);
    return rawLiftString(vr.greet(name, 0) >>> 0);
  });
  c("greet.unicode", () => v.greet("世界", "你好"));
  c("opt_tail.one_arg", () => v.opt_tail(1.5));
  c("opt_tail.two_args", () => v.opt_tail(2, -7n));
  c("opt_tail.three_args", () => v.opt_tail(-0.25, 9007199254740993n, "tail"));
  c("opt_tail.three_args_null", () => v.opt_tail(0, 0n, null));

  // ================================ hello.wasm ===================================================
  const { glue: h } = await load("hello");
  c("hello.sqrt_sum_square.3_4", () => h.sqrt_sum_square(3, 4));
  c("hello.sqrt_sum_square.1_1", () => h.sqrt_sum_square(1, 1));
  c("hello.sqrt_sum_square.overflow", () => h.sqrt_sum_square(3e38, 3e38));
  c("hello.get_hello_string", () => h.get_hello_string());
  c("hello.expand_string", () => h.expand_string("abc"));
  c("hello.expand_string.empty", () => h.expand_string(""));
  // expand_string splits by code unit (charAt), tearing the surrogate pair apart.
  c("hello.expand_string.unicode.code_units", () => codeUnits(h.expand_string("é🎉")));
  c("hello.sum_array", () => h.sum_array(Int32Array.of(2147483647, 2147483647, -5)));
  c("hello.sum_float_array", () => h.sum_float_array(Float32Array.of(0.1, 0.2, -1.5)));
  c("hello.get_array", () => h.get_array());
  // Deterministic only because env.seed is fixed (see the top of this file).
  c("hello.generate_random_float_array", () => h.generate_random_float_array(5, 1, 2));
  c("hello.generate_random_integer_array", () => h.generate_random_integer_array(5));

  // ================================ vector3d.wasm ================================================
  const { glue: w } = await load("vector3d");
  c("vector3d.length", () => w.vector_length(w.vector_new(1, 2, 2)));
  c("vector3d.coords", () => w.vector_coords(w.vector_new(1.5, -2, 0.1)));
  c("vector3d.minimum_distance", () =>
    w.get_minimum_distance([w.vector_new(0, 0, 0), w.vector_new(3, 3, 3), w.vector_new(1, 1, 1), w.vector_new(0, 0, 2)]));
  c("vector3d.minimum_distance.single", () => w.get_minimum_distance([w.vector_new(1, 1, 1)]));
  c("vector3d.minimum_distance.empty", () => w.get_minimum_distance([]));

  return results;
}

// ---- output ---------------------------------------------------------------------------------------

const render = (results) => JSON.stringify(results, null, 2) + "\n";

const results = await run();
const text = render(results);

if (process.argv.includes("--check")) {
  let committed;
  try {
    committed = readFileSync(RESULTS, "utf8");
  } catch (e) {
    console.error(`cannot read ${RESULTS}: ${e.message}`);
    process.exit(1);
  }
  if (committed === text) {
    console.log(`node_results.json is up to date (${Object.keys(results).length} cases)`);
  } else {
    let old = {};
    try {
      old = JSON.parse(committed);
    } catch (e) {
      console.error(`committed node_results.json is not valid JSON: ${e.message}`);
    }
    const names = [...new Set([...Object.keys(old), ...Object.keys(results)])];
    const differing = names.filter((n) => JSON.stringify(old[n]) !== JSON.stringify(results[n]));
    console.error("node_results.json is stale; differing cases:");
    for (const n of differing) {
      console.error(`  ${n}`);
      console.error(`    committed: ${n in old ? JSON.stringify(old[n]) : "(missing)"}`);
      console.error(`    computed:  ${n in results ? JSON.stringify(results[n]) : "(missing)"}`);
    }
    if (differing.length === 0) console.error("  (none by value: formatting or case order differs)");
    console.error("rerun without --check to regenerate");
    process.exit(1);
  }
} else {
  writeFileSync(RESULTS, text);
  console.log(`wrote ${RESULTS} (${Object.keys(results).length} cases)`);
}
