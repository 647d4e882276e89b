//! Differential test: the Rust runtime against AssemblyScript's own JS glue.
//!
//! `tests/differential/node_cases.mjs` runs a fixed list of named cases through the glue the
//! compiler generated (`fixtures/*.js`) under Node and commits the results, canonically encoded,
//! as `tests/differential/node_results.json`. This test performs exactly the same cases through
//! `asbind` (the bindings `asbind::include!` generates for `values.wasm`, `common::values::Values`,
//! and `Instance::func` / `Ctx` for `hello` and `vector3d`), encodes them the same way and
//! requires every case to be present on both sides and equal. Expected values come from that file
//! only: it is the oracle produced by a different implementation.
//!
//! Regenerate the oracle with `node tests/differential/node_cases.mjs` (check it with `--check`).
//!
//! Canonical encoding (see the header of `node_cases.mjs`): bool → bool; integers up to 32 bits
//! → numbers; i64/u64 → decimal strings; floats → numbers, except NaN, ±Infinity and -0 →
//! `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`; strings → strings (code-unit arrays where they
//! hold unpaired surrogates); buffers and arrays → arrays; records → objects by field name;
//! null → null; internrefs only through what the module reports about them.

mod common;

use std::collections::{BTreeMap, HashSet};

use asbind::kinds::Object;
use asbind::{Instance, Ref, Result};
use common::values::{Color, Counter, Inner, Mixed, Point, Segment, Values};
use serde_json::{Map, Number, Value, json};

// ---- canonical encoding ----------------------------------------------------------------------

trait Canon {
    fn canon(&self) -> Value;
}

macro_rules! canon_number {
    ($($t:ty),*) => {$(
        impl Canon for $t {
            fn canon(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
canon_number!(i8, i16, i32, u8, u16, u32);

impl Canon for i64 {
    fn canon(&self) -> Value {
        Value::String(self.to_string())
    }
}
impl Canon for u64 {
    fn canon(&self) -> Value {
        Value::String(self.to_string())
    }
}

fn float(x: f64) -> Value {
    if x.is_nan() {
        "NaN".into()
    } else if x == f64::INFINITY {
        "Infinity".into()
    } else if x == f64::NEG_INFINITY {
        "-Infinity".into()
    } else if x == 0.0 && x.is_sign_negative() {
        "-0".into()
    } else {
        Value::Number(Number::from_f64(x).expect("finite"))
    }
}
impl Canon for f64 {
    fn canon(&self) -> Value {
        float(*self)
    }
}
impl Canon for f32 {
    fn canon(&self) -> Value {
        float(f64::from(*self))
    }
}
impl Canon for bool {
    fn canon(&self) -> Value {
        Value::Bool(*self)
    }
}
impl Canon for String {
    fn canon(&self) -> Value {
        Value::String(self.clone())
    }
}
impl Canon for Value {
    fn canon(&self) -> Value {
        self.clone()
    }
}
impl<T: Canon> Canon for Option<T> {
    fn canon(&self) -> Value {
        self.as_ref().map_or(Value::Null, Canon::canon)
    }
}
impl<T: Canon> Canon for Vec<T> {
    fn canon(&self) -> Value {
        Value::Array(self.iter().map(Canon::canon).collect())
    }
}
impl Canon for Inner {
    fn canon(&self) -> Value {
        json!({ "v": self.v.canon(), "w": self.w.canon() })
    }
}
impl Canon for Mixed {
    fn canon(&self) -> Value {
        json!({
            "a": self.a.canon(),
            "b": self.b.canon(),
            "c": self.c.canon(),
            "s": self.s.canon(),
            "t": self.t.canon(),
            "h": self.h.canon(),
            "n": self.n.canon(),
            "big": self.big.canon(),
            "ub": self.ub.canon(),
            "u": self.u.canon(),
            "f": self.f.canon(),
            "arr": self.arr.canon(),
            "inner": self.inner.canon(),
        })
    }
}
impl Canon for Point {
    fn canon(&self) -> Value {
        json!({ "x": self.x.canon(), "y": self.y.canon() })
    }
}
impl Canon for Segment {
    fn canon(&self) -> Value {
        json!({ "from": self.from.canon(), "to": self.to.canon(), "label": self.label.canon() })
    }
}

/// Numbers compared by value: JS writes the f64 `5.0` as `5`, which parses as an integer.
/// Every number in the encoding is exact as an f64 (64-bit integers travel as strings).
fn normalize(v: &Value) -> Value {
    match v {
        Value::Number(n) => Value::Number(Number::from_f64(n.as_f64().expect("f64")).expect("finite")),
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), normalize(x))).collect()),
        other => other.clone(),
    }
}

/// Leaf-level differences between `node` and `rust`, as readable lines.
fn diff(path: &str, node: &Value, rust: &Value, out: &mut Vec<String>) {
    match (node, rust) {
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(&format!("{path}[{i}]"), x, y, out);
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => diff(&format!("{path}.{k}"), x, y, out),
                    (x, _) => {
                        let side = if x.is_some() { "node" } else { "rust" };
                        out.push(format!("  {path}.{k}: present in {side} only"));
                    }
                }
            }
        }
        _ if normalize(node) == normalize(rust) => {}
        _ => {
            let at = if path.is_empty() { "value" } else { path };
            out.push(format!("  {at}: node {node}, rust {rust}"));
        }
    }
}

// ---- the cases ---------------------------------------------------------------------------------

/// Results of the Rust side, in case order. A case whose call fails is recorded as
/// `{"rust error": "..."}` so that every mismatch is reported at once.
#[derive(Default)]
struct Results {
    cases: Vec<(&'static str, Value)>,
}

impl Results {
    fn case<T: Canon>(&mut self, name: &'static str, result: Result<T>) {
        let value = match result {
            Ok(v) => v.canon(),
            Err(e) => json!({ "rust error": e.to_string() }),
        };
        self.cases.push((name, value));
    }
}

fn global_u32(inst: &mut Instance, name: &str) -> u32 {
    let g = inst.global(name).expect("id global");
    g.get(inst.store_mut()).unwrap_i32() as u32
}

fn values_cases(r: &mut Results) {
    let mut v = Values::open("values").expect("values.wasm instantiates");
    let v = &mut v;

    // ---- scalars ----
    r.case("not_bool.true", v.not_bool(true));
    r.case("not_bool.false", v.not_bool(false));
    r.case("neg_i8.min", v.neg_i8(-128));
    r.case("neg_i8.max", v.neg_i8(127));
    r.case("neg_i16.min", v.neg_i16(-32768));
    r.case("neg_i16.one", v.neg_i16(1));
    r.case("neg_i32.min", v.neg_i32(i32::MIN));
    r.case("neg_i32.max", v.neg_i32(i32::MAX));
    r.case("neg_i64.min", v.neg_i64(i64::MIN));
    r.case("neg_i64.beyond_f64", v.neg_i64(9007199254740993));
    r.case("inc_u8.max", v.inc_u8(255));
    r.case("inc_u8.mid", v.inc_u8(127));
    r.case("inc_u16.max", v.inc_u16(65535));
    r.case("inc_u32.max", v.inc_u32(u32::MAX));
    r.case("inc_u32.i32_max", v.inc_u32(i32::MAX as u32));
    r.case("inc_u64.max", v.inc_u64(u64::MAX));
    r.case("inc_u64.i64_max", v.inc_u64(i64::MAX as u64));
    r.case("neg_isize.min", v.neg_isize(i32::MIN));
    r.case("neg_isize.seven", v.neg_isize(7));
    r.case("inc_usize.max", v.inc_usize(u32::MAX));
    r.case("inc_usize.i32_max", v.inc_usize(i32::MAX as u32));
    r.case("half_f32.three", v.half_f32(3.0));
    r.case("half_f32.max", v.half_f32(3.4028234663852886e38_f64 as f32));
    r.case("half_f32.min_subnormal", v.half_f32(1.401298464324817e-45_f64 as f32));
    r.case("half_f32.neg_zero", v.half_f32(-0.0));
    r.case("half_f32.nan", v.half_f32(f32::NAN));
    r.case("half_f32.inf", v.half_f32(f32::INFINITY));
    r.case("half_f32.neg_inf", v.half_f32(f32::NEG_INFINITY));
    r.case("half_f64.third", v.half_f64(1.0 / 3.0));
    r.case("half_f64.max", v.half_f64(f64::MAX));
    r.case("half_f64.min_subnormal", v.half_f64(5e-324));
    r.case("half_f64.neg_zero", v.half_f64(-0.0));
    r.case("half_f64.nan", v.half_f64(f64::NAN));
    r.case("half_f64.inf", v.half_f64(f64::INFINITY));
    r.case("half_f64.neg_inf", v.half_f64(f64::NEG_INFINITY));
    r.case("u32_max", v.u32_max());
    r.case("u64_max", v.u64_max());
    r.case("i8_min", v.i8_min());
    r.case("mix_scalars.edges", v.mix_scalars(-128, 65535, -9007199254740993, 0.5, true));
    r.case("mix_scalars.zeros", v.mix_scalars(0, 0, 0, -0.0, false));

    // ---- strings ----
    r.case("concat.ascii", v.concat("foo", "bar"));
    r.case("concat.empty", v.concat("", ""));
    r.case("concat.unicode", v.concat("héllo ", "wörld 🎉"));
    r.case("string_length.ascii", v.string_length("hello"));
    r.case("string_length.empty", v.string_length(""));
    r.case("string_length.emoji", v.string_length("a🎉b"));
    r.case("upper_or_null.ascii", v.upper_or_null(Some("abc")));
    r.case("upper_or_null.unicode", v.upper_or_null(Some("héllo wörld")));
    r.case("upper_or_null.empty", v.upper_or_null(Some("")));
    r.case("upper_or_null.null", v.upper_or_null(None));
    r.case("empty_string", v.empty_string());
    r.case("unicode_string", v.unicode_string());
    r.case(
        "lone_surrogate.code_units",
        (|| {
            // `lone_surrogate()` lifts strictly (an error here): call the raw export for the
            // code units.
            let f = v.instance_mut().func::<(), u32>("lone_surrogate")?;
            let mut cx = v.instance_mut().ctx();
            let p = cx.call(&f, ())?;
            cx.lift_utf16(p)
        })(),
    );
    r.case("repeat_string.zero", v.repeat_string("abc", 0));
    r.case("repeat_string.three", v.repeat_string("ab", 3));
    r.case("repeat_string.long_emoji", v.repeat_string("🎉a", 400));

    // ---- ArrayBuffer ----
    r.case("reverse_buffer.bytes", v.reverse_buffer(&[1, 2, 3, 0, 255]));
    r.case("reverse_buffer.empty", v.reverse_buffer(&[]));

    // ---- typed arrays ----
    r.case("twice_i8", v.twice_i8(&[-128, -64, -1, 0, 63, 64, 127]));
    r.case("twice_u8", v.twice_u8(&[0, 1, 127, 128, 255]));
    r.case("twice_u8c", v.twice_u8c(&[0, 1, 100, 127, 128, 255]));
    r.case("twice_i16", v.twice_i16(&[-32768, -16384, -1, 0, 16383, 16384, 32767]));
    r.case("twice_u16", v.twice_u16(&[0, 1, 32767, 32768, 65535]));
    r.case("twice_i32", v.twice_i32(&[i32::MIN, -1, 0, 12345, 1 << 30, i32::MAX]));
    r.case("twice_i32.empty", v.twice_i32(&[]));
    r.case("twice_u32", v.twice_u32(&[0, 1, 2147483647, 2147483648, u32::MAX]));
    r.case("twice_i64", v.twice_i64(&[i64::MIN, -1, 0, 9007199254740993, i64::MAX]));
    r.case("twice_u64", v.twice_u64(&[0, 1, i64::MAX as u64, 1 << 63, u64::MAX]));
    // The same f64 literals as the JS side, rounded to f32 the way Float32Array.of does.
    let f32s =
        [1.5, -0.0, 0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 3.4028234663852886e38, 1.401298464324817e-45]
            .map(|x: f64| x as f32);
    r.case("twice_f32", v.twice_f32(&f32s));
    r.case("twice_f64", v.twice_f64(&[1.5, -0.0, 0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, 5e-324]));
    r.case("subarray_i16", v.subarray_i16());

    // ---- Array<T> ----
    r.case("sum_i32_array", v.sum_i32_array(&[1, 2, 3, -4]));
    r.case("sum_i32_array.empty", v.sum_i32_array(&[]));
    r.case("sum_i32_array.wraps", v.sum_i32_array(&[i32::MAX, 1]));
    r.case("scale_f64_array", v.scale_f64_array(&[1.5, -2.0, 0.0, 0.1], 3.0));
    r.case("scale_f64_array.specials", v.scale_f64_array(&[f64::NAN, f64::INFINITY, 0.0, -0.0], -1.0));
    r.case("scale_f64_array.empty", v.scale_f64_array(&[], 2.0));
    r.case("range_u64.three", v.range_u64(3));
    r.case("range_u64.zero", v.range_u64(0));
    r.case("negate_bools", v.negate_bools(&[true, false, false, true]));
    r.case("negate_bools.empty", v.negate_bools(&[]));
    r.case("join_strings", v.join_strings(&["a", "b", "🎉", ""], ", "));
    r.case("join_strings.empty", v.join_strings(&[], "-"));
    r.case("split_words", v.split_words("the quick  brown 🦊"));
    r.case("split_words.empty", v.split_words(""));
    r.case("count_nulls", v.count_nulls(&[Some("a"), None, Some(""), None, None]));
    r.case("count_nulls.none", v.count_nulls(&[Some("x"), Some("y")]));
    r.case("with_nulls", v.with_nulls());
    r.case("transpose", v.transpose(&[vec![1, 2, 3], vec![4, 5, 6]]));
    r.case("transpose.empty", v.transpose(&[]));
    r.case("transpose.extremes", v.transpose(&[vec![i32::MIN], vec![i32::MAX]]));

    // ---- StaticArray<T> ----
    r.case("static_squares.five", v.static_squares(5));
    r.case("static_squares.zero", v.static_squares(0));
    r.case("static_sum_u16", v.static_sum_u16(&[65535, 65535, 1]));
    r.case("static_sum_u16.empty", v.static_sum_u16(&[]));
    r.case("static_join", v.static_join(&["x", "y", "ζ"]));
    r.case("static_join.empty", v.static_join(&[]));

    // ---- records ----
    r.case("make_mixed", v.make_mixed());
    r.case(
        "bump_mixed.null_n_with_inner",
        v.bump_mixed(&Mixed {
            a: 255,
            b: 1.5,
            c: -1,
            s: "hey".into(),
            t: false,
            h: 65535,
            n: None,
            big: i64::MAX,
            ub: u64::MAX,
            u: u32::MAX,
            f: -2.75,
            arr: vec![1, 2, 3],
            inner: Some(Inner { v: 127, w: -32768 }),
        }),
    );
    r.case(
        "bump_mixed.set_n_without_inner",
        v.bump_mixed(&Mixed {
            a: 0,
            b: -0.5,
            c: i32::MAX,
            s: String::new(),
            t: true,
            h: 0,
            n: Some("present".into()),
            big: i64::MIN,
            ub: 0,
            u: 0,
            f: 0.125,
            arr: vec![],
            inner: None,
        }),
    );
    r.case(
        "bump_mixed.roundtrip_make_mixed",
        (|| {
            let m = v.make_mixed()?;
            v.bump_mixed(&m)
        })(),
    );
    r.case("make_segment", v.make_segment(0.0, 0.5, 3.0, -4.0, "diag ⟶"));
    r.case(
        "segment_length",
        v.segment_length(&Segment { from: Point { x: 1.0, y: 1.0 }, to: Point { x: 4.0, y: 5.0 }, label: "s".into() }),
    );
    r.case(
        "segment_length.zero",
        v.segment_length(&Segment {
            from: Point { x: -0.0, y: 2.0 },
            to: Point { x: 0.0, y: 2.0 },
            label: String::new(),
        }),
    );
    r.case("centroid", v.centroid(&[Point { x: 0.0, y: 0.0 }, Point { x: 2.0, y: 4.0 }, Point { x: 4.0, y: -1.0 }]));
    r.case("centroid.empty", v.centroid(&[]));
    r.case("grid_points", v.grid_points(4));
    r.case("grid_points.zero", v.grid_points(0));
    r.case("maybe_point.some", v.maybe_point(true));
    r.case("maybe_point.none", v.maybe_point(false));

    // ---- internrefs: encoded only by what the module reports about them ----
    r.case(
        "counter.new_bump_get",
        (|| {
            let k = v.counter_new(5)?;
            let bumped = v.counter_bump(&k, 3)?;
            let again = v.counter_bump(&k, -10)?;
            Ok(json!({ "bumped": bumped, "again": again, "get": v.counter_get(&k)? }))
        })(),
    );
    r.case(
        "counter.survives_collect",
        (|| {
            let k = v.counter_new(40)?;
            let filler = v.repeat_string("garbage", 100)?;
            v.collect()?;
            let bumped = v.counter_bump(&k, 2)?;
            Ok(json!({
                "filler_length": filler.encode_utf16().count(),
                "bumped": bumped,
                "get": v.counter_get(&k)?,
            }))
        })(),
    );
    r.case(
        "counter.describe_plain",
        (|| {
            let k = v.counter_new(-3)?;
            v.counter_describe(&k)
        })(),
    );
    r.case(
        "named_counter.describe",
        (|| {
            let n = v.named_counter_new("apples 🍎", 3)?;
            // Upcast: the same object as a `Counter` handle (id 42 is one of Counter's ids).
            let as_counter = Counter::from(n);
            let before = v.counter_describe(&as_counter)?;
            let bumped = v.counter_bump(&as_counter, 4)?;
            Ok(json!({
                "before": before,
                "bumped": bumped,
                "get": v.counter_get(&as_counter)?,
                "after": v.counter_describe(&as_counter)?,
            }))
        })(),
    );
    r.case(
        "counters.sum",
        (|| {
            let cs = v.counters(4)?;
            let each = cs.iter().map(|k| v.counter_get(k)).collect::<Result<Vec<_>>>()?;
            let bumped = v.counter_bump(&cs[1], 10)?;
            Ok(json!({ "length": cs.len(), "each": each, "bumped": bumped, "sum": v.sum_counters(&cs)? }))
        })(),
    );
    r.case(
        "counters.empty",
        (|| {
            let cs = v.counters(0)?;
            Ok(json!({ "length": cs.len(), "sum": v.sum_counters(&cs)? }))
        })(),
    );
    r.case(
        "counters.sum_fresh",
        (|| {
            let cs = vec![v.counter_new(100)?, v.counter_new(-1)?, v.counter_new(20)?];
            v.sum_counters(&cs)
        })(),
    );
    r.case(
        "maybe_counter.some",
        (|| {
            Ok(match v.maybe_counter(true)? {
                None => Value::Null,
                Some(k) => json!({ "get": v.counter_get(&k)?, "describe": v.counter_describe(&k)? }),
            })
        })(),
    );
    r.case("maybe_counter.none", (|| Ok(v.maybe_counter(false)?.map(|_| json!("non-null internref"))))());

    // ---- enum ----
    let (red, green, blue) = (Color::Red as i32, Color::Green as i32, Color::Blue as i32);
    r.case("color.values", Ok(json!({ "Red": red, "Green": green, "Blue": blue })));
    // `next_color` takes and returns the raw i32: the member's name comes from `Color::try_from`.
    let mut next = |c: Color| v.next_color(c.into()).and_then(Color::try_from).map(|c| format!("{c:?}"));
    r.case("next_color.red", next(Color::Red));
    r.case("next_color.green", next(Color::Green));
    r.case("next_color.blue", next(Color::Blue));

    // ---- globals ----
    r.case("global.ANSWER", v.answer());
    r.case("global.BIG_U64", v.big_u64());
    r.case("global.PI_F32", v.pi_f32());
    r.case("global.GREETING", v.greeting());
    r.case(
        "global.counter",
        (|| {
            let initial = v.counter()?;
            v.set_counter(41)?;
            let bumped = v.bump_counter()?;
            Ok(json!({ "initial": initial, "bumped": bumped, "after": v.counter()? }))
        })(),
    );
    r.case(
        "global.counter_wraps",
        (|| {
            v.set_counter(i32::MAX)?;
            let bumped = v.bump_counter()?;
            Ok(json!({ "bumped": bumped, "after": v.counter()? }))
        })(),
    );
    r.case(
        "global.flag",
        (|| {
            let initial = v.flag()?;
            v.set_flag(true)?;
            Ok(json!({ "initial": initial, "after": v.flag()? }))
        })(),
    );
    r.case(
        "global.message",
        (|| {
            let initial = v.read_message()?;
            v.set_message("set from the host ✓")?;
            Ok(json!({ "initial": initial, "read": v.read_message()?, "after": v.message()? }))
        })(),
    );
    r.case(
        "global.maybe_message",
        (|| {
            let initial = v.maybe_message()?;
            v.set_maybe_message(Some("now set"))?;
            let now_set = v.maybe_message()?;
            v.set_maybe_message(None)?;
            Ok(json!({ "initial": initial, "set": now_set, "cleared": v.maybe_message()? }))
        })(),
    );

    // ---- optional parameters ----
    r.case("with_defaults.one_arg", v.with_defaults(7, None));
    r.case("with_defaults.two_args", v.with_defaults(7, Some(3)));
    r.case("greet.with_greeting", v.greet("Ann", Some("Hi")));
    r.case("greet.without_greeting", v.greet("Ann", None));
    r.case("greet.unicode", v.greet("世界", Some("你好")));
    r.case("opt_tail.one_arg", v.opt_tail(1.5, None, None));
    r.case("opt_tail.two_args", v.opt_tail(2.0, Some(-7), None));
    r.case("opt_tail.three_args", v.opt_tail(-0.25, Some(9007199254740993), Some(Some("tail"))));
    r.case("opt_tail.three_args_null", v.opt_tail(0.0, Some(0), Some(None)));
}

fn hello_cases(r: &mut Results) {
    // Seed 12345.0 (common::instance); node_cases.mjs makes the glue's seed return the same.
    let mut h = common::instance("hello");
    let int32_array = global_u32(&mut h, "Int32Array_ID");
    let float32_array = global_u32(&mut h, "Float32Array_ID");
    let sqrt_sum_square = h.func::<(f32, f32), f32>("sqrt_sum_square").unwrap();
    let get_hello_string = h.func::<(), u32>("get_hello_string").unwrap();
    let expand_string = h.func::<u32, u32>("expand_string").unwrap();
    let sum_array = h.func::<u32, i64>("sum_array").unwrap();
    let sum_float_array = h.func::<u32, f64>("sum_float_array").unwrap();
    let get_array = h.func::<(), u32>("get_array").unwrap();
    let random_floats = h.func::<(i32, f32, f32), u32>("generate_random_float_array").unwrap();
    let random_ints = h.func::<i32, u32>("generate_random_integer_array").unwrap();

    r.case("hello.sqrt_sum_square.3_4", h.call(&sqrt_sum_square, (3.0, 4.0)));
    r.case("hello.sqrt_sum_square.1_1", h.call(&sqrt_sum_square, (1.0, 1.0)));
    r.case("hello.sqrt_sum_square.overflow", h.call(&sqrt_sum_square, (3e38_f64 as f32, 3e38_f64 as f32)));
    r.case(
        "hello.get_hello_string",
        (|| {
            let mut cx = h.ctx();
            let p = cx.call(&get_hello_string, ())?;
            cx.lift::<String>(p)
        })(),
    );
    let expand = |h: &mut Instance, s: &str| -> Result<u32> {
        let mut cx = h.ctx();
        let p = cx.lower_str(s)?;
        cx.call(&expand_string, p)
    };
    r.case("hello.expand_string", expand(&mut h, "abc").and_then(|p| h.ctx().lift::<String>(p)));
    r.case("hello.expand_string.empty", expand(&mut h, "").and_then(|p| h.ctx().lift::<String>(p)));
    // expand_string splits by code unit (charAt), tearing the surrogate pair apart.
    r.case("hello.expand_string.unicode.code_units", expand(&mut h, "é🎉").and_then(|p| h.ctx().lift_utf16(p)));
    r.case(
        "hello.sum_array",
        (|| {
            let mut cx = h.ctx();
            let a = cx.lower_typed_array(&[i32::MAX, i32::MAX, -5], int32_array)?;
            cx.call(&sum_array, a)
        })(),
    );
    r.case(
        "hello.sum_float_array",
        (|| {
            let mut cx = h.ctx();
            let a = cx.lower_typed_array(&[0.1_f64 as f32, 0.2_f64 as f32, -1.5], float32_array)?;
            cx.call(&sum_float_array, a)
        })(),
    );
    r.case(
        "hello.get_array",
        (|| {
            let mut cx = h.ctx();
            let p = cx.call(&get_array, ())?;
            cx.lift_vec::<i32>(p)
        })(),
    );
    r.case(
        "hello.generate_random_float_array",
        (|| {
            let mut cx = h.ctx();
            let p = cx.call(&random_floats, (5, 1.0, 2.0))?;
            cx.lift_vec::<f32>(p)
        })(),
    );
    r.case(
        "hello.generate_random_integer_array",
        (|| {
            let mut cx = h.ctx();
            let p = cx.call(&random_ints, 5)?;
            cx.lift_vec::<i32>(p)
        })(),
    );
}

fn vector3d_cases(r: &mut Results) {
    let mut w = common::instance("vector3d");
    let vectors_array = global_u32(&mut w, "VectorsArray_ID");
    let vector_new = w.func::<(f64, f64, f64), u32>("vector_new").unwrap();
    let vector_length = w.func::<u32, f64>("vector_length").unwrap();
    let vector_coords = w.func::<u32, u32>("vector_coords").unwrap();
    let minimum_distance = w.func::<u32, f64>("get_minimum_distance").unwrap();

    let new = |w: &mut Instance, x: f64, y: f64, z: f64| -> Result<Ref<Object>> {
        let mut cx = w.ctx();
        let p = cx.call(&vector_new, (x, y, z))?;
        cx.lift(p)
    };
    let min_distance = |w: &mut Instance, vs: &[Ref<Object>]| -> Result<f64> {
        let mut cx = w.ctx();
        let a = cx.lower_array_of(vs, vectors_array)?;
        cx.call(&minimum_distance, a)
    };

    r.case(
        "vector3d.length",
        (|| {
            let vec = new(&mut w, 1.0, 2.0, 2.0)?;
            let mut cx = w.ctx();
            let p = cx.lower(&vec)?;
            cx.call(&vector_length, p)
        })(),
    );
    r.case(
        "vector3d.coords",
        (|| {
            let vec = new(&mut w, 1.5, -2.0, 0.1)?;
            let mut cx = w.ctx();
            let p = cx.lower(&vec)?;
            let coords = cx.call(&vector_coords, p)?;
            cx.lift::<Vec<f64>>(coords)
        })(),
    );
    r.case(
        "vector3d.minimum_distance",
        (|| {
            let vs = vec![
                new(&mut w, 0.0, 0.0, 0.0)?,
                new(&mut w, 3.0, 3.0, 3.0)?,
                new(&mut w, 1.0, 1.0, 1.0)?,
                new(&mut w, 0.0, 0.0, 2.0)?,
            ];
            min_distance(&mut w, &vs)
        })(),
    );
    r.case(
        "vector3d.minimum_distance.single",
        (|| {
            let vs = vec![new(&mut w, 1.0, 1.0, 1.0)?];
            min_distance(&mut w, &vs)
        })(),
    );
    r.case("vector3d.minimum_distance.empty", min_distance(&mut w, &[]));
}

// ---- the test --------------------------------------------------------------------------------------

#[test]
fn rust_runtime_matches_assemblyscript_js_glue() {
    let mut r = Results::default();
    values_cases(&mut r);
    hello_cases(&mut r);
    vector3d_cases(&mut r);

    let mut seen = HashSet::new();
    for (name, _) in &r.cases {
        assert!(seen.insert(*name), "duplicate Rust case {name}");
    }

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/differential/node_results.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let node: Map<String, Value> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"));

    let mut problems = BTreeMap::new();
    for (name, rust) in &r.cases {
        match node.get(*name) {
            None => {
                problems.insert(name.to_string(), vec![format!("  missing in node_results.json; rust {rust}")]);
            }
            Some(expected) => {
                let mut lines = Vec::new();
                diff("", expected, rust, &mut lines);
                if !lines.is_empty() {
                    if lines.len() > 12 {
                        let more = lines.len() - 12;
                        lines.truncate(12);
                        lines.push(format!("  ... and {more} more differences"));
                    }
                    lines.push(format!("  node: {expected}"));
                    lines.push(format!("  rust: {rust}"));
                    problems.insert(name.to_string(), lines);
                }
            }
        }
    }
    for (name, expected) in &node {
        if !seen.contains(name.as_str()) {
            problems.insert(name.clone(), vec![format!("  no Rust case; node {expected}")]);
        }
    }

    if !problems.is_empty() {
        let mut msg = format!("{} of {} cases differ between Node (AS glue) and asbind:\n", problems.len(), node.len());
        for (name, lines) in &problems {
            msg.push_str(&format!("{name}:\n{}\n", lines.join("\n")));
        }
        panic!("{msg}");
    }
    println!("{} cases identical in Node (AS glue) and asbind", r.cases.len());
}
