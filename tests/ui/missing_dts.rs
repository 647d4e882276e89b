asbind::include!("../../../../fixtures/hello.wasm", dts = "../../../../fixtures/no_such_module.d.ts");

fn main() {}
