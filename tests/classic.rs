//! The same runtime on a classic-ABI module: `fixtures/vector3d_0_19.wasm`, compiled by
//! AssemblyScript 0.19.23 (ids 0/1, 8-byte RTTI entries with base ids, `Class#member` exports).

mod common;

use asbind::{Generation, Ref, kinds};

#[test]
fn detects_the_classic_generation() {
    let inst = common::instance("vector3d_0_19");
    let abi = inst.abi();
    assert_eq!(abi.generation, Generation::V0_18);
    assert!(abi.detected);
    assert_eq!(abi.string_id(), 1);
    assert_eq!(abi.array_buffer_id(), 0);
}

#[test]
fn classic_walkthrough() {
    let mut inst = common::instance("vector3d_0_19");
    let class_id = {
        let g = inst.global("Vector3d").unwrap();
        g.get(inst.store_mut()).unwrap_i32() as u32
    };
    let array_id = {
        let g = inst.global("VectorsArray_ID").unwrap();
        g.get(inst.store_mut()).unwrap_i32() as u32
    };
    let ctor = inst.func::<(u32, f64, f64, f64), u32>("Vector3d#constructor").unwrap();
    let length = inst.func::<u32, f64>("Vector3d#length").unwrap();
    let get_x = inst.func::<u32, f64>("Vector3d#get:x").unwrap();
    let set_x = inst.func::<(u32, f64), ()>("Vector3d#set:x").unwrap();
    let random = inst.func::<i32, u32>("get_random_vectors").unwrap();
    let min_distance = inst.func::<u32, f64>("get_minimum_distance").unwrap();
    let coords = inst.func::<u32, u32>("vector_coords").unwrap();

    let mut cx = inst.ctx();
    // `this = 0` makes the constructor allocate.
    let p = cx.call(&ctor, (0, 1.0, 2.0, 2.0)).unwrap();
    assert_eq!(cx.type_info(p).unwrap().id, class_id);
    let v: Ref<kinds::Object> = cx.lift_ref(p).unwrap();
    cx.collect().unwrap();
    assert_eq!(cx.call(&length, v.ptr()).unwrap(), 3.0);
    cx.call(&set_x, (v.ptr(), 2.0)).unwrap();
    assert_eq!(cx.call(&get_x, v.ptr()).unwrap(), 2.0);

    // Arrays and static arrays are decoded from the 8-byte RTTI entries.
    let p = cx.call(&random, 4).unwrap();
    let mut vectors: Vec<Ref<kinds::Object>> = cx.lift(p).unwrap();
    assert_eq!(vectors.len(), 4);
    cx.collect().unwrap();
    let mut points = Vec::new();
    for v in &vectors {
        let c = cx.call(&coords, v.ptr()).unwrap();
        let c: Vec<f64> = cx.lift(c).unwrap();
        assert_eq!(c.len(), 3);
        points.push(c);
    }
    vectors.push(v);
    points.push(vec![2.0, 2.0, 2.0]);
    let mut best = f64::INFINITY;
    for i in 0..points.len() {
        for j in i + 1..points.len() {
            let d: f64 = points[i].iter().zip(&points[j]).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
            best = best.min(d);
        }
    }
    let arr = cx.lower_array_of(&vectors, array_id).unwrap();
    assert_eq!(cx.call(&min_distance, arr).unwrap(), best);
    drop(vectors);
    inst.flush_released().unwrap();
    assert_eq!(inst.pinned_count(), 0);
}

#[test]
fn classic_strings_use_id_1() {
    let mut inst = common::instance("vector3d_0_19");
    let mut cx = inst.ctx();
    let p = cx.lower_str("classic ✓").unwrap();
    assert_eq!(cx.type_info(p).unwrap().id, 1);
    assert_eq!(cx.lift_string(p).unwrap(), "classic ✓");
    assert!(matches!(cx.lift_array_buffer(p), Err(asbind::Error::WrongType { found: 1, .. })));
}

#[test]
fn every_classic_member_export() {
    let mut inst = common::instance("vector3d_0_19");
    let class_id = inst.global("Vector3d").unwrap().get(inst.store_mut()).unwrap_i32();
    let idof = inst.global("Vector3d_ID").unwrap().get(inst.store_mut()).unwrap_i32();
    assert_eq!(class_id, idof, "the class global is its runtime id");
    let ctor = inst.func::<(u32, f64, f64, f64), u32>("Vector3d#constructor").unwrap();
    let distance = inst.func::<(u32, u32), f64>("Vector3d#distance").unwrap();
    let new = inst.func::<(f64, f64, f64), u32>("vector_new").unwrap();
    let length = inst.func::<u32, f64>("vector_length").unwrap();
    let mut accessors = Vec::new();
    for field in ["y", "z"] {
        accessors.push((
            inst.func::<u32, f64>(&format!("Vector3d#get:{field}")).unwrap(),
            inst.func::<(u32, f64), ()>(&format!("Vector3d#set:{field}")).unwrap(),
        ));
    }
    let mut cx = inst.ctx();
    let a = cx.call(&ctor, (0, 0.0, 0.0, 0.0)).unwrap();
    let a: Ref<kinds::Object> = cx.lift_ref(a).unwrap();
    let b = cx.call(&new, (0.0, 0.0, 0.0)).unwrap();
    let b: Ref<kinds::Object> = cx.lift_ref(b).unwrap();
    for (i, (get, set)) in accessors.iter().enumerate() {
        cx.call(set, (b.ptr(), 3.0 + i as f64)).unwrap();
        assert_eq!(cx.call(get, b.ptr()).unwrap(), 3.0 + i as f64);
    }
    cx.collect().unwrap();
    assert_eq!(cx.call(&length, b.ptr()).unwrap(), 5.0);
    assert_eq!(cx.call(&distance, (a.ptr(), b.ptr())).unwrap(), 5.0);
}
