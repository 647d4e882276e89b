//! The walkthrough of pyaswasm (the Python loader whose design asbind follows) on the shipped fixtures, through bindings generated at compile time:
//! numbers, strings, a typed array edited in place, and AssemblyScript objects held from Rust.
//!
//! Run with `cargo run --example walkthrough`.

asbind::include!("fixtures/hello.wasm");
asbind::include!("fixtures/vector3d.wasm");

fn main() -> asbind::Result<()> {
    // Numbers and strings.
    let mut hello = hello::Module::new()?;
    println!("sqrt_sum_square(3, 4) = {}", hello.sqrt_sum_square(3.0, 4.0)?);
    println!("get_hello_string() = {:?}", hello.get_hello_string()?);
    println!("expand_string(\"Hello\") = {:?}", hello.expand_string("Hello")?);
    println!("generate_random_float_array(4, 0, 1) = {:?}", hello.generate_random_float_array(4, 0.0, 1.0)?);

    // The module's own Int32Array, edited in place through a borrowed view.
    hello.get_array_view()?[0] = 42;
    println!("get_array() after the edit = {:?}", hello.get_array()?);

    // AssemblyScript objects as pinned handles, passed back in as an array.
    let mut vectors = vector3d::Module::new()?;
    let mut vs = vectors.get_random_vectors(5)?;
    vectors.collect()?; // the handles keep the vectors alive
    for v in &vs {
        println!("vector {:?}: length {:.3}", vectors.vector_coords(v)?, vectors.vector_length(v)?);
    }
    vs.push(vectors.vector_new(1.0, 2.0, 2.0)?);
    println!("minimum distance among {} vectors: {:.3}", vs.len(), vectors.get_minimum_distance(&vs)?);
    drop(vs);
    vectors.instance_mut().flush_released()?;
    println!("objects still pinned: {}", vectors.instance().pinned_count());
    Ok(())
}
