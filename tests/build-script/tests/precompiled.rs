//! Start-up without JIT: build.rs (asbind-build's `precompile` feature) embeds artifacts the
//! bindings load when they match, anything else falls back to compiling the embedded wasm, and
//! instances made through one pre-instantiated module stay independent.

use std::sync::{Arc, Mutex};

use asbind::{Error, Imports, Module};
use asbind_build_script_test::{hello, host_imports, vector3d};

#[test]
fn the_embedded_artifact_is_used() -> asbind::Result<()> {
    let artifact = hello::Module::precompiled().expect("build.rs precompiled hello.wasm");
    let module = hello::Module::compiled()?;
    assert!(module.is_precompiled(), "compiled() loaded the artifact instead of compiling");
    let mut m = hello::Module::from_module(&module, Imports::new())?;
    assert_eq!(m.expand_string("abc")?, "a b c");
    // The strict loader takes it too.
    // SAFETY: the artifact is this crate's build output.
    let strict = unsafe { Module::deserialize(artifact) }?;
    assert!(strict.is_precompiled());
    assert_eq!(hello::Module::from_module(&strict, Imports::new())?.sqrt_sum_square(3.0, 4.0)?, 5.0);
    Ok(())
}

/// `from_precompiled` on `artifact` still gives a working hello module, compiled from the wasm.
fn falls_back(artifact: &[u8]) -> asbind::Result<()> {
    // SAFETY: the bytes are either this crate's build output or ones that fail the key or
    // checksum (which must keep them from wasmtime).
    let module = unsafe { Module::from_precompiled(artifact, hello::Module::wasm()) }?;
    assert!(!module.is_precompiled(), "a mismatching artifact must not be loaded");
    assert_eq!(hello::Module::from_module(&module, Imports::new())?.expand_string("xy")?, "x y");
    Ok(())
}

/// `deserialize` refuses `artifact` with a typed error naming why.
fn refused(artifact: &[u8], why: &str) {
    // SAFETY: as in `falls_back`.
    match unsafe { Module::deserialize(artifact) } {
        Err(Error::Precompiled(msg)) => assert!(msg.contains(why), "{msg}"),
        other => panic!("expected Error::Precompiled({why}), got {other:?}"),
    }
}

#[test]
fn wrong_bytes_fall_back_to_compiling() -> asbind::Result<()> {
    let good = hello::Module::precompiled().unwrap();
    falls_back(b"")?;
    falls_back(b"\0asm\x01\0\0\0 not an artifact")?;
    refused(b"garbage", "not an asbind precompiled module");

    // Another module's artifact: the wasm hash differs.
    falls_back(vector3d::Module::precompiled().unwrap())?;

    // One flipped bit in the compiled code: the checksum catches it before wasmtime sees it.
    let mut damaged = good.to_vec();
    let mid = damaged.len() / 2;
    damaged[mid] ^= 0x10;
    falls_back(&damaged)?;
    refused(&damaged, "damaged");

    // Cut short, or with bytes appended.
    falls_back(&good[..good.len() - 1])?;
    refused(&good[..good.len() - 100], "truncated");
    let mut longer = good.to_vec();
    longer.push(0);
    refused(&longer, "truncated or extended");

    // A header from a future asbind.
    let mut future = good.to_vec();
    future[8] = 99;
    falls_back(&future)?;
    refused(&future, "format 99");
    Ok(())
}

#[test]
fn an_artifact_of_another_engine_configuration_falls_back() -> asbind::Result<()> {
    let mut config = asbind::engine_config();
    config.cranelift_opt_level(asbind::wasmtime::OptLevel::None);
    let other = asbind::wasmtime::Engine::new(&config).unwrap();
    let artifact = Module::precompile_with_engine(&other, hello::Module::wasm())?;
    falls_back(&artifact)?;
    refused(&artifact, "another wasmtime version, configuration");
    // The engine that made it loads it.
    // SAFETY: made just above by `precompile_with_engine`.
    let module = unsafe { Module::deserialize_with_engine(&other, &artifact) }?;
    assert!(module.is_precompiled());
    let mut instance = asbind::Instance::new(&module)?;
    let sqrt = instance.func::<(f32, f32), f32>("sqrt_sum_square")?;
    assert_eq!(instance.call(&sqrt, (3.0, 4.0))?, 5.0);

    // And an artifact made at run time by this process loads like the embedded one.
    let fresh = Module::precompile(hello::Module::wasm())?;
    // SAFETY: made just above by `precompile`.
    assert!(unsafe { Module::from_precompiled(&fresh, hello::Module::wasm()) }?.is_precompiled());
    Ok(())
}

#[test]
fn the_bindings_check_still_runs_on_every_module() {
    // vector3d's module is not hello's: every attempt says so, cached success or not.
    let module = vector3d::Module::compiled().unwrap();
    for _ in 0..2 {
        match hello::Module::from_module(&module, Imports::new()) {
            Err(Error::Mismatch(msg)) => assert!(msg.contains("hello.wasm"), "{msg}"),
            Err(e) => panic!("expected a mismatch, got {e}"),
            Ok(_) => panic!("expected a mismatch"),
        }
    }
    assert!(vector3d::Module::from_module(&module, Imports::new()).is_ok());
}

#[test]
fn pre_instantiated_instances_have_their_own_memory_and_pins() -> asbind::Result<()> {
    let mut a = hello::Module::new()?;
    let mut b = hello::Module::new()?;
    a.get_array_view()?.iter_mut().for_each(|x| *x = 7);
    assert_eq!(a.get_array()?, vec![7; 8]);
    assert_eq!(b.get_array()?, vec![0; 8], "b's memory is its own");

    let mut va = vector3d::Module::new()?;
    let mut vb = vector3d::Module::new()?;
    let before = vb.instance().pinned_count();
    let handles = va.get_random_vectors(3)?;
    assert!(va.instance().pinned_count() >= 3);
    assert_eq!(vb.instance().pinned_count(), before, "a's handles are pinned in a's table only");
    assert!(matches!(vb.vector_length(&handles[0]), Err(Error::ForeignHandle)));
    assert!(va.vector_length(&handles[0]).is_ok());
    drop(handles);
    va.collect()?;
    Ok(())
}

#[test]
fn per_instance_imports_keep_their_meaning() -> asbind::Result<()> {
    let seeded = |seed: f64| -> asbind::Result<Vec<f32>> {
        let imports = Imports::new().seed(seed);
        hello::Module::with_options(imports)?.generate_random_float_array(4, 0.0, 1.0)
    };
    assert_eq!(seeded(1.0)?, seeded(1.0)?, "the same seed, the same numbers");
    assert_ne!(seeded(1.0)?, seeded(2.0)?, "each instance has its own seed");

    // An instance's own override replaces the linked default for that instance only.
    let imports =
        Imports::new().func("env", "seed", |_: &mut asbind::Ctx<'_, ()>| -> asbind::HostResult<f64> { Ok(3.0) });
    let overridden = hello::Module::with_options(imports)?.generate_random_float_array(4, 0.0, 1.0)?;
    assert_eq!(overridden, seeded(3.0)?);
    Ok(())
}

/// A host that records its messages.
#[derive(Clone, Default)]
struct Recorder {
    log: Arc<Mutex<Vec<String>>>,
    name: &'static str,
}

impl host_imports::Host for Recorder {
    fn log_message(&mut self, msg: &str) -> asbind::HostResult<()> {
        self.log.lock().unwrap().push(msg.to_string());
        Ok(())
    }

    fn scale(&mut self, values: &[f64], k: f64) -> asbind::HostResult<Vec<f64>> {
        Ok(values.iter().map(|v| v * k).collect())
    }

    fn add(&mut self, a: i32, b: i32) -> asbind::HostResult<i32> {
        Ok(a + b)
    }

    fn get_name(&mut self) -> asbind::HostResult<String> {
        Ok(self.name.to_string())
    }
}

#[test]
fn host_functions_are_linked_once_but_reach_each_instances_host() -> asbind::Result<()> {
    let (one, two) = (Recorder { name: "one", ..Default::default() }, Recorder { name: "two", ..Default::default() });
    let (log1, log2) = (one.log.clone(), two.log.clone());
    let module = host_imports::Module::<Recorder>::compiled()?;
    let mut m1 = host_imports::Module::from_module(&module, one, Imports::new())?;
    let mut m2 = host_imports::Module::from_module(&module.clone(), two, Imports::new())?;
    assert_eq!(m1.greet("a")?, "Hello, a from one!");
    assert_eq!(m2.greet("b")?, "Hello, b from two!");
    assert_eq!(m1.greet("c")?, "Hello, c from one!");
    assert_eq!(*log1.lock().unwrap(), ["greeting a", "greeting c"]);
    assert_eq!(*log2.lock().unwrap(), ["greeting b"]);
    // A per-instance override wins over the host's function, for that instance.
    let imports = Imports::new().func(
        "host",
        "add",
        |_: &mut asbind::Ctx<'_, Recorder>, a: i32, b: i32| -> asbind::HostResult<i32> { Ok(a * b) },
    );
    let mut m3 = host_imports::Module::from_module(&module, Recorder::default(), imports)?;
    assert_eq!(m3.add_via_host(2, 3)?, 2 * (2 * 3));
    assert_eq!(m1.add_via_host(2, 3)?, 2 * (2 + 3));
    Ok(())
}

#[test]
fn instance_pre_by_hand() -> asbind::Result<()> {
    let module = hello::Module::compiled()?;
    let pre = module.pre::<u32>()?;
    let mut instances: Vec<asbind::Instance<u32>> =
        (0..3).map(|i| pre.instantiate(Imports::new(), i)).collect::<asbind::Result<_>>()?;
    for (i, instance) in instances.iter_mut().enumerate() {
        assert_eq!(*instance.data(), i as u32);
        let sqrt = instance.func::<(f32, f32), f32>("sqrt_sum_square")?;
        assert_eq!(instance.call(&sqrt, (6.0, 8.0))?, 10.0);
    }
    Ok(())
}
