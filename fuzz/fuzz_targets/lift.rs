//! Lifting every value kind out of arbitrary linear memory. A tiny hand-written module (memory,
//! `__rtti_base`, a bump `__new`, `__pin`/`__unpin`/`__collect`) is compiled once; per input
//! it is instantiated, given a baseline of well-formed objects (lowered by the runtime itself,
//! with the RTTI table of `fixtures/values.wasm`), then the input's byte patches are written
//! over memory (the RTTI table included) and values of every kind are lifted at pointers taken
//! from the input. An error is fine; a panic is a bug, and libFuzzer's `-timeout` catches
//! hangs.
//!
//! Input: `config`, `n_ops`, `n_ops` ops of 5 bytes (`kind`, `ptr: u32` LE, where a `ptr`
//! below 16 picks the baseline object of that index), then patches (`addr: u16` LE, `len: u8`,
//! `len` bytes) to the end.

#![no_main]

use std::sync::OnceLock;

use asbind::abi::Generation;
use asbind::{ArrayKind, Ctx, Imports, Instance, InstancePre, Module, Ref, Utf16, kinds};
use libfuzzer_sys::fuzz_target;

asbind::include!("../fixtures/values.wasm");
use values::{Inner, Mixed, Point, Segment};

/// Where the fake module's RTTI table is.
const RTTI: u32 = 0x100;

/// The fake modules, linked once: with the values RTTI table in a data segment (its generation
/// detected), with `__rtti_base` but an empty table (the generation assumed), and without
/// `__rtti_base`.
struct Fakes {
    pres: [InstancePre<()>; 3],
    /// The values module's RTTI table: count, then one flags word per id.
    table: Vec<u8>,
}

fn wat(rtti: Option<&[u8]>, export_rtti: bool) -> String {
    let data = rtti.map_or(String::new(), |t| {
        let escaped: String = t.iter().map(|b| format!("\\{b:02x}")).collect();
        format!("(data (i32.const {RTTI}) \"{escaped}\")")
    });
    let rtti_global =
        if export_rtti { format!("(global (export \"__rtti_base\") i32 (i32.const {RTTI}))") } else { String::new() };
    format!(
        r#"(module
  (memory (export "memory") 1 1)
  {rtti_global}
  {data}
  (global $top (mut i32) (i32.const 0x400))
  (func (export "__new") (param $size i32) (param $id i32) (result i32)
    (local $ptr i32)
    (if (i32.gt_u (local.get $size) (i32.const 0x8000)) (then unreachable))
    (local.set $ptr (i32.add (global.get $top) (i32.const 20)))
    (if (i32.gt_u (i32.add (local.get $ptr) (local.get $size)) (i32.const 0x10000)) (then unreachable))
    (i32.store (i32.sub (local.get $ptr) (i32.const 8)) (local.get $id))
    (i32.store (i32.sub (local.get $ptr) (i32.const 4)) (local.get $size))
    (global.set $top
      (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 15)) (i32.const -16)))
    (local.get $ptr))
  (func (export "__pin") (param i32) (result i32) (local.get 0))
  (func (export "__unpin") (param i32))
  (func (export "__collect")))"#
    )
}

fn fakes() -> &'static Fakes {
    static FAKES: OnceLock<Fakes> = OnceLock::new();
    FAKES.get_or_init(|| {
        let values = Module::new(include_bytes!("../../fixtures/values.wasm")).expect("values.wasm compiles");
        let instance = Instance::new(&values).expect("values.wasm instantiates");
        let base = instance.abi().rtti_base.expect("values.wasm exports __rtti_base");
        let mem = instance.reader().expect("memory");
        let count = mem.u32(base).expect("RTTI count");
        let table = mem.slice(base, 4 + 4 * count).expect("RTTI table").to_vec();
        let pre = |text: String| {
            let module = Module::new(wat::parse_str(text).expect("fake module parses")).expect("compiles");
            module.pre::<()>().expect("links")
        };
        let pres = [pre(wat(Some(&table), true)), pre(wat(None, true)), pre(wat(None, false))];
        Fakes { pres, table }
    })
}

/// Well-formed objects of every kind, lowered by the runtime; errors leave a 0.
fn baseline(cx: &mut Ctx<'_, ()>) -> Vec<u32> {
    let mut out = Vec::new();
    let mut keep = |r: asbind::Result<u32>| out.push(r.unwrap_or(0));
    keep(cx.lower_str("héllo, 🎉"));
    keep(cx.lower_utf16(&[0x61, 0xD800, 0x62]));
    keep(cx.lower_array_buffer(&[1, 2, 3, 4, 5]));
    let id = cx.array_id::<i32>(ArrayKind::Array);
    keep(id.and_then(|id| cx.lower_array(&[1i32, -2, 3], id)));
    let id = cx.array_id::<f64>(ArrayKind::Array);
    keep(id.and_then(|id| cx.lower_array(&[0.5f64, -1.0], id)));
    let id = cx.array_id::<i32>(ArrayKind::TypedArray);
    keep(id.and_then(|id| cx.lower_typed_array(&[7i32, 8], id)));
    let id = cx.array_id::<u8>(ArrayKind::TypedArray);
    keep(id.and_then(|id| cx.lower_typed_array(&[9u8, 10, 11], id)));
    let id = cx.array_id::<u16>(ArrayKind::StaticArray);
    keep(id.and_then(|id| cx.lower_static_array(&[1u16, 2], id)));
    let id = cx.array_id::<String>(ArrayKind::Array);
    keep(id.and_then(|id| cx.lower_array_of(&["a".to_string(), "bc".to_string()], id)));
    let id = cx.array_id::<Option<String>>(ArrayKind::Array);
    keep(id.and_then(|id| cx.lower_array_of(&[Some("x".to_string()), None], id)));
    keep(cx.lower(&Point { x: 1.0, y: 2.0 }));
    let mixed = Mixed {
        a: 1,
        b: 2.0,
        c: 3,
        s: "s".into(),
        t: true,
        h: 4,
        n: None,
        big: 5,
        ub: 6,
        u: 7,
        f: 8.0,
        arr: vec![1, 2],
        inner: Some(Inner { v: 1, w: 2 }),
    };
    keep(cx.lower(&mixed));
    let seg = Segment { from: Point { x: 0.0, y: 0.0 }, to: Point { x: 1.0, y: 1.0 }, label: "l".into() };
    keep(cx.lower(&seg));
    let id = cx.array_id::<i64>(ArrayKind::TypedArray);
    keep(id.and_then(|id| cx.lower_typed_array(&[i64::MIN, 3], id)));
    let id = cx.array_id::<bool>(ArrayKind::Array);
    keep(id.and_then(|id| cx.lower_array(&[true, false], id)));
    keep(Ok(RTTI));
    out
}

const KINDS: [ArrayKind; 3] = [ArrayKind::Array, ArrayKind::TypedArray, ArrayKind::StaticArray];

/// Lifts the value kind `kind` at `ptr`, ignoring the result: only panics matter.
fn lift(instance: &mut Instance, kind: u8, ptr: u32) {
    let layout = KINDS[usize::from(kind >> 6) % 3];
    let mut cx = instance.ctx();
    macro_rules! scalars {
        ($n:expr, $($t:ty),*) => {{
            let mut i = 0u8;
            $(
                if $n == i { let _ = cx.lift::<Vec<$t>>(ptr); let _ = cx.lift_vec_as::<$t>(ptr, layout); }
                i += 1;
                if $n == i {
                    let _ = cx.lift_ref::<kinds::TypedArray<$t>>(ptr);
                    let _ = cx.lift_ref::<kinds::Array<$t>>(ptr);
                    let _ = cx.lift_ref::<kinds::StaticArray<$t>>(ptr);
                }
                i += 1;
            )*
            let _ = i;
        }};
    }
    match kind % 42 {
        0 => drop(cx.lift::<String>(ptr)),
        1 => drop(cx.lift_string_strict(ptr)),
        2 => drop(cx.lift_string_lossy(ptr)),
        3 => drop(cx.lift_utf16(ptr)),
        4 => drop(cx.lift_array_buffer(ptr)),
        5 => drop(cx.lift::<Option<String>>(ptr)),
        6 => drop(cx.lift::<Vec<String>>(ptr)),
        7 => drop(cx.lift_vec_as::<String>(ptr, layout)),
        8 => drop(cx.lift::<Vec<Option<String>>>(ptr)),
        9 => drop(cx.lift::<Vec<Vec<i32>>>(ptr)),
        10 => drop(cx.lift_vec_with(ptr, layout, |cx, p| cx.lift_vec_as::<i32>(p, ArrayKind::Array))),
        11 => drop(cx.lift::<Option<Vec<f64>>>(ptr)),
        12 => drop(cx.lift::<Point>(ptr)),
        13 => drop(cx.lift::<Option<Point>>(ptr)),
        14 => drop(cx.lift::<Mixed>(ptr)),
        15 => drop(cx.lift::<Segment>(ptr)),
        16 => drop(cx.lift::<Vec<Point>>(ptr)),
        17 => drop(cx.lift::<Vec<Mixed>>(ptr)),
        18 => {
            let _ = cx.lift_ref::<kinds::Str>(ptr);
            let _ = cx.lift_ref::<kinds::Buffer>(ptr);
            let _ = cx.lift_ref::<kinds::Object>(ptr);
        }
        19 => drop(cx.lift::<Vec<Ref<kinds::Object>>>(ptr)),
        n @ 20..=41 => scalars!(n - 20, bool, i8, u8, i16, u16, i32, u32, i64, u64, f32, f64),
        _ => {}
    }
    // Views borrow in place: the same checks, no copy.
    let _ = instance.view::<i32>(ptr);
    let _ = instance.view_as::<u8>(ptr, layout);
    let _ = instance.view_utf16(ptr);
    let _ = instance.view_mut::<f64>(ptr).map(|v| v.iter_mut().for_each(|x| *x = 0.0));
}

fuzz_target!(|data: &[u8]| {
    let Some((&config, rest)) = data.split_first() else { return };
    let Some((&n_ops, rest)) = rest.split_first() else { return };
    let ops_len = (usize::from(n_ops) * 5).min(rest.len());
    let (ops, mut patches) = rest.split_at(ops_len);
    let fakes = fakes();
    let mut imports = Imports::new();
    imports.assume_generation([Generation::V0_24, Generation::V0_23, Generation::V0_18][usize::from(config >> 2) % 3]);
    imports.utf16(if config & 0x10 != 0 { Utf16::Lossy } else { Utf16::Strict });
    imports.max_depth(if config & 0x20 != 0 { 4 } else { asbind::DEFAULT_MAX_DEPTH });
    let variant = usize::from(config & 3) % 3;
    let Ok(mut instance) = fakes.pres[variant].instantiate(imports, ()) else { return };
    let wasm_instance = *instance.wasmtime();
    let memory = wasm_instance.get_memory(instance.store_mut(), "memory").expect("the fake module exports memory");
    if variant == 1 {
        memory.data_mut(instance.store_mut())[RTTI as usize..][..fakes.table.len()].copy_from_slice(&fakes.table);
    }
    let objects = baseline(&mut instance.ctx());
    while patches.len() >= 3 {
        let addr = usize::from(u16::from_le_bytes([patches[0], patches[1]]));
        let len = usize::from(patches[2]).min(patches.len() - 3);
        let bytes = &patches[3..3 + len];
        let mem = memory.data_mut(instance.store_mut());
        let end = (addr + len).min(mem.len());
        mem[addr..end].copy_from_slice(&bytes[..end - addr]);
        patches = &patches[3 + len..];
    }
    for op in ops.chunks_exact(5) {
        let raw = u32::from_le_bytes([op[1], op[2], op[3], op[4]]);
        let ptr = if raw < 16 { objects.get(raw as usize).copied().unwrap_or(raw) } else { raw };
        lift(&mut instance, op[0], ptr);
    }
    let _ = instance.flush_released();
});
