//! Property tests: values of every kind lowered into `fixtures/values.wasm` and lifted back,
//! either directly (lower, then lift the same pointer: the runtime's encoders against its
//! decoders, on the module's real allocator and RTTI) or through an export whose result the
//! test computes itself (`concat`, `twice_*`, `transpose`, `bump_mixed`, ...: the module reads
//! what the host wrote and the host reads what the module wrote).
//!
//! Each property runs `PROPTEST_CASES` cases (default 64) on one instance per test thread, and
//! checks after every case that no object is left pinned.

mod common;

use std::cell::RefCell;

use asbind::{ArrayKind, Error, Utf16};
use common::values::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;

thread_local! {
    static VALUES: RefCell<Values> = RefCell::new(Values::open("values").expect("values.wasm instantiates"));
}

/// Runs `f` on this thread's instance, then checks that every handle was released.
fn with<R>(f: impl FnOnce(&mut Values) -> R) -> R {
    VALUES.with(|v| {
        let mut v = v.borrow_mut();
        let out = f(&mut v);
        v.instance_mut().flush_released().expect("flush");
        assert_eq!(v.instance().pinned_count(), 0, "objects left pinned");
        out
    })
}

/// `PROPTEST_CASES` if set, else a count that keeps the whole file at a few seconds in debug.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// A value's bits: floats compare bit for bit (NaN payloads included) where nothing computes
/// on them.
trait Bits {
    fn bits(&self) -> u64;
}
macro_rules! bits_as_int {
    ($($t:ty),*) => {$(impl Bits for $t { fn bits(&self) -> u64 { *self as u64 } })*};
}
bits_as_int!(i8, u8, i16, u16, i32, u32, i64, u64);
impl Bits for bool {
    fn bits(&self) -> u64 {
        u64::from(*self)
    }
}
impl Bits for f32 {
    fn bits(&self) -> u64 {
        u64::from(self.to_bits())
    }
}
impl Bits for f64 {
    fn bits(&self) -> u64 {
        self.to_bits()
    }
}
fn bits<T: Bits>(v: &[T]) -> Vec<u64> {
    v.iter().map(Bits::bits).collect()
}

/// Any `f32`/`f64` bit pattern, NaNs with every payload included.
fn any_f32() -> impl Strategy<Value = f32> {
    any::<u32>().prop_map(f32::from_bits)
}
fn any_f64() -> impl Strategy<Value = f64> {
    any::<u64>().prop_map(f64::from_bits)
}
/// Floats arithmetic keeps exact: no NaN (whose payload wasm arithmetic may change).
fn num_f64() -> impl Strategy<Value = f64> {
    any_f64().prop_filter("not NaN", |x| !x.is_nan())
}
fn num_f32() -> impl Strategy<Value = f32> {
    any_f32().prop_filter("not NaN", |x| !x.is_nan())
}

/// UTF-16 code units with many surrogates (paired by chance, and lone).
fn utf16_units() -> impl Strategy<Value = Vec<u16>> {
    vec(prop_oneof![0u16..0x80, 0xD800u16..0xE000, any::<u16>()], 0..48)
}

/// Text from every plane (`any::<String>()` includes non-BMP characters).
fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

/// Printable ASCII (case mapping is the same in AssemblyScript and Rust there).
fn ascii() -> impl Strategy<Value = String> {
    vec(0x20u8..0x7F, 0..24).prop_map(|b| String::from_utf8(b).expect("ASCII"))
}

fn point() -> impl Strategy<Value = Point> {
    (num_f64(), num_f64()).prop_map(|(x, y)| Point { x, y })
}

prop_compose! {
    fn mixed()(
        a in any::<u8>(), b in num_f64(), c in any::<i32>(), s in text(), t in any::<bool>(),
        h in any::<u16>(), n in proptest::option::of(text()), big in any::<i64>(), ub in any::<u64>(),
        u in any::<u32>(), f in num_f32(), arr in vec(any::<i32>(), 0..8),
        inner in proptest::option::of((any::<i8>(), any::<i16>()).prop_map(|(v, w)| Inner { v, w })),
    ) -> Mixed {
        Mixed { a, b, c, s, t, h, n, big, ub, u, f, arr, inner }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn strings_through_exports_and_globals(s in text(), t in text()) {
        with(|v| {
            prop_assert_eq!(v.concat(&s, &t).unwrap(), format!("{s}{t}"));
            prop_assert_eq!(v.concat(&s, "").unwrap(), s.clone());
            prop_assert_eq!(v.string_length(&s).unwrap() as usize, s.encode_utf16().count());
            v.set_message(&s).unwrap();
            prop_assert_eq!(v.message().unwrap(), s.clone());
            prop_assert_eq!(v.read_message().unwrap(), s.clone(), "the module reads the host's string");
            Ok(())
        })?;
    }

    #[test]
    fn nullable_strings(s in proptest::option::of(text()), a in proptest::option::of(ascii())) {
        with(|v| {
            v.set_maybe_message(s.as_deref()).unwrap();
            prop_assert_eq!(v.maybe_message().unwrap(), s.clone());
            prop_assert_eq!(v.upper_or_null(a.as_deref()).unwrap(), a.as_ref().map(|a| a.to_ascii_uppercase()));
            Ok(())
        })?;
    }

    #[test]
    fn raw_utf16_with_both_policies(units in utf16_units()) {
        with(|v| {
            let concat = v.instance_mut().func::<(u32, u32), u32>("concat").unwrap();
            let valid = String::from_utf16(&units).ok();
            let mut cx = v.instance_mut().ctx();
            // Straight back.
            let p = cx.lower_utf16(&units).unwrap();
            prop_assert_eq!(cx.lift_utf16(p).unwrap(), units.clone());
            // Through the module: `concat(units, "")` copies the code units as they are.
            let a = cx.lower_utf16(&units).and_then(|p| cx.hold(p)).unwrap();
            let b = cx.lower_str("").unwrap();
            let out = cx.call(&concat, (a, b)).unwrap();
            prop_assert_eq!(cx.lift_utf16(out).unwrap(), units.clone());
            prop_assert_eq!(cx.lift_string_lossy(out).unwrap(), String::from_utf16_lossy(&units));
            match (cx.lift_string_strict(out), &valid) {
                (Ok(s), Some(want)) => prop_assert_eq!(&s, want),
                (Err(Error::InvalidUtf16 { ptr }), None) => prop_assert_eq!(ptr, out),
                (got, want) => prop_assert!(false, "strict lift gave {:?}, expected {:?}", got, want),
            }
            // The instance's policy decides what `lift::<String>` (and the bindings) do.
            v.instance_mut().set_utf16(Utf16::Lossy);
            let lossy = v.instance_mut().ctx().lift::<String>(out).unwrap();
            prop_assert_eq!(lossy, String::from_utf16_lossy(&units));
            v.instance_mut().set_utf16(Utf16::Strict);
            let strict = v.instance_mut().ctx().lift::<String>(out).ok();
            prop_assert_eq!(strict, valid);
            Ok(())
        })?;
    }

    #[test]
    fn array_buffers(b in vec(any::<u8>(), 0..64)) {
        with(|v| {
            let mut rev = b.clone();
            rev.reverse();
            prop_assert_eq!(v.reverse_buffer(&b).unwrap(), rev);
            let mut cx = v.instance_mut().ctx();
            let p = cx.lower_array_buffer(&b).unwrap();
            prop_assert_eq!(cx.lift_array_buffer(p).unwrap(), b.clone());
            Ok(())
        })?;
    }

    #[test]
    fn typed_arrays_through_twice(
        i8s in vec(any::<i8>(), 0..32), u8s in vec(any::<u8>(), 0..32), i16s in vec(any::<i16>(), 0..32),
        u16s in vec(any::<u16>(), 0..32), i32s in vec(any::<i32>(), 0..32), u32s in vec(any::<u32>(), 0..32),
        i64s in vec(any::<i64>(), 0..32), u64s in vec(any::<u64>(), 0..32), f32s in vec(num_f32(), 0..32),
        f64s in vec(num_f64(), 0..32),
    ) {
        with(|v| {
            macro_rules! twice {
                ($f:ident, $xs:expr, $model:expr) => {{
                    let want: Vec<_> = $xs.iter().map($model).collect();
                    prop_assert_eq!(bits(&v.$f(&$xs).unwrap()), bits(&want), "{}", stringify!($f));
                }};
            }
            twice!(twice_i8, i8s, |x| x.wrapping_mul(2));
            twice!(twice_u8, u8s, |x| x.wrapping_mul(2));
            twice!(twice_u8c, u8s, |&x| (u16::from(x) * 2).min(255) as u8);
            twice!(twice_i16, i16s, |x| x.wrapping_mul(2));
            twice!(twice_u16, u16s, |x| x.wrapping_mul(2));
            twice!(twice_i32, i32s, |x| x.wrapping_mul(2));
            twice!(twice_u32, u32s, |x| x.wrapping_mul(2));
            twice!(twice_i64, i64s, |x| x.wrapping_mul(2));
            twice!(twice_u64, u64s, |x| x.wrapping_mul(2));
            twice!(twice_f32, f32s, |x| x * 2.0);
            twice!(twice_f64, f64s, |x| x * 2.0);
            Ok(())
        })?;
    }

    #[test]
    fn every_scalar_in_every_layout_the_module_has(
        bools in vec(any::<bool>(), 0..16), i8s in vec(any::<i8>(), 0..16), u8s in vec(any::<u8>(), 0..16),
        i16s in vec(any::<i16>(), 0..16), u16s in vec(any::<u16>(), 0..16), i32s in vec(any::<i32>(), 0..16),
        u32s in vec(any::<u32>(), 0..16), i64s in vec(any::<i64>(), 0..16), u64s in vec(any::<u64>(), 0..16),
        f32s in vec(any_f32(), 0..16), f64s in vec(any_f64(), 0..16),
    ) {
        with(|v| {
            let mut cx = v.instance_mut().ctx();
            let mut layouts = Vec::new();
            macro_rules! each_layout {
                ($t:ty, $xs:expr) => {{
                    for kind in [ArrayKind::Array, ArrayKind::TypedArray, ArrayKind::StaticArray] {
                        let Ok(id) = cx.array_id::<$t>(kind) else { continue };
                        let p = match kind {
                            ArrayKind::Array => cx.lower_array(&$xs, id),
                            ArrayKind::TypedArray => cx.lower_typed_array(&$xs, id),
                            ArrayKind::StaticArray => cx.lower_static_array(&$xs, id),
                        }
                        .unwrap();
                        prop_assert_eq!(bits(&cx.lift::<Vec<$t>>(p).unwrap()), bits(&$xs));
                        prop_assert_eq!(bits(&cx.lift_vec_as::<$t>(p, kind).unwrap()), bits(&$xs));
                        layouts.push((stringify!($t), kind));
                    }
                }};
            }
            each_layout!(bool, bools);
            each_layout!(i8, i8s);
            each_layout!(u8, u8s);
            each_layout!(i16, i16s);
            each_layout!(u16, u16s);
            each_layout!(i32, i32s);
            each_layout!(u32, u32s);
            each_layout!(i64, i64s);
            each_layout!(u64, u64s);
            each_layout!(f32, f32s);
            each_layout!(f64, f64s);
            // The classes values.wasm instantiates: every typed array, and the Array<T> and
            // StaticArray<T> its exports use.
            let mut want: Vec<(&str, ArrayKind)> =
                ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"]
                    .into_iter()
                    .map(|t| (t, ArrayKind::TypedArray))
                    .collect();
            want.extend([("bool", ArrayKind::Array), ("i32", ArrayKind::Array), ("u64", ArrayKind::Array)]);
            want.extend([("f64", ArrayKind::Array), ("u16", ArrayKind::StaticArray), ("f64", ArrayKind::StaticArray)]);
            for w in &want {
                prop_assert!(layouts.contains(w), "no {:?} of {} in values.wasm", w.1, w.0);
            }
            Ok(())
        })?;
    }

    #[test]
    fn arrays_through_exports(
        f64s in vec(any_f64(), 0..24), bools in vec(any::<bool>(), 0..24), i32s in vec(any::<i32>(), 0..24),
        u16s in vec(any::<u16>(), 0..24), n in 0i32..24,
    ) {
        with(|v| {
            let scaled = v.scale_f64_array(&f64s, 1.0).unwrap();
            prop_assert_eq!(scaled.len(), f64s.len());
            for (got, x) in scaled.iter().zip(&f64s) {
                prop_assert!(got == x || (got.is_nan() && x.is_nan()), "{} * 1 = {}", x, got);
            }
            let negated: Vec<bool> = bools.iter().map(|b| !b).collect();
            prop_assert_eq!(v.negate_bools(&bools).unwrap(), negated);
            prop_assert_eq!(v.sum_i32_array(&i32s).unwrap(), i32s.iter().fold(0i32, |s, x| s.wrapping_add(*x)));
            let sum = u16s.iter().fold(0u32, |s, x| s.wrapping_add(u32::from(*x)));
            prop_assert_eq!(v.static_sum_u16(&u16s).unwrap(), sum);
            let range: Vec<u64> = (0..n as u64).map(|i| u64::MAX - i).collect();
            prop_assert_eq!(v.range_u64(n).unwrap(), range);
            let squares: Vec<f64> = (0..n).map(|i| f64::from(i * i)).collect();
            prop_assert_eq!(v.static_squares(n).unwrap(), squares);
            Ok(())
        })?;
    }

    #[test]
    fn arrays_of_strings(words in vec(text(), 0..8), sep in text(), nullable in vec(proptest::option::of(text()), 0..8)) {
        with(|v| {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            prop_assert_eq!(v.join_strings(&refs, &sep).unwrap(), words.join(&sep));
            prop_assert_eq!(v.static_join(&refs).unwrap(), words.join("+"));
            let line = words.join(" ");
            let split: Vec<String> = line.split(' ').map(str::to_string).collect();
            prop_assert_eq!(v.split_words(&line).unwrap(), split);
            let opts: Vec<Option<&str>> = nullable.iter().map(Option::as_deref).collect();
            prop_assert_eq!(v.count_nulls(&opts).unwrap() as usize, nullable.iter().filter(|s| s.is_none()).count());
            // Straight back, both element kinds.
            let mut cx = v.instance_mut().ctx();
            let id = cx.array_id::<String>(ArrayKind::Array).unwrap();
            let p = cx.lower_array_of(&words, id).unwrap();
            prop_assert_eq!(cx.lift::<Vec<String>>(p).unwrap(), words.clone());
            let id = cx.array_id::<Option<String>>(ArrayKind::Array).unwrap();
            let p = cx.lower_array_of(&nullable, id).unwrap();
            prop_assert_eq!(cx.lift::<Vec<Option<String>>>(p).unwrap(), nullable.clone());
            Ok(())
        })?;
    }

    #[test]
    fn nested_arrays_through_transpose(rows in 0usize..6, cols in 1usize..6, seed in vec(any::<i32>(), 36)) {
        with(|v| {
            let m: Vec<Vec<i32>> = (0..rows).map(|r| (0..cols).map(|c| seed[r * 6 + c]).collect()).collect();
            let t: Vec<Vec<i32>> = if rows == 0 {
                Vec::new()
            } else {
                (0..cols).map(|c| (0..rows).map(|r| m[r][c]).collect()).collect()
            };
            let got = v.transpose(&m).unwrap();
            prop_assert_eq!(&got, &t);
            if rows > 0 {
                prop_assert_eq!(v.transpose(&got).unwrap(), m);
            }
            Ok(())
        })?;
    }

    #[test]
    fn records_straight_back(m in mixed(), p in point(), q in proptest::option::of(point()), label in text()) {
        with(|v| {
            let mut cx = v.instance_mut().ctx();
            let ptr = cx.lower(&m).unwrap();
            prop_assert_eq!(cx.lift::<Mixed>(ptr).unwrap(), m.clone());
            let ptr = cx.lower(&q).unwrap();
            prop_assert_eq!(cx.lift::<Option<Point>>(ptr).unwrap(), q.clone());
            let seg = Segment { from: p.clone(), to: q.clone().unwrap_or(Point { x: 0.0, y: 0.0 }), label };
            let ptr = cx.lower(&seg).unwrap();
            prop_assert_eq!(cx.lift::<Segment>(ptr).unwrap(), seg);
            Ok(())
        })?;
    }

    #[test]
    fn records_through_exports(m in mixed(), a in point(), b in point(), label in text()) {
        with(|v| {
            let want = Mixed {
                a: m.a.wrapping_add(1),
                b: m.b + 1.0,
                c: m.c.wrapping_add(1),
                s: format!("{}!", m.s),
                t: !m.t,
                h: m.h.wrapping_add(1),
                n: if m.n.is_none() { Some("was null".into()) } else { None },
                big: m.big.wrapping_add(1),
                ub: m.ub.wrapping_add(1),
                u: m.u.wrapping_add(1),
                f: m.f + 1.0,
                arr: m.arr.iter().rev().copied().collect(),
                inner: m.inner.as_ref().map(|i| Inner { v: i.v.wrapping_add(1), w: i.w.wrapping_add(1) }),
            };
            prop_assert_eq!(v.bump_mixed(&m).unwrap(), want);
            let seg = v.make_segment(a.x, a.y, b.x, b.y, &label).unwrap();
            prop_assert_eq!(&seg, &Segment { from: a.clone(), to: b.clone(), label: label.clone() });
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = v.segment_length(&seg).unwrap();
            let want = (dx * dx + dy * dy).sqrt();
            prop_assert!(len == want || (len.is_nan() && want.is_nan()), "{} vs {}", len, want);
            Ok(())
        })?;
    }

    #[test]
    fn arrays_of_records(ps in vec(point(), 0..12), n in 0i32..12) {
        with(|v| {
            let mut c = Point { x: 0.0, y: 0.0 };
            for p in &ps {
                c.x += p.x;
                c.y += p.y;
            }
            if !ps.is_empty() {
                c.x /= ps.len() as f64;
                c.y /= ps.len() as f64;
            }
            let got = v.centroid(&ps).unwrap();
            let same = |a: f64, b: f64| a == b || (a.is_nan() && b.is_nan());
            prop_assert!(same(got.x, c.x) && same(got.y, c.y), "centroid {:?}, expected {:?}", got, c);
            let grid: Vec<Point> = (0..n).map(|i| Point { x: f64::from(i), y: f64::from(i * 2) }).collect();
            prop_assert_eq!(v.grid_points(n).unwrap(), grid);
            let mut cx = v.instance_mut().ctx();
            let id = cx.array_id::<Point>(ArrayKind::Array).unwrap();
            let p = cx.lower_array_of(&ps, id).unwrap();
            prop_assert_eq!(cx.lift::<Vec<Point>>(p).unwrap(), ps.clone());
            Ok(())
        })?;
    }
}
