//! pyaswasm's first walkthrough in Rust, on `fixtures/hello.wasm`.

mod common;

use asbind::{Imports, Instance, Ref, kinds};

fn id_global(inst: &mut Instance, name: &str) -> u32 {
    let g = inst.global(name).unwrap();
    g.get(inst.store_mut()).unwrap_i32() as u32
}

#[test]
fn sqrt_sum_square() {
    let mut inst = common::instance("hello");
    let f = inst.func::<(f32, f32), f32>("sqrt_sum_square").unwrap();
    assert_eq!(inst.call(&f, (3.0, 4.0)).unwrap(), 5.0);
    assert_eq!(inst.call(&f, (0.0, 0.0)).unwrap(), 0.0);
}

#[test]
fn strings() {
    let mut inst = common::instance("hello");
    let hello = inst.func::<(), u32>("get_hello_string").unwrap();
    let expand = inst.func::<u32, u32>("expand_string").unwrap();
    let mut cx = inst.ctx();
    let p = cx.call(&hello, ()).unwrap();
    assert_eq!(cx.lift_string(p).unwrap(), "Hello world!");
    let arg = cx.lower_str("Hello").unwrap();
    let p = cx.call(&expand, arg).unwrap();
    assert_eq!(cx.lift_string(p).unwrap(), "H e l l o");
    let arg = cx.lower_str("").unwrap();
    let p = cx.call(&expand, arg).unwrap();
    assert_eq!(cx.lift_string(p).unwrap(), "");
}

#[test]
fn random_arrays_depend_on_the_seed() {
    let run = |seed: f64| {
        let imports = Imports::new().seed(seed);
        let mut inst = Instance::with_imports(&common::module("hello"), imports, ()).unwrap();
        let floats = inst.func::<(i32, f32, f32), u32>("generate_random_float_array").unwrap();
        let ints = inst.func::<i32, u32>("generate_random_integer_array").unwrap();
        let mut cx = inst.ctx();
        let p = cx.call(&floats, (100, -1.0, 1.0)).unwrap();
        let f: Vec<f32> = cx.lift_vec(p).unwrap();
        let p = cx.call(&ints, 100).unwrap();
        let i: Vec<i32> = cx.lift_vec(p).unwrap();
        (f, i)
    };
    let (f1, i1) = run(1.0);
    assert_eq!(f1.len(), 100);
    assert!(f1.iter().all(|x| (-1.0..1.0).contains(x)), "{f1:?}");
    assert!(i1.iter().all(|x| (0..1000).contains(x)), "{i1:?}");
    assert!(f1.windows(2).any(|w| w[0] != w[1]), "values vary");
    assert_eq!(run(1.0), (f1.clone(), i1), "same seed, same numbers");
    assert_ne!(run(2.0).0, f1, "another seed, other numbers");
}

#[test]
fn array_written_through_a_view_is_seen_by_the_module() {
    let mut inst = common::instance("hello");
    let get_array = inst.func::<(), u32>("get_array").unwrap();
    let sum_array = inst.func::<u32, i64>("sum_array").unwrap();

    // Keep the module's own array pinned, then edit it in place.
    let mut cx = inst.ctx();
    let p = cx.call(&get_array, ()).unwrap();
    let arr: Ref<kinds::TypedArray<i32>> = cx.lift_ref(p).unwrap();
    {
        let view = inst.view_ref_mut::<i32, _>(&arr).unwrap();
        assert_eq!(view, &[0; 8]);
        view[0] = 7;
        view[7] = 35;
    }
    let p = inst.call(&get_array, ()).unwrap();
    assert_eq!(p, arr.ptr(), "the same object");
    assert_eq!(inst.view::<i32>(p).unwrap(), &[7, 0, 0, 0, 0, 0, 0, 35]);
    assert_eq!(inst.call(&sum_array, arr.ptr()).unwrap(), 42, "the module sees the write");
    drop(arr);
    inst.flush_released().unwrap();
    assert_eq!(inst.pinned_count(), 0);
}

#[test]
fn float32_element_changed_through_a_view() {
    let mut inst = common::instance("hello");
    let get = inst.func::<(), u32>("get_float_array").unwrap();
    let sum = inst.func::<u32, f64>("sum_float_array").unwrap();
    let p = inst.call(&get, ()).unwrap();
    inst.view_mut::<f32>(p).unwrap()[2] = 1.5;
    assert_eq!(inst.call(&sum, p).unwrap(), 1.5);
    let p = inst.call(&get, ()).unwrap();
    assert_eq!(inst.ctx().lift_vec::<f32>(p).unwrap(), vec![0.0, 0.0, 1.5, 0.0]);
}

#[test]
fn host_built_typed_arrays_with_exported_ids() {
    let mut inst = common::instance("hello");
    let f32_id = id_global(&mut inst, "Float32Array_ID");
    let i32_id = id_global(&mut inst, "Int32Array_ID");
    let sum = inst.func::<u32, i64>("sum_array").unwrap();
    let fsum = inst.func::<u32, f64>("sum_float_array").unwrap();
    let mut cx = inst.ctx();
    assert_eq!(
        cx.find_array_id::<f32>(asbind::abi::flags::ARRAYBUFFERVIEW),
        Some(f32_id),
        "RTTI search agrees with idof"
    );
    let ints: Vec<i32> = (1..=1000).collect();
    let p = cx.lower_typed_array(&ints, i32_id).unwrap();
    assert_eq!(cx.call(&sum, p).unwrap(), 500500);
    let p = cx.lower_typed_array(&[0.5f32, 0.25], f32_id).unwrap();
    assert_eq!(cx.call(&fsum, p).unwrap(), 0.75);
}
