//! Modules that need something at instantiation: a start export to call (`--exportStart`) and
//! imported globals, memories and tables, through the generated bindings and by hand.

mod common;

use asbind::{Error, Imports, Instance};

asbind::include!("fixtures/start.wasm");
asbind::include!("fixtures/env_globals.wasm");

#[test]
fn bindings_call_the_start_export_first() {
    let mut m = start::Module::new().unwrap();
    assert_eq!(m.get_greeting().unwrap(), "hello start");
    assert_eq!(m.bump().unwrap(), 43);
    assert_eq!(m.bump().unwrap(), 44);
    assert_eq!(m.table_sum().unwrap(), 6);
    // Start code runs once per instance.
    let e = m.instance_mut().call_start("_start").unwrap_err();
    assert!(matches!(e, Error::Argument(_)), "{e}");
    assert_eq!(m.bump().unwrap(), 45);
}

#[test]
fn without_the_start_export_the_module_is_uninitialised() {
    // What a host that never calls `_start` sees (asbind's bindings before they called it).
    let module = common::module("start");
    let mut inst = Instance::new(&module).unwrap();
    let bump = inst.func::<(), i32>("bump").unwrap();
    assert_eq!(inst.call(&bump, ()).unwrap(), 1, "the global's initialiser has not run");
    let mut inst = Instance::new(&module).unwrap();
    inst.call_start("_start").unwrap();
    let bump = inst.func::<(), i32>("bump").unwrap();
    assert_eq!(inst.call(&bump, ()).unwrap(), 43);
}

struct Host {
    scale: i32,
}

impl env_globals::Host for Host {
    fn scale(&self) -> i32 {
        self.scale
    }
}

#[test]
fn imported_globals_come_from_the_host_and_the_math_constants_from_asbind() {
    let mut m = env_globals::Module::new(Host { scale: 3 }).unwrap();
    assert_eq!(m.e_plus_pi().unwrap(), std::f64::consts::E + std::f64::consts::PI);
    assert_eq!(m.scaled(5).unwrap(), 15);
    let mut m = env_globals::Module::new(Host { scale: -2 }).unwrap();
    assert_eq!(m.scaled(5).unwrap(), -10);
}

#[test]
fn a_global_of_the_wrong_type_is_a_clear_error() {
    let module = common::module("env_globals");
    let e = Instance::new(&module).unwrap_err();
    assert!(matches!(&e, Error::MissingImports(m) if m == &["host.scale"]), "{e}");
    assert!(e.to_string().contains("globals with `global`"), "{e}");
    let imports = Imports::new().global("host", "scale", 1.5f64);
    let e = Instance::with_imports(&module, imports, ()).unwrap_err();
    assert!(e.to_string().contains("host.scale is a global of type i32, but the value given is f64"), "{e}");
    let imports = Imports::new().global("host", "scale", 7i32);
    let mut inst = Instance::with_imports(&module, imports, ()).unwrap();
    let scaled = inst.func::<i32, i32>("scaled").unwrap();
    assert_eq!(inst.call(&scaled, 2).unwrap(), 14);
}

#[test]
fn imported_memory_and_table_are_made_to_the_declared_size() {
    let module = asbind::Module::new(
        wat::parse_str(
            r#"(module
                (import "env" "memory" (memory 2))
                (import "env" "table" (table 3 funcref))
                (data (i32.const 16) "\2a")
                (func $f (result i32) (i32.const 7))
                (elem (i32.const 1) $f)
                (type $t (func (result i32)))
                (func (export "load") (result i32) (i32.load8_u (i32.const 16)))
                (func (export "pages") (result i32) (memory.size))
                (func (export "via_table") (result i32) (call_indirect (type $t) (i32.const 1))))"#,
        )
        .unwrap(),
    )
    .unwrap();
    let mut inst = Instance::new(&module).unwrap();
    for (name, want) in [("load", 42), ("pages", 2), ("via_table", 7)] {
        let f = inst.func::<(), i32>(name).unwrap();
        assert_eq!(inst.call(&f, ()).unwrap(), want, "{name}");
    }
    // A user-provided memory still wins.
    let imports = Imports::new().extern_with("env", "memory", |store| {
        Ok(asbind::wasmtime::Memory::new(store, asbind::wasmtime::MemoryType::new(5, None))?.into())
    });
    let mut inst = Instance::with_imports(&module, imports, ()).unwrap();
    let pages = inst.func::<(), i32>("pages").unwrap();
    assert_eq!(inst.call(&pages, ()).unwrap(), 5);
}
