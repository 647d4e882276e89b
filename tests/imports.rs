//! User imports on `fixtures/imports.wasm`: Rust closures that lift their arguments and
//! allocate their results in the module.

mod common;

use std::sync::{Arc, Mutex};

use asbind::abi::flags;
use asbind::{Ctx, Error, Imports, Instance};

/// User data the import functions reach through `Ctx::data_mut`.
#[derive(Default)]
struct Host {
    logged: Vec<String>,
}

fn imports() -> Imports<Host> {
    Imports::new()
        .func("imports", "log_message", |cx: &mut Ctx<'_, Host>, msg: u32| {
            let msg = cx.lift_string(msg)?;
            cx.data_mut().logged.push(msg);
            Ok(())
        })
        .func("host", "get_name", |cx: &mut Ctx<'_, Host>| Ok(cx.lower_str("Rust 🦀")?))
        .func("host", "add", |_: &mut Ctx<'_, Host>, a: i32, b: i32| Ok(a + b))
        .func("host", "scale", |cx: &mut Ctx<'_, Host>, values: u32, k: f64| {
            let values: Vec<f64> = cx.lift_vec(values)?;
            let scaled: Vec<f64> = values.iter().map(|v| v * k).collect();
            let id = cx
                .find_array_id::<f64>(flags::ARRAYBUFFERVIEW)
                .ok_or_else(|| Error::InvalidValue("no Float64Array in this module".into()))?;
            Ok(cx.lower_typed_array(&scaled, id)?)
        })
}

#[test]
fn custom_imports_lift_arguments_and_return_strings() {
    let mut inst = Instance::with_imports(&common::module("imports"), imports(), Host::default()).unwrap();
    let greet = inst.func::<u32, u32>("greet").unwrap();
    let add = inst.func::<(i32, i32), i32>("add_via_host").unwrap();
    let scale = inst.func::<(u32, f64), f64>("scale_via_host").unwrap();

    let mut cx = inst.ctx();
    let who = cx.lower_str("Ferris").unwrap();
    let out = cx.call(&greet, who).unwrap();
    assert_eq!(cx.lift_string(out).unwrap(), "Hello, Ferris from Rust 🦀!");
    assert_eq!(inst.data().logged, vec!["greeting Ferris".to_string()]);

    assert_eq!(inst.call(&add, (20, 1)).unwrap(), 42);

    let mut cx = inst.ctx();
    let id = cx.find_array_id::<f64>(flags::ARRAYBUFFERVIEW).unwrap();
    let arr = cx.lower_typed_array(&[1.0, 2.0, 3.5], id).unwrap();
    assert_eq!(cx.call(&scale, (arr, 2.0)).unwrap(), 13.0);
    inst.collect().unwrap();
    assert_eq!(inst.pinned_count(), 0);
}

#[test]
fn an_error_from_an_import_names_it_and_leaves_the_instance_usable() {
    let mut imports = imports();
    imports = imports.func("host", "add", |_: &mut Ctx<'_, Host>, _: i32, _: i32| -> asbind::HostResult<i32> {
        Err(Error::host("add", "refused").into())
    });
    let mut inst = Instance::with_imports(&common::module("imports"), imports, Host::default()).unwrap();
    let add = inst.func::<(i32, i32), i32>("add_via_host").unwrap();
    let err = inst.call(&add, (1, 2)).unwrap_err();
    assert!(matches!(&err, Error::Host { name, .. } if name == "add"), "{err}");
    assert_eq!(err.to_string(), "host function add: refused");
    let greet = inst.func::<u32, u32>("greet").unwrap();
    let mut cx = inst.ctx();
    let who = cx.lower_str("again").unwrap();
    let out = cx.call(&greet, who).unwrap();
    assert_eq!(cx.lift_string(out).unwrap(), "Hello, again from Rust 🦀!");
}

#[test]
fn missing_imports_are_all_reported() {
    let err = Instance::new(&common::module("imports")).expect_err("instantiation fails");
    match err {
        Error::MissingImports(mut names) => {
            names.sort();
            assert_eq!(names, vec!["host.add", "host.get_name", "host.scale", "imports.log_message"]);
        }
        other => panic!("unexpected error {other}"),
    }
}

#[test]
fn closures_can_share_state_without_user_data() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut imports: Imports = Imports::new();
    let sink = seen.clone();
    imports = imports
        .func("imports", "log_message", move |cx: &mut Ctx<'_>, msg: u32| {
            sink.lock().unwrap().push(cx.lift_string(msg)?);
            Ok(())
        })
        .func("host", "get_name", |cx: &mut Ctx<'_>| Ok(cx.lower_str("closure")?))
        .func("host", "add", |_: &mut Ctx<'_>, a: i32, b: i32| Ok(a.wrapping_add(b)))
        .func("host", "scale", |_: &mut Ctx<'_>, v: u32, _: f64| Ok(v));
    let mut inst = Instance::with_imports(&common::module("imports"), imports, ()).unwrap();
    let greet = inst.func::<u32, u32>("greet").unwrap();
    let mut cx = inst.ctx();
    let who = cx.lower_str("x").unwrap();
    let out = cx.call(&greet, who).unwrap();
    assert_eq!(cx.lift_string(out).unwrap(), "Hello, x from closure!");
    assert_eq!(*seen.lock().unwrap(), vec!["greeting x".to_string()]);
}
