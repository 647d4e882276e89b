//! Every export of `fixtures/values.wasm`, through the bindings `asbind::include!` generates, on
//! all three AssemblyScript runtimes (incremental GC, minimal, stub).

mod common;

use asbind::{Error, Utf16};
use common::values::*;

const RUNTIMES: [&str; 3] = ["values", "values_minimal", "values_stub"];

fn each(test: impl Fn(&mut Values)) {
    for name in RUNTIMES {
        let mut v = Values::open(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        test(&mut v);
        v.instance_mut().flush_released().unwrap();
        assert_eq!(v.instance().pinned_count(), 0, "{name}: pin table not empty at the end");
    }
}

#[test]
fn scalars_keep_sign_and_width() {
    each(|v| {
        assert!(!v.not_bool(true).unwrap());
        assert!(v.not_bool(false).unwrap());
        assert_eq!(v.neg_i8(-128).unwrap(), -128, "i8 wraps");
        assert_eq!(v.neg_i8(5).unwrap(), -5);
        assert_eq!(v.neg_i16(300).unwrap(), -300);
        assert_eq!(v.neg_i32(i32::MAX).unwrap(), -i32::MAX);
        assert_eq!(v.neg_i64(1 << 40).unwrap(), -(1 << 40));
        assert_eq!(v.inc_u8(255).unwrap(), 0);
        assert_eq!(v.inc_u8(41).unwrap(), 42);
        assert_eq!(v.inc_u16(65535).unwrap(), 0);
        assert_eq!(v.inc_u32(u32::MAX - 1).unwrap(), u32::MAX);
        assert_eq!(v.inc_u64(u64::MAX - 1).unwrap(), u64::MAX);
        assert_eq!(v.neg_isize(7).unwrap(), -7);
        assert_eq!(v.inc_usize(0xFFFF_FFFE).unwrap(), 0xFFFF_FFFF);
        assert_eq!(v.half_f32(3.0).unwrap(), 1.5);
        assert_eq!(v.half_f64(-1.0).unwrap(), -0.5);
        assert!(v.half_f64(f64::NAN).unwrap().is_nan());
        assert_eq!(v.u32_max().unwrap(), u32::MAX);
        assert_eq!(v.u64_max().unwrap(), u64::MAX);
        assert_eq!(v.i8_min().unwrap(), i8::MIN);
        assert_eq!(
            v.mix_scalars(-1, 65535, -(1 << 33), 0.5, true).unwrap(),
            -1.0 + 65535.0 - 8589934592.0 + 0.5 + 1000.0
        );
    });
}

#[test]
fn strings_both_ways() {
    each(|v| {
        assert_eq!(v.concat("foo", "bar").unwrap(), "foobar");
        assert_eq!(v.concat("", "").unwrap(), "");
        assert_eq!(v.string_length("héllo 🎉").unwrap(), 8, "length in UTF-16 code units");
        assert_eq!(v.upper_or_null(Some("abc")).unwrap().as_deref(), Some("ABC"));
        assert_eq!(v.upper_or_null(None).unwrap(), None);
        assert_eq!(v.empty_string().unwrap(), "");
        assert_eq!(v.unicode_string().unwrap(), "héllo wörld, 你好, 🎉");
        let long = "x".repeat(100_000);
        assert_eq!(v.repeat_string("x", 100_000).unwrap(), long);
        assert_eq!(v.concat(&long, "é").unwrap().len(), 100_002);
    });
}

#[test]
fn lifted_strings_hold_exactly_their_text() {
    // The host reserves what the text needs, not a worst case per code unit: a module cannot
    // make it allocate three times a string's length.
    each(|v| {
        for s in ["", "ascii only", "héllo wörld", "你好, 世界", "🎉🎉 pairs", &"é".repeat(10_000)] {
            let out = v.concat(s, "").unwrap();
            assert_eq!(out, s);
            assert_eq!(out.capacity(), out.len(), "{s:?}");
        }
        let lossy = {
            v.instance_mut().set_utf16(Utf16::Lossy);
            v.lone_surrogate().unwrap()
        };
        assert_eq!((lossy.as_str(), lossy.capacity()), ("a\u{FFFD}b", 5));
    });
}

#[test]
fn unpaired_surrogates_strict_lossy_or_raw() {
    each(|v| {
        assert!(matches!(v.lone_surrogate(), Err(Error::InvalidUtf16 { .. })), "strict by default");
        let f = v.instance_mut().func::<(), u32>("lone_surrogate").unwrap();
        let mut cx = v.instance_mut().ctx();
        let p = cx.call(&f, ()).unwrap();
        assert_eq!(cx.lift_string_lossy(p).unwrap(), "a\u{FFFD}b");
        assert_eq!(cx.lift_utf16(p).unwrap(), vec![0x61, 0xD800, 0x62]);
        assert_eq!(v.instance().view_utf16(p).unwrap(), &[0x61, 0xD800, 0x62]);
        v.instance_mut().set_utf16(Utf16::Lossy);
        assert_eq!(v.lone_surrogate().unwrap(), "a\u{FFFD}b");
    });
}

#[test]
fn array_buffers_and_every_typed_array() {
    each(|v| {
        assert_eq!(v.reverse_buffer(&[1, 2, 3, 255]).unwrap(), vec![255, 3, 2, 1]);
        assert_eq!(v.reverse_buffer(&[]).unwrap(), Vec::<u8>::new());
        assert_eq!(v.twice_i8(&[1i8, -3, 100]).unwrap(), vec![2, -6, -56]);
        assert_eq!(v.twice_u8(&[1u8, 200]).unwrap(), vec![2, 144]);
        assert_eq!(v.twice_u8c(&[1u8, 200]).unwrap(), vec![2, 255], "clamped");
        assert_eq!(v.twice_i16(&[-300i16, 20000]).unwrap(), vec![-600, -25536]);
        assert_eq!(v.twice_u16(&[40000u16]).unwrap(), vec![14464]);
        assert_eq!(v.twice_i32(&[-5i32, 1 << 30]).unwrap(), vec![-10, i32::MIN]);
        assert_eq!(v.twice_u32(&[3_000_000_000u32]).unwrap(), vec![1_705_032_704]);
        assert_eq!(v.twice_i64(&[-(1i64 << 62)]).unwrap(), vec![i64::MIN]);
        assert_eq!(v.twice_u64(&[u64::MAX / 2 + 1]).unwrap(), vec![0]);
        assert_eq!(v.twice_f32(&[1.25f32, -0.5]).unwrap(), vec![2.5, -1.0]);
        assert_eq!(v.twice_f64(&[1e300f64]).unwrap(), vec![2e300]);
        assert_eq!(v.twice_f64(&[] as &[f64]).unwrap(), Vec::<f64>::new());
        assert_eq!(v.subarray_i16().unwrap(), vec![20, 30, 40], "subarray: dataStart != buffer");
        assert_eq!(v.subarray_i16_view().unwrap(), &[20, 30, 40]);
    });
}

#[test]
fn typed_array_element_type_is_checked() {
    each(|v| {
        let f = v.instance_mut().func::<(), u32>("subarray_i16").unwrap();
        let p = v.instance_mut().call(&f, ()).unwrap();
        let err = v.instance_mut().ctx().lift_vec::<u16>(p).unwrap_err();
        assert!(matches!(err, Error::WrongType { .. }), "{err}");
        assert!(matches!(v.instance().view::<i32>(p), Err(Error::WrongType { .. })));
        let err = v.instance_mut().ctx().lift::<String>(p).unwrap_err();
        assert!(matches!(err, Error::WrongType { .. }), "{err}");
    });
}

#[test]
fn arrays_of_every_element_kind() {
    each(|v| {
        assert_eq!(v.sum_i32_array(&[1, 2, 3, -10]).unwrap(), -4);
        assert_eq!(v.sum_i32_array(&[]).unwrap(), 0);
        assert_eq!(v.scale_f64_array(&[1.0, -2.5], 2.0).unwrap(), vec![2.0, -5.0]);
        assert_eq!(v.range_u64(3).unwrap(), vec![u64::MAX, u64::MAX - 1, u64::MAX - 2]);
        assert_eq!(v.negate_bools(&[true, false, false]).unwrap(), vec![false, true, true]);
        assert_eq!(v.join_strings(&["a", "bé", "🎉"], ", ").unwrap(), "a, bé, 🎉");
        assert_eq!(v.split_words("the quick fox").unwrap(), vec!["the", "quick", "fox"]);
        assert_eq!(v.count_nulls(&[Some("a"), None, None, Some("")]).unwrap(), 2);
        assert_eq!(v.with_nulls().unwrap(), vec![Some("a".into()), None, Some("c".into()), None]);
        let m = vec![vec![1, 2, 3], vec![4, 5, 6]];
        assert_eq!(v.transpose(&m).unwrap(), vec![vec![1, 4], vec![2, 5], vec![3, 6]]);
        assert_eq!(v.static_squares(4).unwrap(), vec![0.0, 1.0, 4.0, 9.0]);
        assert_eq!(v.static_sum_u16(&[65535, 1, 2]).unwrap(), 65538);
        assert_eq!(v.static_join(&["x", "y", "z"]).unwrap(), "x+y+z");
    });
}

#[test]
fn a_null_element_is_an_error_unless_nullable() {
    each(|v| {
        let f = v.instance_mut().func::<(), u32>("with_nulls").unwrap();
        let mut cx = v.instance_mut().ctx();
        let p = cx.call(&f, ()).unwrap();
        let err = cx.lift::<Vec<String>>(p).unwrap_err();
        assert!(matches!(err, Error::Null(_)), "{err}");
        assert!(cx.lift::<Vec<Option<String>>>(p).is_ok());
    });
}

#[test]
fn records_by_value_with_nested_and_nullable_fields() {
    each(|v| {
        let m = v.make_mixed().unwrap();
        let expected = Mixed {
            a: 200,
            b: 2.5,
            c: -7,
            s: "mixed".into(),
            t: true,
            h: 65535,
            n: None,
            big: -9007199254740993,
            ub: u64::MAX,
            u: u32::MAX,
            f: 0.25,
            arr: vec![1, 2, 3],
            inner: Some(Inner { v: -5, w: 300 }),
        };
        assert_eq!(m, expected);
        let bumped = v.bump_mixed(&m).unwrap();
        assert_eq!(
            bumped,
            Mixed {
                a: 201,
                b: 3.5,
                c: -6,
                s: "mixed!".into(),
                t: false,
                h: 0,
                n: Some("was null".into()),
                big: -9007199254740992,
                ub: 0,
                u: 0,
                f: 1.25,
                arr: vec![3, 2, 1],
                inner: Some(Inner { v: -4, w: 301 }),
            }
        );
        let again = v.bump_mixed(&Mixed { n: Some("x".into()), inner: None, ..bumped }).unwrap();
        assert_eq!((again.n, again.inner), (None, None));

        let seg = Segment { from: Point { x: 1.0, y: 1.0 }, to: Point { x: 4.0, y: 5.0 }, label: "s".into() };
        assert_eq!(v.segment_length(&seg).unwrap(), 5.0);
        assert_eq!(
            v.make_segment(0.0, 1.0, 2.0, 3.0, "lbl").unwrap(),
            Segment { from: Point { x: 0.0, y: 1.0 }, to: Point { x: 2.0, y: 3.0 }, label: "lbl".into() }
        );
        let ps = [Point { x: 0.0, y: 0.0 }, Point { x: 2.0, y: 4.0 }];
        assert_eq!(v.centroid(&ps).unwrap(), Point { x: 1.0, y: 2.0 });
        assert_eq!(
            v.grid_points(3).unwrap(),
            vec![Point { x: 0.0, y: 0.0 }, Point { x: 1.0, y: 2.0 }, Point { x: 2.0, y: 4.0 }]
        );
        assert_eq!(v.maybe_point(true).unwrap(), Some(Point { x: 1.0, y: -1.0 }));
        assert_eq!(v.maybe_point(false).unwrap(), None);
    });
}

#[test]
fn a_record_of_the_wrong_class_is_rejected() {
    each(|v| {
        let f = v.instance_mut().func::<(), u32>("make_mixed").unwrap();
        let mut cx = v.instance_mut().ctx();
        let p = cx.call(&f, ()).unwrap();
        let mixed_id = cx.type_info(p).unwrap().id;
        let err = cx.lift::<Point>(p).unwrap_err();
        assert!(
            matches!(&err, Error::WrongType { found, expected, .. } if *found == mixed_id && expected == "src/values/Point"),
            "{err}"
        );
        assert!(cx.lift::<Mixed>(p).is_ok());
    });
}

#[test]
fn internrefs_in_and_out_with_subclasses() {
    each(|v| {
        let c = v.counter_new(10).unwrap();
        assert_eq!(v.instance().pin_count(c.ptr()), 1);
        assert_eq!(v.counter_bump(&c, 5).unwrap(), 15);
        assert_eq!(v.counter_get(&c).unwrap(), 15);
        let c2 = c.clone();
        assert_eq!(v.instance().pin_count(c.ptr()), 2);
        drop(c);
        assert_eq!(v.counter_get(&c2).unwrap(), 15);
        let named = v.named_counter_new("apples", 3).unwrap();
        // A subclass instance is accepted where the base class is expected.
        let as_base = Counter::from(named.clone());
        assert_eq!(v.counter_describe(&as_base).unwrap(), "apples=3");
        assert_eq!(v.counter_describe(&c2).unwrap(), "counter=15");
        assert_eq!(v.counter_bump(&as_base, 1).unwrap(), 4);
        // ...but not the other way round.
        let err = v.instance_mut().ctx().cast::<_, NamedCounter>(c2.handle()).unwrap_err();
        assert!(matches!(err, Error::WrongType { .. }), "{err}");
        assert_eq!(v.maybe_counter(false).unwrap(), None);
        assert!(v.maybe_counter(true).unwrap().is_some());
        let cs = v.counters(4).unwrap();
        assert_eq!(cs.len(), 4);
        assert_eq!(v.sum_counters(&cs).unwrap(), 6);
        assert_eq!(v.counter_bump(&cs[3], 10).unwrap(), 13);
        let mine = vec![c2.clone(), as_base.clone(), cs[3].clone()];
        assert_eq!(v.sum_counters(&mine).unwrap(), 15 + 4 + 13);
    });
}

#[test]
fn enums_use_the_member_globals() {
    each(|v| {
        assert_eq!(
            [Color::Red as i32, Color::Green as i32, Color::Blue as i32],
            [0, 5, 6],
            "values read from the wasm"
        );
        let next = |v: &mut Values, c: Color| Color::try_from(v.next_color(c.into()).unwrap()).unwrap();
        assert_eq!(next(v, Color::Red), Color::Green);
        assert_eq!(next(v, Color::Green), Color::Blue);
        assert_eq!(next(v, Color::Blue), Color::Red);
        assert!(matches!(Color::try_from(1), Err(Error::InvalidValue(_))));
    });
}

#[test]
fn const_and_mutable_globals() {
    each(|v| {
        assert_eq!(v.answer().unwrap(), 42);
        assert_eq!(v.big_u64().unwrap(), u64::MAX);
        #[allow(clippy::approx_constant)] // the fixture's own literal, not π
        let pi = 3.14159f32;
        assert_eq!(v.pi_f32().unwrap(), pi);
        assert_eq!(v.greeting().unwrap(), "hi there");
        assert_eq!(v.counter().unwrap(), 0);
        assert_eq!(v.bump_counter().unwrap(), 1);
        v.set_counter(41).unwrap();
        assert_eq!(v.bump_counter().unwrap(), 42);
        assert_eq!(v.counter().unwrap(), 42);
        assert!(!v.flag().unwrap());
        v.set_flag(true).unwrap();
        assert!(v.flag().unwrap());
        assert_eq!(v.message().unwrap(), "initial");
        v.set_message("set from Rust ✓").unwrap();
        v.collect().unwrap();
        assert_eq!(v.read_message().unwrap(), "set from Rust ✓", "a global is a GC root");
        assert_eq!(v.maybe_message().unwrap(), None);
    });
}

#[test]
fn optional_parameters_set_the_argument_count() {
    each(|v| {
        assert_eq!(v.with_defaults(3, None).unwrap(), 310, "default applied");
        assert_eq!(v.with_defaults(3, Some(4)).unwrap(), 304);
        assert_eq!(v.with_defaults(3, Some(0)).unwrap(), 300, "an explicit zero is not the default");
        assert_eq!(v.greet("Ann", None).unwrap(), "Hello, Ann", "reference default");
        assert_eq!(v.greet("Ann", Some("Hi")).unwrap(), "Hi, Ann");
        assert_eq!(v.opt_tail(1.5, None, None).unwrap(), "1.5/-1/null");
        assert_eq!(v.opt_tail(1.5, Some(7), None).unwrap(), "1.5/7/null");
        assert_eq!(v.opt_tail(1.5, Some(7), Some(Some("c"))).unwrap(), "1.5/7/c");
        assert_eq!(v.opt_tail(1.5, Some(7), Some(None)).unwrap(), "1.5/7/null");
    });
}

#[test]
fn views_borrow_the_instance() {
    each(|v| {
        let view = v.static_squares_view(5).unwrap();
        assert_eq!(view, &[0.0, 1.0, 4.0, 9.0, 16.0]);
        view[1] = -1.0;
        // A fresh array each call: the write stays in the old one.
        assert_eq!(v.static_squares(5).unwrap(), vec![0.0, 1.0, 4.0, 9.0, 16.0]);
        let f = v.instance_mut().func::<i32, u32>("static_squares").unwrap();
        let p = v.instance_mut().call(&f, 3).unwrap();
        v.instance_mut().view_mut::<f64>(p).unwrap()[1] = -1.0;
        assert_eq!(v.instance_mut().ctx().lift_vec::<f64>(p).unwrap(), vec![0.0, -1.0, 4.0]);
    });
}

#[test]
fn arrays_are_allocated_as_their_exact_class() {
    each(|v| {
        // Every array of references has the same RTTI shape; the glue's ids tell them apart.
        let points = [Point { x: 1.0, y: 2.0 }];
        assert_eq!(v.runtime_id_of_points(&points).unwrap(), v.array_point_id().unwrap());
        assert_eq!(
            v.runtime_id_of_nullable_strings(&[None, Some("x")]).unwrap(),
            v.array_nullable_string_id().unwrap()
        );
        // Uint8ClampedArray and Uint8Array share their RTTI flags too.
        assert_eq!(v.runtime_id_of_clamped(&[1, 2]).unwrap(), v.uint8_clamped_array_id().unwrap());
    });
}
