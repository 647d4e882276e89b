//! pyaswasm's vector walkthrough with classes: `Vector3d` objects made by the module and by
//! Rust, their methods and fields called from Rust, and an array of them passed back in. Once
//! per compiler generation:
//!
//! * AssemblyScript 0.28.20, built with `asbind-codegen/transform/asbind-classes.mjs`: typed all the way;
//! * AssemblyScript 0.19.23 (classic exports): its `.d.ts` types every reference as `usize`, so
//!   those arrive as `asbind::AnyRef` and are converted with `Ctx::convert`.
//!
//! Run with `cargo run --example vectors`.

asbind::include!("fixtures/vector3d.wasm");
asbind::include!("fixtures/vector3d_0_19.wasm");

fn main() -> asbind::Result<()> {
    println!("AssemblyScript 0.28.20 with the asbind-classes transform");
    let mut m = vector3d::Module::new()?;
    let mut vs = m.get_random_vectors(5)?; // Vec<vector3d::Vector3d>
    m.collect()?; // the handles keep the vectors alive
    for v in &vs {
        let (x, y, z) = (v.x(&mut m)?, v.y(&mut m)?, v.z(&mut m)?);
        println!("  vector ({x:.3}, {y:.3}, {z:.3}): length {:.3}", v.length(&mut m)?);
    }
    let v = vector3d::Vector3d::new(&mut m, 1.0, 2.0, 0.0)?; // the constructor, from Rust
    v.set_z(&mut m, 2.0)?;
    println!(
        "  new Vector3d(1, 2, 2): length {}, distance to the first {:.3}",
        v.length(&mut m)?,
        v.distance(&mut m, &vs[0])?
    );
    vs.push(v);
    println!("  minimum distance among {} vectors: {:.3}", vs.len(), m.get_minimum_distance(&vs)?);
    drop(vs);
    m.instance_mut().flush_released()?;
    println!("  objects still pinned: {}", m.instance().pinned_count());

    println!("AssemblyScript 0.19.23, classic exports");
    let mut m = vector3d_0_19::Module::new()?;
    let random = m.get_random_vectors(5)?.expect("never null"); // an AnyRef
    let mut vs: Vec<vector3d_0_19::Vector3d> = m.instance_mut().ctx().convert(&random)?;
    m.collect()?;
    for v in &vs {
        let (x, y, z) = (v.x(&mut m)?, v.y(&mut m)?, v.z(&mut m)?);
        println!("  vector ({x:.3}, {y:.3}, {z:.3}): length {:.3}", v.length(&mut m)?);
    }
    let v = vector3d_0_19::Vector3d::new(&mut m, 1.0, 2.0, 0.0)?;
    v.set_z(&mut m, 2.0)?;
    let first = vs[0].any(); // `distance(o: usize)` takes any object
    println!(
        "  new Vector3d(1, 2, 2): length {}, distance to the first {:.3}",
        v.length(&mut m)?,
        v.distance(&mut m, &first)?
    );
    vs.push(v);
    // The host builds the Array<Vector3d> itself, with the id the module exports (`idof`).
    let id = m.vectors_array_id()?;
    let array = m.instance_mut().ctx().new_array_of(id, &vs)?;
    println!("  minimum distance among {} vectors: {:.3}", vs.len(), m.get_minimum_distance(&array)?);
    drop((random, vs, first, array));
    m.instance_mut().flush_released()?;
    println!("  objects still pinned: {}", m.instance().pinned_count());
    Ok(())
}
