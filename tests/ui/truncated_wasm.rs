// truncated.wasm is the first 100 bytes of fixtures/hello.wasm.
asbind::include!("../../../../tests/ui/truncated.wasm", dts = "../../../../fixtures/hello.d.ts");

fn main() {}
