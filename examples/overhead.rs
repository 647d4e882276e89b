//! Measures asbind's per-call overhead against raw wasmtime on the same module, side by side in
//! one run. Run with `cargo run --release --example overhead`.

use std::hint::black_box;
use std::time::Instant;

use asbind::wasmtime::{self, Linker, Store};
use asbind::{Instance, Module};

fn time(label: &str, iters: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iters / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    let ns = start.elapsed().as_nanos() as f64 / f64::from(iters);
    println!("{label:<48} {ns:>10.1} ns/iter");
    ns
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/hello.wasm");
    let module = Module::from_file(path)?;

    // Raw wasmtime: the module instantiated by hand, abort and seed stubbed.
    let mut store = Store::new(module.wasmtime().engine(), ());
    let mut linker = Linker::new(module.wasmtime().engine());
    linker.func_wrap("env", "abort", |_: i32, _: i32, _: i32, _: i32| -> wasmtime::Result<()> {
        Err(wasmtime::Error::msg("abort"))
    })?;
    linker.func_wrap("env", "seed", || 1.0f64)?;
    let raw = linker.instantiate(&mut store, module.wasmtime())?;
    let raw_sqrt = raw.get_typed_func::<(f32, f32), f32>(&mut store, "sqrt_sum_square")?;

    let mut inst = Instance::new(&module)?;
    let sqrt = inst.func::<(f32, f32), f32>("sqrt_sum_square")?;
    let expand = inst.func::<u32, u32>("expand_string")?;
    let floats = inst.func::<(i32, f32, f32), u32>("generate_random_float_array")?;

    let n = 1_000_000;
    let raw_ns = time("sqrt_sum_square, raw wasmtime", n, || {
        black_box(raw_sqrt.call(&mut store, (3.0, 4.0)).unwrap());
    });
    let asbind_ns = time("sqrt_sum_square, asbind", n, || {
        black_box(inst.call(&sqrt, (3.0, 4.0)).unwrap());
    });
    println!("  asbind / raw = {:.2}", asbind_ns / raw_ns);

    time("expand_string(\"abc\"): lower + call + lift", 200_000, || {
        let mut cx = inst.ctx();
        let p = cx.lower_str("abc").unwrap();
        let r = cx.call(&expand, p).unwrap();
        black_box(cx.lift_string(r).unwrap());
    });
    let text = "AssemblyScript ✓ ".repeat(64);
    time("string of 1088 chars: lower_str + lift_string", 200_000, || {
        let mut cx = inst.ctx();
        let p = cx.lower_str(&text).unwrap();
        black_box(cx.lift_string(p).unwrap());
    });

    let mut cx = inst.ctx();
    let p = cx.call(&floats, (100_000, 0.0, 1.0))?;
    time("Float32Array(100000): lift_vec (copy)", 2_000, || {
        black_box(inst.ctx().lift_vec::<f32>(p).unwrap());
    });
    time("Float32Array(100000): view (borrow, no copy)", 200_000, || {
        black_box(inst.view::<f32>(p).unwrap().len());
    });
    Ok(())
}
