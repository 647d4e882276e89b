//! GC safety of handles and lowered arguments, on all three AssemblyScript runtimes
//! (`values.wasm`: incremental ITCMS, `values_minimal.wasm`: TCMS, `values_stub.wasm`: bump
//! allocator that never frees).
//!
//! * Handles (`Ref`) keep their objects alive through any number of collections and
//!   allocations, and their objects are freed once the last clone is dropped.
//! * Composite arguments survive the garbage collector running inside `__new` while they are
//!   being built.
//! * The pin table is empty at the end of every test, and handles are bound to one instance.
//!
//! Freed blocks are recognised by the TLSF `mmInfo` word 20 bytes below the payload: bit 0
//! (FREE) is set when a block is returned to the allocator (AS_ABI §2.1).

mod common;

use asbind::{ArrayKind, Error, Instance, Result, kinds};
use common::values::{Counter, Inner, Mixed, NamedCounter, Point, Segment, Values};

/// Runtime ids from `fixtures/values.js` (identical in the three builds).
const STRING_ID: u32 = 2;
const COUNTER_ID: u32 = 41;
const NAMED_COUNTER_ID: u32 = 42;

/// The garbage collector a fixture was built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gc {
    /// `--runtime incremental` (default): may run GC steps inside any `__new`.
    Incremental,
    /// `--runtime minimal`: collects only when the host calls `__collect`.
    Minimal,
    /// `--runtime stub`: never frees anything.
    Stub,
}

const RUNTIMES: [(Gc, &str); 3] =
    [(Gc::Incremental, "values"), (Gc::Minimal, "values_minimal"), (Gc::Stub, "values_stub")];

/// Instantiates `fixtures/<name>.wasm` without GC-stress mode, whatever `ASBIND_GC_STRESS`
/// says: these tests observe when each runtime collects by itself.
fn open(name: &str) -> Result<Values> {
    let mut imports = asbind::Imports::new();
    imports = imports.seed(7.0).gc_stress(false);
    Values::from_module(&common::module(name), imports)
}

/// Runs `test` once per runtime variant on a fresh instance, then checks that the test left
/// nothing pinned.
fn each_runtime(test: impl Fn(Gc, &mut Values)) {
    for (gc, name) in RUNTIMES {
        let mut v = open(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        test(gc, &mut v);
        assert_no_pins(v.instance_mut(), name);
    }
}

/// Unpins the objects of dropped handles and checks that the host pins nothing any more.
fn assert_no_pins(inst: &mut Instance, what: &str) {
    inst.flush_released().unwrap_or_else(|e| panic!("{what}: flush_released: {e}"));
    assert_eq!(inst.pinned_count(), 0, "{what}: pin table not empty");
}

/// Runs one operation, then a full collection.
fn then_collect<T>(v: &mut Values, op: impl FnOnce(&mut Values) -> Result<T>) -> T {
    let value = op(v).unwrap();
    v.collect().unwrap();
    value
}

/// The 20-byte header below a payload (AS_ABI §2.1).
#[derive(Debug, Clone, Copy)]
struct Header {
    mm_info: u32,
    gc_info: u32,
    gc_info2: u32,
    rt_id: u32,
    rt_size: u32,
}

impl Header {
    fn read(inst: &Instance, ptr: u32) -> Header {
        let mem = inst.reader().unwrap();
        let word = |below: u32| mem.u32(ptr - below).unwrap();
        Header { mm_info: word(20), gc_info: word(16), gc_info2: word(12), rt_id: word(8), rt_size: word(4) }
    }

    /// TLSF FREE bit.
    fn is_free(&self) -> bool {
        self.mm_info & 1 != 0
    }

    /// GC colour: 3 ("transparent") marks a pinned object in the incremental and minimal
    /// runtimes.
    fn colour(&self) -> u32 {
        self.gc_info & 3
    }
}

const PINNED_COLOUR: u32 = 3;

fn read_i32(inst: &Instance, addr: u32) -> i32 {
    let mem = inst.reader().unwrap();
    i32::from_le_bytes(mem.slice(addr, 4).unwrap().try_into().unwrap())
}

/// Whether the block at `ptr` still holds the `Counter` with `count` that was there: not
/// freed and not reused for another object.
fn still_counter(inst: &Instance, ptr: u32, count: i32) -> bool {
    let h = Header::read(inst, ptr);
    !h.is_free() && h.rt_id == COUNTER_ID && h.rt_size == 4 && read_i32(inst, ptr) == count
}

/// Makes `n` unreachable counters (created, handed out, dropped and unpinned) and returns
/// their addresses and counts.
fn make_garbage(v: &mut Values, n: i32) -> Vec<(u32, i32)> {
    let handles = v.counters(n).unwrap();
    let garbage = handles.iter().enumerate().map(|(i, h)| (h.ptr(), i as i32)).collect();
    drop(handles);
    v.instance_mut().flush_released().unwrap();
    garbage
}

/// The same object as `named`, as a `Counter` (the base class `counter_describe` takes): a
/// second handle, lifted from the address.
fn as_counter(v: &mut Values, named: &NamedCounter) -> Result<Counter> {
    v.instance_mut().ctx().lift(named.ptr())
}

fn sample_mixed(tag: &str) -> Mixed {
    Mixed {
        a: 7,
        b: 1.5,
        c: -3,
        s: format!("mixed-{tag}"),
        t: true,
        h: 40_000,
        n: Some(format!("note-{tag}")),
        big: -1 << 40,
        ub: 1 << 63,
        u: 3_000_000_000,
        f: 0.5,
        arr: (0..16).collect(),
        inner: Some(Inner { v: -8, w: 1000 }),
    }
}

/// What `bump_mixed` computes (fixtures/src/values.ts).
fn bumped(m: &Mixed) -> Mixed {
    let mut arr = m.arr.clone();
    arr.reverse();
    Mixed {
        a: m.a.wrapping_add(1),
        b: m.b + 1.0,
        c: m.c + 1,
        s: format!("{}!", m.s),
        t: !m.t,
        h: m.h.wrapping_add(1),
        n: match m.n {
            None => Some("was null".into()),
            Some(_) => None,
        },
        big: m.big + 1,
        ub: m.ub.wrapping_add(1),
        u: m.u.wrapping_add(1),
        f: m.f + 1.0,
        arr,
        inner: m.inner.as_ref().map(|i| Inner { v: i.v + 1, w: i.w + 1 }),
    }
}

/// Allocates a lot of short-lived strings, arrays and records (checking every result), so
/// that the incremental collector runs through whole cycles.
fn churn(v: &mut Values, round: usize) {
    let mut expected = String::new();
    let mut s = String::new();
    for i in 0..60 {
        let piece = format!("{round}:{i};");
        // Keep the string bounded: only the tail goes back in.
        let tail = &s[s.len().saturating_sub(400)..];
        expected = format!("{tail}{piece}");
        s = v.concat(tail, &piece).unwrap();
        assert_eq!(s, expected);
    }
    assert_eq!(s, expected);

    let rows = 10 + round % 5;
    let m: Vec<Vec<i32>> = (0..rows).map(|r| (0..12).map(|c| (r * 100 + c + round) as i32).collect()).collect();
    let t = v.transpose(&m).unwrap();
    assert_eq!(t.len(), 12);
    for (c, col) in t.iter().enumerate() {
        assert_eq!(col.len(), rows);
        for (r, x) in col.iter().enumerate() {
            assert_eq!(*x, m[r][c]);
        }
    }

    let mut mixed = sample_mixed(&round.to_string());
    for _ in 0..8 {
        let next = v.bump_mixed(&mixed).unwrap();
        assert_eq!(next, bumped(&mixed));
        mixed = next;
    }

    let words: Vec<String> = (0..50).map(|i| format!("w{round}-{i}")).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    assert_eq!(v.join_strings(&refs, "|").unwrap(), words.join("|"));
}

#[test]
fn handles_survive_collections_and_allocation() {
    each_runtime(|gc, v| {
        let a = then_collect(v, |v| v.counter_new(10));
        let a2 = a.clone();
        assert_eq!(a, a2);
        assert_eq!(v.instance().pin_count(a.ptr()), 2);
        let b = then_collect(v, |v| v.counter_new(-3));
        let named = then_collect(v, |v| v.named_counter_new("apples", 7));
        // The same NamedCounter as a `Ref<Counter>`: a second handle, one pin.
        let named_as_counter = as_counter(v, &named).unwrap();
        assert_eq!(v.instance().pin_count(named.ptr()), 2);
        v.collect().unwrap();
        // Handles out of an array; the array itself becomes garbage at once.
        let many = then_collect(v, |v| v.counters(40));
        assert_eq!(many.len(), 40);
        let some: Vec<Counter> = many.iter().step_by(3).cloned().collect();
        let mut expected_many: Vec<i32> = (0..40).collect();
        churn(v, 0);
        v.collect().unwrap();

        let mut a_value = 10;
        for round in 1..=12 {
            a_value = then_collect(v, |v| v.counter_bump(&a, round as i32));
            assert_eq!(a_value, 10 + (1..=round as i32).sum::<i32>());
            assert_eq!(then_collect(v, |v| v.counter_get(&a2)), a_value, "{gc:?}");
            assert_eq!(then_collect(v, |v| v.counter_get(&b)), -3, "{gc:?}");
            // Through `named` itself: a fresh `Counter` handle to its object each round.
            let describe_named = |v: &mut Values| {
                let c = as_counter(v, &named)?;
                v.counter_describe(&c)
            };
            assert_eq!(then_collect(v, describe_named), "apples=7", "{gc:?}");
            assert_eq!(then_collect(v, |v| v.counter_describe(&a)), format!("counter={a_value}"));
            assert_eq!(then_collect(v, |v| v.counter_get(&named_as_counter)), 7);

            // Bump one of the array's counters through a clone held in `some`.
            let k = round % some.len();
            let bumped = then_collect(v, |v| v.counter_bump(&some[k], 1));
            expected_many[k * 3] += 1;
            assert_eq!(bumped, expected_many[k * 3]);
            assert_eq!(
                then_collect(v, |v| v.sum_counters(&many)),
                expected_many.iter().sum::<i32>(),
                "{gc:?} round {round}"
            );

            // Garbage made now is reclaimed by the incremental collector during the churn
            // alone (at least one whole GC cycle per round), never by the other two.
            let garbage = make_garbage(v, 8);
            churn(v, round);
            let reclaimed = garbage.iter().filter(|&&(p, c)| !still_counter(v.instance(), p, c)).count();
            match gc {
                Gc::Incremental => assert_eq!(reclaimed, garbage.len(), "round {round}"),
                Gc::Minimal | Gc::Stub => assert_eq!(reclaimed, 0, "{gc:?} round {round}"),
            }
            v.collect().unwrap();
            let freed = garbage.iter().filter(|&&(p, _)| Header::read(v.instance(), p).is_free()).count();
            if gc == Gc::Minimal {
                assert_eq!(freed, garbage.len(), "__collect frees the minimal runtime's garbage");
            }

            // The handles are still the objects they were.
            for (i, h) in many.iter().enumerate() {
                let header = Header::read(v.instance(), h.ptr());
                assert!(!header.is_free(), "{gc:?}: counter {i} freed while pinned");
                assert_eq!(header.rt_id, COUNTER_ID);
                assert_eq!(read_i32(v.instance(), h.ptr()), expected_many[i]);
                if gc != Gc::Stub {
                    assert_eq!(header.colour(), PINNED_COLOUR, "{gc:?}: counter {i}");
                }
            }
        }

        // An array of references lowered from handles, including the NamedCounter (a
        // subclass) and the same object many times.
        let mut mixed: Vec<Counter> = vec![a.clone(); 200];
        mixed.push(named_as_counter.clone());
        mixed.push(b.clone());
        assert_eq!(v.instance().pin_count(a.ptr()), 202);
        let sum = then_collect(v, |v| v.sum_counters(&mixed));
        assert_eq!(sum, 200 * a_value + 7 - 3);
        drop(mixed);
        v.instance_mut().flush_released().unwrap();
        assert_eq!(v.instance().pin_count(a.ptr()), 2);
        assert_eq!(v.instance().pin_count(named.ptr()), 2);
        assert_eq!(v.instance().pinned_count(), 3 + 40);
    });
}

#[test]
fn dropped_handles_are_freed() {
    each_runtime(|gc, v| {
        let a = v.counter_new(1).unwrap();
        let p = a.ptr();
        let h = Header::read(v.instance(), p);
        assert_eq!((h.rt_id, h.rt_size), (COUNTER_ID, 4));
        assert!(!h.is_free());
        match gc {
            Gc::Stub => assert_eq!((h.gc_info, h.gc_info2), (0, 0), "stub has no GC words"),
            _ => assert_eq!(h.colour(), PINNED_COLOUR),
        }
        assert_eq!(v.instance().pin_count(p), 1);

        let a2 = a.clone();
        assert_eq!((v.instance().pin_count(p), v.instance().pinned_count()), (2, 1));
        drop(a);
        assert_eq!(v.instance().pin_count(p), 1);
        v.collect().unwrap();
        assert!(!Header::read(v.instance(), p).is_free());
        assert_eq!(v.counter_get(&a2).unwrap(), 1);

        // The last clone goes: the unpin is queued until the next call into the module.
        drop(a2);
        assert_eq!(v.instance().pin_count(p), 0);
        assert_eq!(v.instance().pinned_count(), 1, "unpin queued, not yet done");
        v.instance_mut().flush_released().unwrap();
        assert_eq!(v.instance().pinned_count(), 0);
        if gc != Gc::Stub {
            assert_ne!(Header::read(v.instance(), p).colour(), PINNED_COLOUR);
        }
        v.collect().unwrap();
        let h = Header::read(v.instance(), p);
        match gc {
            Gc::Stub => assert!(still_counter(v.instance(), p, 1), "stub never frees: {h:x?}"),
            _ => assert!(h.is_free(), "{gc:?}: dropped counter not freed: {h:x?}"),
        }

        // A NamedCounter and the string it holds: alive while the handle is, both freed after.
        let named = v.named_counter_new("pears", 3).unwrap();
        let name_ptr = v.instance().reader().unwrap().u32(named.ptr() + 4).unwrap();
        assert_eq!(Header::read(v.instance(), named.ptr()).rt_id, NAMED_COUNTER_ID);
        assert_eq!(Header::read(v.instance(), name_ptr).rt_id, STRING_ID);
        for _ in 0..3 {
            churn(v, 1);
            v.collect().unwrap();
            assert!(!Header::read(v.instance(), named.ptr()).is_free());
            assert!(!Header::read(v.instance(), name_ptr).is_free(), "member of a pinned object");
            assert_eq!(v.instance_mut().ctx().lift_string(name_ptr).unwrap(), "pears");
        }
        let named_ptr = named.ptr();
        drop(named);
        v.collect().unwrap();
        for ptr in [named_ptr, name_ptr] {
            let h = Header::read(v.instance(), ptr);
            assert_eq!(h.is_free(), gc != Gc::Stub, "{gc:?}: {ptr:#x} {h:x?}");
        }

        // A whole batch from an array: some handles dropped, the others kept.
        let batch = v.counters(64).unwrap();
        let (kept, dropped): (Vec<_>, Vec<_>) = batch.into_iter().enumerate().partition(|(i, _)| i % 4 == 0);
        let dropped: Vec<(u32, i32)> = dropped.into_iter().map(|(i, h)| (h.ptr(), i as i32)).collect();
        assert_eq!(v.instance().pinned_count(), 64, "drops are only queued");
        v.collect().unwrap();
        assert_eq!(v.instance().pinned_count(), 16);
        for &(ptr, count) in &dropped {
            let h = Header::read(v.instance(), ptr);
            match gc {
                Gc::Stub => assert!(still_counter(v.instance(), ptr, count)),
                _ => assert!(h.is_free(), "{gc:?}: {ptr:#x} {h:x?}"),
            }
        }
        for (i, h) in &kept {
            assert!(still_counter(v.instance(), h.ptr(), *i as i32));
        }
        let kept: Vec<Counter> = kept.into_iter().map(|(_, h)| h).collect();
        assert_eq!(v.sum_counters(&kept).unwrap(), (0..64).step_by(4).sum::<i32>());
    });
}

/// Big composite arguments: with the incremental runtime, building them takes many `__new`
/// calls, each of which may run GC steps (whole cycles, here) while the value is half built.
#[test]
fn lowered_composites_survive_gc_during_construction() {
    each_runtime(|gc, v| {
        // Garbage that only a collection running *during lowering* can reclaim.
        let garbage = make_garbage(v, 64);

        let words: Vec<String> = (0..3000).map(|i| format!("w{i}-{}", "x".repeat(i % 23))).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let join = v.instance_mut().func::<(u32, u32), u32>("join_strings").unwrap();
        let mut cx = v.instance_mut().ctx();
        let array_string = cx.array_id::<String>(ArrayKind::Array).unwrap();
        let arr = cx.lower_array_of(&refs, array_string).unwrap();
        cx.hold(arr).unwrap();
        let sep = cx.lower_str(", ").unwrap();
        // Nothing but `__new` ran since the garbage was made.
        let reclaimed = garbage.iter().filter(|&&(p, c)| !still_counter(v.instance(), p, c)).count();
        match gc {
            Gc::Incremental => {
                assert_eq!(reclaimed, garbage.len(), "the incremental GC should have completed a cycle inside __new")
            }
            Gc::Minimal | Gc::Stub => assert_eq!(reclaimed, 0, "{gc:?} never collects in __new"),
        }
        let mut cx = v.instance_mut().ctx();
        let joined = cx.call(&join, (arr, sep)).unwrap();
        assert_eq!(cx.lift_string(joined).unwrap(), words.join(", "));
        assert_no_pins(v.instance_mut(), "after join_strings");

        // The same through the bindings, twice in a row, and a StaticArray<string>.
        assert_eq!(v.join_strings(&refs, "").unwrap(), words.concat());
        assert_eq!(v.static_join(&refs[..2000]).unwrap(), words[..2000].join("+"));

        // Array<string | null>.
        let maybe: Vec<Option<&str>> = (0..4000).map(|i| (i % 3 != 0).then_some(refs[i % refs.len()])).collect();
        assert_eq!(v.count_nulls(&maybe).unwrap(), 1334);

        // Array of records.
        let points: Vec<Point> = (0..5000).map(|i| Point { x: i as f64 * 0.5, y: (i % 7) as f64 - 3.0 }).collect();
        let (mut cx_, mut cy_) = (0.0, 0.0);
        for p in &points {
            cx_ += p.x;
            cy_ += p.y;
        }
        let n = points.len() as f64;
        assert_eq!(v.centroid(&points).unwrap(), Point { x: cx_ / n, y: cy_ / n });

        // Records with string, array and nested record fields, one big.
        let mut big = sample_mixed("big");
        big.s = "ß".repeat(20_000);
        big.n = Some("n".repeat(5_000));
        big.arr = (0..50_000).collect();
        assert_eq!(v.bump_mixed(&big).unwrap(), bumped(&big));
        for i in 0..200 {
            let m = sample_mixed(&i.to_string());
            assert_eq!(v.bump_mixed(&m).unwrap(), bumped(&m));
        }
        let seg = Segment { from: Point { x: 1.0, y: 2.0 }, to: Point { x: 4.0, y: 6.0 }, label: "l".repeat(10_000) };
        assert_eq!(v.segment_length(&seg).unwrap(), 5.0);

        // Array of arrays.
        let matrix: Vec<Vec<i32>> = (0..600).map(|r| (0..30).map(|c| r * 1000 + c).collect()).collect();
        let t = v.transpose(&matrix).unwrap();
        assert_eq!(t.len(), 30);
        for (c, col) in t.iter().enumerate() {
            assert_eq!(col.len(), 600);
            for (r, x) in col.iter().enumerate() {
                assert_eq!(*x, matrix[r][c], "{gc:?} [{r}][{c}]");
            }
        }

        // Array of handles, lowered while the collector runs.
        let cs = v.counters(3000).unwrap();
        churn(v, 2);
        assert_eq!(v.sum_counters(&cs).unwrap(), (0..3000).sum::<i32>());
    });
}

#[test]
fn failed_lift_releases_its_pins() {
    each_runtime(|_, v| {
        let named = v.named_counter_new("n", 5).unwrap();
        let plain = v.counter_new(6).unwrap();
        let named_as_counter = as_counter(v, &named).unwrap();
        let mut cx = v.instance_mut().ctx();
        // Array<Counter> [named, named, plain]: lifting it as NamedCounter handles pins the
        // first two elements, then fails on the third. (`array_id` finds *an* id with the
        // layout of an array of references; they all share one.)
        let items = [named_as_counter.clone(), named_as_counter, plain.clone()];
        let array_counter = cx.array_id::<Counter>(ArrayKind::Array).unwrap();
        let arr = cx.lower_array_of(&items, array_counter).unwrap();
        drop(items);
        let err = cx.lift::<Vec<NamedCounter>>(arr).unwrap_err();
        assert!(matches!(err, Error::WrongType { found: COUNTER_ID, .. }), "{err:?}");
        v.instance_mut().flush_released().unwrap();
        assert_eq!(v.instance().pin_count(named.ptr()), 1);
        assert_eq!(v.instance().pin_count(plain.ptr()), 1);
        assert_eq!(v.instance().pinned_count(), 2);
        // A handle of the wrong kind is refused without pinning anything.
        let err = v.instance_mut().ctx().lift_ref::<kinds::Str>(plain.ptr()).unwrap_err();
        assert!(matches!(err, Error::WrongType { .. }), "{err:?}");
        assert_eq!(v.instance().pin_count(plain.ptr()), 1);
        // Optional handles.
        assert!(v.maybe_counter(false).unwrap().is_none());
        let some = v.maybe_counter(true).unwrap().unwrap();
        assert_eq!(v.counter_get(&some).unwrap(), 1);
    });
}

#[test]
fn handles_are_bound_to_their_instance() {
    for (gc, name) in RUNTIMES {
        let mut v1 = open(name).unwrap();
        let mut v2 = open(name).unwrap();
        let h1 = v1.counter_new(5).unwrap();
        let h2 = v2.counter_new(5).unwrap();
        // Two instances of one module allocate alike: the address alone cannot tell them apart.
        assert_eq!(h1.ptr(), h2.ptr(), "{gc:?}");
        assert_ne!(h1, h2);

        for result in
            [v2.counter_get(&h1), v2.counter_bump(&h1, 1), v2.sum_counters(&[h2.clone(), h1.clone(), h2.clone()])]
        {
            assert!(matches!(result, Err(Error::ForeignHandle)), "{result:?}");
        }
        let described = v2.counter_describe(&h1);
        assert!(matches!(described, Err(Error::ForeignHandle)), "{described:?}");
        let viewed = v2.instance().view_ref::<i32, _>(h1.handle());
        assert!(matches!(viewed, Err(Error::ForeignHandle)), "{viewed:?}");
        let ptr = h1.handle().ptr_in(&v2.instance_mut().ctx());
        assert!(matches!(ptr, Err(Error::ForeignHandle)), "{ptr:?}");

        // A handle from another module (another runtime variant) is just as foreign.
        let other = if name == "values" { "values_stub" } else { "values" };
        let mut v3 = open(other).unwrap();
        let result = v3.counter_get(&h1);
        assert!(matches!(result, Err(Error::ForeignHandle)), "{result:?}");

        // Nothing was disturbed: both instances still work and h1 was not bumped.
        v1.collect().unwrap();
        v2.collect().unwrap();
        assert_eq!(v1.counter_get(&h1).unwrap(), 5);
        assert_eq!(v2.counter_get(&h2).unwrap(), 5);
        assert_eq!(v2.counter_bump(&h2, 2).unwrap(), 7);
        assert_eq!(v1.counter_get(&h1).unwrap(), 5);
        assert_eq!(v2.instance().pin_count(h2.ptr()), 1);
        drop((h1, h2));
        assert_no_pins(v1.instance_mut(), name);
        assert_no_pins(v2.instance_mut(), name);
        assert_no_pins(v3.instance_mut(), other);
    }
}
