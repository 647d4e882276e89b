//! Prints the generated bindings for a wasm file (development aid).
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump <module.wasm>");
    let options = asbind_codegen::Options::new(&path, asbind_codegen::Embed::Runtime);
    match asbind_codegen::generate(&options) {
        Ok(g) => print!("{}", asbind_codegen::format(&g.tokens, &g.model.source()).expect("valid Rust")),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
