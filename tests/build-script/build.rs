//! Generates bindings for every fixture with asbind-build, the way a user's build.rs would.

fn main() {
    asbind_build::Builder::new()
        .module("../../fixtures/hello.wasm")
        .module("../../fixtures/vector3d.wasm")
        .module("../../fixtures/values.wasm")
        .module("../../fixtures/values_minimal.wasm")
        .module("../../fixtures/values_stub.wasm")
        .module("../../fixtures/stdlib.wasm")
        .module("../../fixtures/readonly.wasm")
        .module("../../fixtures/vector3d_0_19.wasm")
        .module("../../fixtures/classes.wasm")
        .module("../../fixtures/classes_plain.wasm")
        .module("../../fixtures/classes_0_19.wasm")
        .module("../../fixtures/start.wasm")
        .module("../../fixtures/env_globals.wasm")
        .module("../../fixtures/partial.wasm")
        .module("../../fixtures/records.wasm")
        .module("../../fixtures/nested.wasm")
        .module("../../fixtures/names.wasm")
        // Explicit inputs and a different module name, to exercise the overrides.
        .module_with("../../fixtures/imports.wasm", |m| {
            m.dts("../../fixtures/imports.d.ts").js("../../fixtures/imports.js").name("host_imports")
        })
        .compile_or_exit();
}
