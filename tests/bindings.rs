//! Every generated method of the fixtures other than `values` (see `values.rs`), through
//! `asbind::include!`, written the way the README shows it.

mod common;

use std::sync::{Arc, Mutex};

use asbind::{Console, Error, Imports};

asbind::include!("fixtures/hello.wasm");
asbind::include!("fixtures/vector3d.wasm");
asbind::include!("fixtures/imports.wasm");
asbind::include!("fixtures/stdlib.wasm");
asbind::include!("fixtures/readonly.wasm", raw = true);
asbind::include!("fixtures/vector3d_0_19.wasm", module = classic);

#[test]
fn hello_walkthrough() -> asbind::Result<()> {
    let mut m = hello::Module::new()?;
    assert_eq!(m.sqrt_sum_square(3.0, 4.0)?, 5.0);
    assert_eq!(m.get_hello_string()?, "Hello world!");
    assert_eq!(m.expand_string("Hello")?, "H e l l o");

    let floats = m.generate_random_float_array(10, 1.0, 2.0)?;
    assert_eq!(floats.len(), 10);
    assert!(floats.iter().all(|x| (1.0..2.0).contains(x)));
    let view = m.generate_random_float_array_view(3, 0.0, 1.0)?;
    assert_eq!(view.len(), 3);
    let ints = m.generate_random_integer_array(10)?;
    assert!(ints.iter().all(|x| (0..1000).contains(x)));
    assert_eq!(m.generate_random_integer_array_view(4)?.len(), 4);

    // The module's own array, edited in place through a view, seen by a later call.
    m.get_array_view()?[0] = 40;
    m.get_array_view()?[7] = 2;
    assert_eq!(m.get_array()?, vec![40, 0, 0, 0, 0, 0, 0, 2]);
    assert_eq!(m.sum_array(&[1, 2, 3])?, 6);
    m.get_float_array_view()?[1] = 0.5;
    assert_eq!(m.get_float_array()?, vec![0.0, 0.5, 0.0, 0.0]);
    assert_eq!(m.sum_float_array(&[0.25, 0.5])?, 0.75);

    let f32_id = m.float32_array_id()?;
    let i32_id = m.int32_array_id()?;
    assert_ne!(f32_id, i32_id);
    let mut cx = m.instance_mut().ctx();
    assert_eq!(cx.array_id::<f32>(asbind::ArrayKind::TypedArray)?, f32_id, "RTTI search finds idof's id");
    assert_eq!(cx.array_id::<i32>(asbind::ArrayKind::TypedArray)?, i32_id);
    Ok(())
}

#[test]
fn seeded_imports_make_random_arrays_reproducible() -> asbind::Result<()> {
    let run = |seed: f64| -> asbind::Result<Vec<f32>> {
        let imports = Imports::new().seed(seed);
        hello::Module::with_options(imports)?.generate_random_float_array(5, 0.0, 1.0)
    };
    assert_eq!(run(1.0)?, run(1.0)?);
    assert_ne!(run(1.0)?, run(2.0)?);
    Ok(())
}

#[test]
fn vector3d_walkthrough() -> asbind::Result<()> {
    let mut m = vector3d::Module::new()?;
    let mut vectors = m.get_random_vectors(5)?;
    m.collect()?; // the handles keep the vectors alive
    let mut coords = Vec::new();
    for v in &vectors {
        let c = m.vector_coords(v)?;
        let len = m.vector_length(v)?;
        assert!((len - c.iter().map(|x| x * x).sum::<f64>().sqrt()).abs() < 1e-12);
        coords.push(c);
    }
    vectors.push(m.vector_new(1.0, 2.0, 2.0)?);
    coords.push(vec![1.0, 2.0, 2.0]);
    assert_eq!(m.vector_length(vectors.last().unwrap())?, 3.0);
    assert_eq!(m.vector_coords_view(vectors.last().unwrap())?, &[1.0, 2.0, 2.0]);

    let mut best = f64::INFINITY;
    for (i, a) in coords.iter().enumerate() {
        for b in &coords[i + 1..] {
            best = best.min(a.iter().zip(b).map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt());
        }
    }
    assert_eq!(m.get_minimum_distance(&vectors)?, best);
    assert_eq!(m.vector3d_id()?, 4);
    assert!(m.vectors_array_id()? > 4);
    drop(vectors);
    m.instance_mut().flush_released()?;
    assert_eq!(m.instance().pinned_count(), 0);
    Ok(())
}

#[derive(Default)]
struct Host {
    logged: Vec<String>,
    name: String,
}

impl imports::Host for Host {
    fn log_message(&mut self, msg: &str) -> asbind::HostResult<()> {
        self.logged.push(msg.to_string());
        Ok(())
    }
    fn add(&mut self, a: i32, b: i32) -> asbind::HostResult<i32> {
        Ok(a + b)
    }
    fn get_name(&mut self) -> asbind::HostResult<String> {
        Ok(self.name.clone())
    }
    fn scale(&mut self, values: &[f64], k: f64) -> asbind::HostResult<Vec<f64>> {
        Ok(values.iter().map(|v| v * k).collect())
    }
}

#[test]
fn typed_host_imports() -> asbind::Result<()> {
    let mut m = imports::Module::new(Host { name: "Rust".into(), ..Host::default() })?;
    assert_eq!(m.greet("Ferris")?, "Hello, Ferris from Rust!");
    assert_eq!(m.host().logged, vec!["greeting Ferris"]);
    m.host_mut().name = "🦀".into();
    assert_eq!(m.greet("again")?, "Hello, again from 🦀!");
    assert_eq!(m.add_via_host(20, 1)?, 42);
    assert_eq!(m.scale_via_host(&[1.0, 2.0, 3.5], 2.0)?, 13.0);
    Ok(())
}

#[test]
fn standard_imports_stay_overridable() -> asbind::Result<()> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let imports = Imports::new()
        .clock(|| 1234.0)
        .seed(3.0)
        .on_console(move |kind, msg| sink.lock().unwrap().push((kind, msg.to_string())));
    let mut m = stdlib::Module::with_options(imports)?;
    m.do_trace()?;
    m.log_all("x")?;
    assert_eq!(lines.lock().unwrap().len(), 6);
    assert_eq!(lines.lock().unwrap()[0], (Console::Trace, "trace: tracing 1.5, 2.5".to_string()));
    assert_eq!(m.now()?, 1234.0);
    assert!(m.perf_now()? >= 0.0);
    let r = m.random_values(4)?;
    assert_eq!(r.len(), 4);
    assert_eq!(m.random_values_view(2)?.len(), 2);
    assert_eq!(m.check_positive(2)?, 2);
    assert!(matches!(m.check_positive(0), Err(Error::Abort { .. })));
    assert!(matches!(m.fail("boom"), Err(Error::Abort { message: Some(ref s), .. }) if s == "boom"));
    assert_eq!(m.index_array(1)?, 20);
    assert!(matches!(m.index_array(5), Err(Error::Abort { .. })));
    assert!(matches!(m.trap_unreachable(), Err(Error::Trap { .. })));
    assert!(matches!(m.recurse(1), Err(Error::Trap { .. })));
    Ok(())
}

#[test]
fn readonly_module_binds_from_wasm_signatures() -> asbind::Result<()> {
    // No .d.ts: raw wasm types, and the runtime reads what the module returns.
    let mut m = readonly::Module::new()?;
    assert_eq!(m.add(2, 3)?, 5);
    let greeting = m.get_greeting()? as u32;
    let squares = m.squares(4)? as u32;
    let mut cx = m.instance_mut().ctx();
    assert_eq!(cx.lift_string(greeting)?, "read-only hello");
    assert_eq!(cx.lift_vec_as::<f32>(squares, asbind::ArrayKind::TypedArray)?, vec![0.0, 1.0, 4.0, 9.0]);
    assert_eq!(m.string_length(greeting as i32)?, 15);
    assert!(matches!(m.instance_mut().ctx().lower_str("x"), Err(Error::MissingRuntimeExport { name: "__new", .. })));
    Ok(())
}

#[test]
fn classic_module_binds_classes_with_dynamically_typed_references() -> asbind::Result<()> {
    use classic::Vector3d;
    let mut m = classic::Module::new()?;
    assert_eq!(m.instance().abi().generation, asbind::Generation::V0_18);
    let v = Vector3d::new(&mut m, 1.0, 2.0, 2.0)?;
    assert_eq!(v.length(&mut m)?, 3.0);
    v.set_x(&mut m, 2.0)?;
    assert_eq!(v.x(&mut m)?, 2.0);
    v.set_y(&mut m, 2.0)?;
    v.set_z(&mut m, 1.0)?;
    assert_eq!((v.y(&mut m)?, v.z(&mut m)?), (2.0, 1.0));
    // `usize` in the classic .d.ts: handles of unknown class, converted with RTTI checks.
    let w = m.vector_new(2.0, 2.0, 1.0)?.expect("not null");
    assert_eq!(v.distance(&mut m, &w)?, 0.0);
    assert_eq!(m.vector_length(&w)?, 3.0);
    let w: Vector3d = m.instance_mut().ctx().convert(&w)?;
    // A classic result converts straight from its `Option<AnyRef>`.
    let coords = m.vector_coords(&w.any())?;
    assert_eq!(m.instance_mut().ctx().convert::<Vec<f64>, _>(&coords)?, vec![2.0, 2.0, 1.0]);
    let none: Option<asbind::AnyRef> = None;
    assert_eq!(m.instance_mut().ctx().convert::<Option<String>, _>(&none)?, None);
    assert!(matches!(m.instance_mut().ctx().convert::<String, _>(&none), Err(asbind::Error::Null(_))));
    let coords = coords.expect("not null");
    assert!(matches!(m.instance_mut().ctx().convert::<String, _>(&coords), Err(asbind::Error::WrongType { .. })));
    let arr = m.get_random_vectors(3)?.expect("not null");
    let vectors: Vec<Vector3d> = m.instance_mut().ctx().convert(&arr)?;
    assert_eq!(vectors.len(), 3);
    let array_id = m.vectors_array_id()?;
    let again = m.instance_mut().ctx().new_array_of(array_id, &vectors)?;
    assert_eq!(m.get_minimum_distance(&again)?, m.get_minimum_distance(&arr)?);
    assert_eq!(<Vector3d as asbind::kinds::Class>::IDS[0], m.vector3d_id()?, "the class-id global");
    Ok(())
}
