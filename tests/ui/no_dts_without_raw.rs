// readonly.wasm has no .d.ts beside it: the macro refuses to change the API to raw wasm types
// silently; `raw = true` opts in (tests/bindings.rs).
asbind::include!("../../../../fixtures/readonly.wasm");

fn main() {}
