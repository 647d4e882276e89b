asbind::include!(
    "../../../../fixtures/hello.wasm",
    dts = "../../../../fixtures/hello.d.ts",
    dts = "../../../../fixtures/hello.d.ts",
);

fn main() {}
