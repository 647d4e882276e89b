// unsupported_type.d.ts is fixtures/hello.d.ts with `sqrt_sum_square`'s first parameter made a Map.
asbind::include!("../../../../fixtures/hello.wasm", dts = "../../../../tests/ui/unsupported_type.d.ts");

fn main() {}
