asbind::include!(
    "../../../../fixtures/hello.wasm",
    dts = "../../../../fixtures/no_such_module.d.ts",
    js = "../../../../fixtures/no_such_module.js",
);

fn main() {}
