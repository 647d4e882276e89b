asbind::include!("../../../../fixtures/hello.wasm", dts = "../../../../fixtures/values.d.ts");

fn main() {}
