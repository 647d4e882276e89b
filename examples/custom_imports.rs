//! A module that imports functions from its host: implement the generated `Host` trait, with
//! AssemblyScript strings and arrays already lifted, and route the standard imports
//! (`console.*`, `trace`, `seed`) where you want them.
//!
//! Run with `cargo run --example custom_imports`.

asbind::include!("fixtures/imports.wasm");

/// Our side of the module's imports.
struct Host {
    name: String,
    log: Vec<String>,
}

impl imports::Host for Host {
    fn log_message(&mut self, msg: &str) -> asbind::HostResult<()> {
        self.log.push(msg.to_string());
        Ok(())
    }
    fn get_name(&mut self) -> asbind::HostResult<String> {
        Ok(self.name.clone())
    }
    fn add(&mut self, a: i32, b: i32) -> asbind::HostResult<i32> {
        Ok(a + b)
    }
    fn scale(&mut self, values: &[f64], k: f64) -> asbind::HostResult<Vec<f64>> {
        Ok(values.iter().map(|v| v * k).collect())
    }
}

fn main() -> asbind::Result<()> {
    let host = Host { name: "Rust".into(), log: Vec::new() };
    let imports = asbind::Imports::new().seed(42.0).on_console(|kind, msg| println!("[{kind:?}] {msg}"));
    let mut m = imports::Module::with_options(host, imports)?;
    println!("{}", m.greet("Ferris")?);
    println!("add_via_host(20, 1) = {}", m.add_via_host(20, 1)?);
    println!("scale_via_host([1, 2, 3.5], 2) = {}", m.scale_via_host(&[1.0, 2.0, 3.5], 2.0)?);
    println!("the module logged: {:?}", m.host().log);
    Ok(())
}
