//! Shared helpers for the integration tests: fixture loading.
#![allow(dead_code)]

use std::path::PathBuf;

use asbind::{Imports, Instance, Module};

/// Path of a committed fixture file.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

/// Compiles a fixture module (`name` without `.wasm`).
pub fn module(name: &str) -> Module {
    Module::from_file(fixture(&format!("{name}.wasm"))).expect("fixture compiles")
}

/// Instantiates a fixture with the default imports and a fixed seed.
pub fn instance(name: &str) -> Instance {
    let mut imports = Imports::new();
    imports.seed(12345.0);
    Instance::with_imports(&module(name), imports, ()).expect("fixture instantiates")
}
