// unsupported_type.d.ts is fixtures/hello.d.ts with `sqrt_sum_square`'s first parameter made a Map.
// The module is still bound: `sqrt_sum_square` gets its raw wasm signature (with a warning in its
// docs), so calling it as if it were typed fails here, while the other exports keep their types.
asbind::include!("../../../../fixtures/hello.wasm", dts = "../../../../tests/ui/unsupported_type.d.ts");

fn main() -> asbind::Result<()> {
    let mut m = hello::Module::new()?;
    let _: String = m.get_hello_string()?;
    let _: f32 = m.sqrt_sum_square("a map", 1.0)?;
    Ok(())
}
