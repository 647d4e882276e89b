//! Shared helpers for the integration tests: fixture loading and hand-written bindings.
#![allow(dead_code)]

pub mod values;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use asbind::{Imports, Instance, Module};

/// Path of a committed fixture file.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

/// Compiles a fixture module (`name` without `.wasm`), once per test binary.
pub fn module(name: &str) -> Module {
    static CACHE: OnceLock<Mutex<HashMap<String, Module>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(name.to_string())
        .or_insert_with(|| Module::from_file(fixture(&format!("{name}.wasm"))).expect("fixture compiles"))
        .clone()
}

/// Instantiates a fixture with the default imports and a fixed seed.
pub fn instance(name: &str) -> Instance {
    let imports = Imports::new().seed(12345.0);
    Instance::with_imports(&module(name), imports, ()).expect("fixture instantiates")
}
