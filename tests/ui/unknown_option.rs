asbind::include!("../../../../fixtures/hello.wasm", foo = "x");

fn main() {}
