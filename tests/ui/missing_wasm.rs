// trybuild compiles each case in its own crate at target/tests/trybuild/asbind/, which is the
// CARGO_MANIFEST_DIR the macro resolves paths against; the other cases reach the repository
// through `../../../../`.
asbind::include!("fixtures/no_such_module.wasm");

fn main() {}
