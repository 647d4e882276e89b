//! The modules `build.rs` generated through asbind-build behave like the `asbind::include!` ones.

use std::sync::{Arc, Mutex};

use asbind_build_script_test::{hello, host_imports, vector3d};

#[test]
fn hello_scalars_and_strings() -> asbind::Result<()> {
    let mut m = hello::Module::new()?;
    assert_eq!(m.sqrt_sum_square(3.0, 4.0)?, 5.0);
    assert_eq!(m.get_hello_string()?, "Hello world!");
    assert_eq!(m.expand_string("abc")?, "a b c");
    assert_eq!(m.expand_string("")?, "");
    Ok(())
}

#[test]
fn hello_typed_arrays() -> asbind::Result<()> {
    let mut m = hello::Module::new()?;
    assert_eq!(m.sum_array(&[1, 2, 3, i32::MAX])?, 6 + i64::from(i32::MAX));
    assert_eq!(m.sum_float_array(&[0.5, 0.25])?, 0.75);
    let floats = m.generate_random_float_array(16, 2.0, 3.0)?;
    assert_eq!(floats.len(), 16);
    assert!(floats.iter().all(|&x| (2.0..=3.0).contains(&x)), "{floats:?}");
    Ok(())
}

#[test]
fn hello_view_writes_are_seen_by_the_module() -> asbind::Result<()> {
    let mut m = hello::Module::new()?;
    assert_eq!(m.get_array()?, vec![0; 8]);
    {
        let view = m.get_array_view()?;
        assert_eq!(view.len(), 8);
        for (i, x) in view.iter_mut().enumerate() {
            *x = i as i32 * 10;
        }
    }
    assert_eq!(m.get_array()?, vec![0, 10, 20, 30, 40, 50, 60, 70]);
    Ok(())
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt()
}

#[test]
fn vector3d_handles() -> asbind::Result<()> {
    let mut m = vector3d::Module::new()?;
    let vs: Vec<vector3d::Vector3d> = m.get_random_vectors(5)?;
    assert_eq!(vs.len(), 5);
    let mut coords = Vec::new();
    for v in &vs {
        let c = m.vector_coords(v)?;
        assert!(c.iter().all(|x| (0.0..10.0).contains(x)), "{c:?}");
        let len = m.vector_length(v)?;
        assert!((len - distance(&c, &[0.0; 3])).abs() < 1e-12, "{len} vs {c:?}");
        coords.push(c);
    }
    // The handles stay valid across a full collection.
    m.collect()?;
    let mut best = f64::INFINITY;
    for i in 0..coords.len() {
        for j in i + 1..coords.len() {
            best = best.min(distance(&coords[i], &coords[j]));
        }
    }
    assert_eq!(m.get_minimum_distance(&vs)?, best);
    assert_eq!(m.get_minimum_distance(&vs[..1])?, f64::INFINITY);

    let a = m.vector_new(0.0, 0.0, 0.0)?;
    let b = m.vector_new(3.0, 4.0, 0.0)?;
    assert_eq!(m.vector_length(&b)?, 5.0);
    assert_eq!(m.get_minimum_distance(&[a, b.clone(), b])?, 0.0);
    Ok(())
}

/// Implements the imports of `imports.wasm` and records what it was asked.
#[derive(Clone, Default)]
struct Host {
    log: Arc<Mutex<Vec<String>>>,
}

impl host_imports::Host for Host {
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
        Ok("the host".to_string())
    }
}

#[test]
fn renamed_module_with_host_imports() -> asbind::Result<()> {
    let host = Host::default();
    let log = host.log.clone();
    let mut m = host_imports::Module::new(host)?;
    assert_eq!(m.greet("Rust")?, "Hello, Rust from the host!");
    assert_eq!(*log.lock().unwrap(), ["greeting Rust"]);
    assert_eq!(m.add_via_host(2, 3)?, 10);
    assert_eq!(m.scale_via_host(&[1.0, 2.0, 3.0], 2.0)?, 12.0);
    Ok(())
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}

#[test]
fn every_fixture_through_build_rs_and_the_cli_output() -> asbind::Result<()> {
    use asbind_build_script_test::{
        cli, nested, readonly, records, stdlib, values, values_minimal, values_stub, vector3d_0_19,
    };
    // build.rs output: bytes embedded.
    assert_eq!(values::Module::new()?.concat("a", "b")?, "ab");
    assert_eq!(values_minimal::Module::new()?.join_strings(&["x", "y"], "-")?, "x-y");
    assert_eq!(values_stub::Module::new()?.centroid(&[values_stub::Point { x: 2.0, y: 4.0 }])?.y, 4.0);
    assert_eq!(stdlib::Module::new()?.check_positive(3)?, 3);
    assert_eq!(readonly::Module::new()?.add(1, 2)?, 3);
    assert_eq!(records::Module::new()?.chain(2)?.and_then(|l| l.next).map(|l| l.v), Some(2));
    assert_eq!(nested::Module::new()?.triangle(2)?, [vec![0], vec![0, 1]]);
    let mut classic = vector3d_0_19::Module::new()?;
    let v = vector3d_0_19::Vector3d::new(&mut classic, 0.0, 3.0, 4.0)?;
    assert_eq!(v.length(&mut classic)?, 5.0);
    // `asbind gen` output: the wasm is loaded at run time.
    let mut v = cli::values::Module::from_file(fixture("values.wasm"))?;
    assert_eq!(v.bump_mixed(&cli::values::Mixed { a: 1, ..Default::default() })?.a, 2);
    let bytes = std::fs::read(fixture("hello.wasm")).unwrap();
    assert_eq!(cli::hello::Module::from_bytes(&bytes)?.sqrt_sum_square(3.0, 4.0)?, 5.0);
    assert_eq!(cli::vector3d::Module::from_file(fixture("vector3d.wasm"))?.get_random_vectors(2)?.len(), 2);
    assert_eq!(cli::stdlib::Module::from_file(fixture("stdlib.wasm"))?.index_array(0)?, 10);
    assert_eq!(cli::readonly::Module::from_file(fixture("readonly.wasm"))?.add(2, 2)?, 4);
    assert_eq!(cli::records::Module::from_file(fixture("records.wasm"))?.tree(1)?.kids.len(), 2);
    assert_eq!(cli::nested::Module::from_file(fixture("nested.wasm"))?.words(1)?, [vec!["a"]]);
    assert_eq!(cli::values_minimal::Module::from_file(fixture("values_minimal.wasm"))?.u64_max()?, u64::MAX);
    assert_eq!(cli::values_stub::Module::from_file(fixture("values_stub.wasm"))?.greet("a", None)?, "Hello, a");
    let mut classic = cli::vector3d_0_19::Module::from_file(fixture("vector3d_0_19.wasm"))?;
    let v = cli::vector3d_0_19::Vector3d::new(&mut classic, 3.0, 4.0, 0.0)?;
    assert_eq!(v.length(&mut classic)?, 5.0);
    struct Host;
    impl cli::imports::Host for Host {
        fn log_message(&mut self, _msg: &str) -> asbind::HostResult<()> {
            Ok(())
        }
        fn scale(&mut self, values: &[f64], k: f64) -> asbind::HostResult<Vec<f64>> {
            Ok(values.iter().map(|v| v * k).collect())
        }
        fn add(&mut self, a: i32, b: i32) -> asbind::HostResult<i32> {
            Ok(a - b)
        }
        fn get_name(&mut self) -> asbind::HostResult<String> {
            Ok("cli".into())
        }
    }
    let mut m = cli::imports::Module::from_file(fixture("imports.wasm"), Host)?;
    assert_eq!(m.greet("x")?, "Hello, x from cli!");
    assert_eq!(m.add_via_host(5, 3)?, 4);
    // `--exportStart` and imported globals, through both doors.
    assert_eq!(asbind_build_script_test::start::Module::new()?.bump()?, 43);
    assert_eq!(cli::start::Module::from_file(fixture("start.wasm"))?.get_greeting()?, "hello start");
    struct Scale;
    impl asbind_build_script_test::env_globals::Host for Scale {
        fn scale(&self) -> i32 {
            4
        }
    }
    impl cli::env_globals::Host for Scale {
        fn scale(&self) -> i32 {
            5
        }
    }
    assert_eq!(asbind_build_script_test::env_globals::Module::new(Scale)?.scaled(2)?, 8);
    assert_eq!(cli::env_globals::Module::from_file(fixture("env_globals.wasm"), Scale)?.scaled(2)?, 10);
    Ok(())
}

/// The naming hazards of `fixtures/names.wasm` bind the same through build.rs and `asbind gen`.
#[test]
fn naming_hazards_through_build_rs_and_the_cli_output() -> asbind::Result<()> {
    use asbind_build_script_test::{cli, names};
    struct Env;
    macro_rules! host {
        ($($m:ident)::+) => {
            impl $($m)::+::Host for Env {
                fn odd_name_with_chars(&mut self, target: i32, cx_2: i32, r: i32) -> asbind::HostResult<i32> {
                    Ok(target * 100 + cx_2 * 10 + r)
                }
                fn r#type(&mut self, self_: &str, self_2: i32) -> asbind::HostResult<String> {
                    Ok(format!("{self_}{self_2}"))
                }
                fn ue9_lan(&mut self, x: i32) -> asbind::HostResult<i32> {
                    Ok(-x)
                }
            }
        };
    }
    host!(names);
    host!(cli::names);
    let mut m = names::Module::new(Env)?;
    assert_eq!(m.shadow(1, 2, 3, 4, 5)?, 55);
    assert_eq!(m.late_value_2(names::Late::Computed)?, 42);
    assert_eq!(m.call_odd(1)?, 112);
    let mut m = cli::names::Module::from_file(fixture("names.wasm"), Env)?;
    assert_eq!(m.shadow(1, 2, 3, 4, 5)?, 55);
    assert_eq!(m.late_value_2(cli::names::Late::Computed)?, 42);
    assert_eq!(m.call_keyword("k")?, "k3");
    Ok(())
}
