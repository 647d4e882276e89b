//! pyaswasm's vector walkthrough on `fixtures/vector3d.wasm` (0.28.20): objects returned by the
//! module become pinned handles, host-made vectors go back in as an array.

mod common;

use asbind::wasmtime::TypedFunc;
use asbind::{Instance, Ref, Result, kinds};

/// `src/vector3d/Vector3d` (internref id 4 in vector3d.d.ts).
struct Vector3d;
impl kinds::Class for Vector3d {
    const NAME: &'static str = "src/vector3d/Vector3d";
    const IDS: &'static [u32] = &[4];
}

struct Vectors {
    inst: Instance,
    array_id: u32,
    random: TypedFunc<i32, u32>,
    min_distance: TypedFunc<u32, f64>,
    new: TypedFunc<(f64, f64, f64), u32>,
    length: TypedFunc<u32, f64>,
    coords: TypedFunc<u32, u32>,
}

impl Vectors {
    fn new() -> Self {
        let mut inst = common::instance("vector3d");
        let g = inst.global("VectorsArray_ID").unwrap();
        let array_id = g.get(inst.store_mut()).unwrap_i32() as u32;
        let g = inst.global("Vector3d_ID").unwrap();
        assert_eq!(g.get(inst.store_mut()).unwrap_i32(), 4, "idof<Vector3d> matches the .d.ts");
        Vectors {
            array_id,
            random: inst.func("get_random_vectors").unwrap(),
            min_distance: inst.func("get_minimum_distance").unwrap(),
            new: inst.func("vector_new").unwrap(),
            length: inst.func("vector_length").unwrap(),
            coords: inst.func("vector_coords").unwrap(),
            inst,
        }
    }
    fn get_random_vectors(&mut self, n: i32) -> Result<Vec<Ref<Vector3d>>> {
        let mut cx = self.inst.ctx();
        let p = cx.call(&self.random, n)?;
        cx.lift(p)
    }
    fn get_minimum_distance(&mut self, vs: &[Ref<Vector3d>]) -> Result<f64> {
        let mut cx = self.inst.ctx();
        let p = cx.lower_array_of(vs, self.array_id)?;
        cx.call(&self.min_distance, p)
    }
    fn vector(&mut self, x: f64, y: f64, z: f64) -> Result<Ref<Vector3d>> {
        let mut cx = self.inst.ctx();
        let p = cx.call(&self.new, (x, y, z))?;
        cx.lift(p)
    }
    fn length(&mut self, v: &Ref<Vector3d>) -> Result<f64> {
        let mut cx = self.inst.ctx();
        let p = cx.lower(v)?;
        cx.call(&self.length, p)
    }
    fn coords(&mut self, v: &Ref<Vector3d>) -> Result<[f64; 3]> {
        let mut cx = self.inst.ctx();
        let p = cx.lower(v)?;
        let r = cx.call(&self.coords, p)?;
        let c: Vec<f64> = cx.lift(r)?;
        c.try_into().map_err(|c: Vec<f64>| asbind::Error::InvalidValue(format!("{} coordinates", c.len())))
    }
}

fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    a.iter().zip(b).map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt()
}

#[test]
fn walkthrough() {
    let mut m = Vectors::new();
    let mut vectors = m.get_random_vectors(5).unwrap();
    assert_eq!(vectors.len(), 5);
    m.inst.collect().unwrap();
    let mut coords = Vec::new();
    for v in &vectors {
        let c = m.coords(v).unwrap();
        assert!(c.iter().all(|x| (0.0..10.0).contains(x)), "{c:?}");
        let len = m.length(v).unwrap();
        assert!((len - c.iter().map(|x| x * x).sum::<f64>().sqrt()).abs() < 1e-12);
        coords.push(c);
    }
    // Host-built vectors join the module's own.
    vectors.push(m.vector(1.0, 2.0, 2.0).unwrap());
    coords.push([1.0, 2.0, 2.0]);
    assert_eq!(m.length(vectors.last().unwrap()).unwrap(), 3.0);
    m.inst.collect().unwrap();

    let mut best = f64::INFINITY;
    for i in 0..coords.len() {
        for j in i + 1..coords.len() {
            best = best.min(distance(coords[i], coords[j]));
        }
    }
    assert_eq!(m.get_minimum_distance(&vectors).unwrap(), best);
    assert_eq!(m.get_minimum_distance(&vectors[..1]).unwrap(), f64::INFINITY);
    assert_eq!(m.inst.pinned_count(), 6);
    drop(vectors);
    m.inst.flush_released().unwrap();
    assert_eq!(m.inst.pinned_count(), 0);
}
