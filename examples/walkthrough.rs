//! The seed's walkthrough, through the asbind runtime, on the shipped fixtures:
//! numbers, strings, a typed array edited in place, and AssemblyScript objects held from Rust.
//!
//! Run with `cargo run --example walkthrough`.

use asbind::{Imports, Instance, Module, Ref, kinds};

/// `Vector3d` in `fixtures/vector3d.wasm` (internref id 4 in its `.d.ts`).
struct Vector3d;
impl kinds::Class for Vector3d {
    const NAME: &'static str = "Vector3d";
    const IDS: &'static [u32] = &[4];
}

fn main() -> asbind::Result<()> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

    // Numbers and strings.
    let mut hello = Instance::new(&Module::from_file(format!("{dir}/hello.wasm"))?)?;
    let sqrt_sum_square = hello.func::<(f32, f32), f32>("sqrt_sum_square")?;
    let expand_string = hello.func::<u32, u32>("expand_string")?;
    let get_array = hello.func::<(), u32>("get_array")?;
    println!("sqrt_sum_square(3, 4) = {}", hello.call(&sqrt_sum_square, (3.0, 4.0))?);
    let mut cx = hello.ctx();
    let arg = cx.lower_str("Hello")?;
    let out = cx.call(&expand_string, arg)?;
    println!("expand_string(\"Hello\") = {:?}", cx.lift_string(out)?);

    // The module's own Int32Array, edited through a borrowed view.
    let p = hello.call(&get_array, ())?;
    hello.view_mut::<i32>(p)?[0] = 42;
    let p = hello.call(&get_array, ())?;
    println!("get_array() after the edit = {:?}", hello.view::<i32>(p)?);

    // AssemblyScript objects as pinned handles.
    let mut imports = Imports::new();
    imports.seed(2024.0);
    let mut vectors = Instance::with_imports(&Module::from_file(format!("{dir}/vector3d.wasm"))?, imports, ())?;
    let random = vectors.func::<i32, u32>("get_random_vectors")?;
    let length = vectors.func::<u32, f64>("vector_length")?;
    let new = vectors.func::<(f64, f64, f64), u32>("vector_new")?;
    let min_distance = vectors.func::<u32, f64>("get_minimum_distance")?;
    let array_id = {
        let g = vectors.global("VectorsArray_ID")?;
        g.get(vectors.store_mut()).unwrap_i32() as u32
    };
    let mut cx = vectors.ctx();
    let p = cx.call(&random, 5)?;
    let mut vs: Vec<Ref<Vector3d>> = cx.lift(p)?;
    cx.collect()?; // the handles keep the vectors alive
    for v in &vs {
        println!("random vector {:#x}: length {:.3}", v.ptr(), cx.call(&length, v.ptr())?);
    }
    let p = cx.call(&new, (1.0, 2.0, 2.0))?;
    vs.push(cx.lift(p)?);
    let arr = cx.lower_array_of(&vs, array_id)?;
    println!("minimum distance among {} vectors: {:.3}", vs.len(), cx.call(&min_distance, arr)?);
    drop(vs);
    vectors.flush_released()?;
    println!("objects still pinned: {}", vectors.pinned_count());
    Ok(())
}
