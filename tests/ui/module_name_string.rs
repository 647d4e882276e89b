asbind::include!("../../../../fixtures/hello.wasm", module = "greetings");

fn main() {}
