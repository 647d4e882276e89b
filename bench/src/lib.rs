//! The Path Finder benchmark (issue 9): one AssemblyScript navmesh module
//! (`pathfinder/navmesh.wasm`, built from `pathfinder/assembly/navmesh.ts`) queried for shortest
//! paths by three hosts that must print the same checksums:
//!
//! * [`AsbindHost`]: asbind's generated bindings (`asbind::include!`);
//! * [`RawHost`]: the same calls written by hand on `asbind::wasmtime` (the baseline);
//! * `pathfinder/node_host.mjs`: AssemblyScript's own JS glue under Node.
//!
//! The workload (see `pathfinder/data/`): pass the mesh's three arrays in and build the navmesh,
//! then for k in 32, 64, 128, 196, 256 search the path between every ordered pair of the first k
//! points; plus 65 536 searches whose start and end lie in one polygon (per-call overhead).

use std::fmt;
use std::path::{Path, PathBuf};

asbind::include!("pathfinder/navmesh.wasm");

pub mod raw;
pub use raw::RawHost;

/// The pair counts of the quoted workload.
pub const KS: [usize; 5] = [32, 64, 128, 196, 256];
/// Searches in the same-polygon row.
pub const SAME_POLYGON_CALLS: usize = 65_536;

/// Any error of the benchmark.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// The benchmark's folder (`bench/pathfinder/`).
pub fn pathfinder_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("pathfinder")
}

/// The navigation mesh and the query points, as the module takes them.
#[derive(Debug, Clone)]
pub struct Data {
    /// x y z per vertex.
    pub vertices: Vec<f32>,
    /// Polygon corner indices into the vertex list.
    pub polygons: Vec<i32>,
    /// Corners per polygon.
    pub sizes: Vec<i32>,
    /// x y z per query point.
    pub points: Vec<f32>,
}

fn numbers(line: &str) -> Result<Vec<f64>> {
    line.split_whitespace().map(|s| s.parse::<f64>().map_err(|e| format!("{s:?}: {e}").into())).collect()
}

impl Data {
    /// Reads `pathfinder/data/map_01.txt` and `map_01_points.txt`. Numbers are parsed as f64 and
    /// rounded to f32, exactly like `Float32Array.from(Number(..))` in the Node host.
    pub fn load() -> Result<Self> {
        let dir = pathfinder_dir().join("data");
        let map = std::fs::read_to_string(dir.join("map_01.txt"))?;
        let mut lines = map.lines();
        let mut line = || lines.next().ok_or("map_01.txt: fewer than three lines");
        let vertices = numbers(line()?)?.into_iter().map(|v| v as f32).collect();
        let polygons = numbers(line()?)?.into_iter().map(|v| v as i32).collect();
        let sizes = numbers(line()?)?.into_iter().map(|v| v as i32).collect();
        let points = numbers(&std::fs::read_to_string(dir.join("map_01_points.txt"))?)?;
        Ok(Data { vertices, polygons, sizes, points: points.into_iter().map(|v| v as f32).collect() })
    }

    /// Point `i` of the query points.
    pub fn point(&self, i: usize) -> [f32; 3] {
        [self.points[3 * i], self.points[3 * i + 1], self.points[3 * i + 2]]
    }

    /// Start and end of `calls` same-polygon searches: for query q, polygon q mod n, its centroid
    /// and the midpoint between the centroid and its first corner (f64 arithmetic rounded to f32,
    /// as in the Node host).
    pub fn same_polygon_queries(&self, calls: usize) -> Vec<([f32; 3], [f32; 3])> {
        let mut first = Vec::with_capacity(self.sizes.len());
        let mut total = 0usize;
        for &n in &self.sizes {
            first.push(total);
            total += n as usize;
        }
        (0..calls)
            .map(|q| {
                let p = q % self.sizes.len();
                let (s, n) = (first[p], self.sizes[p] as usize);
                let mut c = [0f64; 3];
                for i in 0..n {
                    for (d, c) in c.iter_mut().enumerate() {
                        *c += self.vertices[3 * self.polygons[s + i] as usize + d] as f64;
                    }
                }
                let (mut start, mut end) = ([0f32; 3], [0f32; 3]);
                for d in 0..3 {
                    let centroid = c[d] / n as f64;
                    start[d] = centroid as f32;
                    end[d] = ((centroid + self.vertices[3 * self.polygons[s] as usize + d] as f64) / 2.0) as f32;
                }
                (start, end)
            })
            .collect()
    }
}

/// The checksum of a series of searches: the number of path floats and their sum, in search order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Checksum {
    /// Floats over all returned paths (3 per point).
    pub floats: u64,
    /// Sum of every coordinate (each f32 widened to f64, added in order).
    pub sum: f64,
}

impl Checksum {
    /// Adds one path.
    #[inline]
    pub fn add(&mut self, path: &[f32]) {
        self.floats += path.len() as u64;
        for &v in path {
            self.sum += v as f64;
        }
    }
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:?}` of an f64 is the shortest representation that round-trips, like JavaScript's.
        write!(f, "{} floats, sum {:?}", self.floats, self.sum)
    }
}

/// What the benchmark needs from a host: build the navmesh, run one search.
pub trait Host {
    /// The column name.
    fn name(&self) -> &'static str;
    /// Passes the three arrays in and builds the navmesh.
    fn init(&mut self, data: &Data) -> Result<()>;
    /// One search; the path goes into `sum`.
    fn search(&mut self, start: [f32; 3], end: [f32; 3], sum: &mut Checksum) -> Result<()>;
}

/// Searches between every ordered pair of the first `k` points.
pub fn pairs(host: &mut dyn Host, data: &Data, k: usize) -> Result<Checksum> {
    let mut sum = Checksum::default();
    for i in 0..k {
        let start = data.point(i);
        for j in 0..k {
            host.search(start, data.point(j), &mut sum)?;
        }
    }
    Ok(sum)
}

/// The same-polygon searches.
pub fn same_polygon(host: &mut dyn Host, queries: &[([f32; 3], [f32; 3])]) -> Result<Checksum> {
    let mut sum = Checksum::default();
    for &(start, end) in queries {
        host.search(start, end, &mut sum)?;
    }
    Ok(sum)
}

/// The module through asbind's generated bindings.
pub struct AsbindHost {
    m: navmesh::Module,
    nav: Option<navmesh::Navmesh>,
    /// Reused for every path, as the raw host does.
    path: Vec<f32>,
}

/// A new `asbind::Module` for navmesh.wasm (not the process-wide `compiled()` one): compiled
/// from the embedded wasm, or loaded from the artifact the build precompiled (asbind's
/// `precompile` feature); an error if the artifact is missing or was not used.
pub fn load_module(precompiled: bool) -> Result<asbind::Module> {
    if !precompiled {
        return Ok(asbind::Module::new(navmesh::Module::wasm())?);
    }
    let artifact = navmesh::Module::precompiled().ok_or("navmesh.wasm was not precompiled at build time")?;
    // SAFETY: the artifact is this crate's build output (asbind::include! with `precompile`).
    let module = unsafe { asbind::Module::from_precompiled(artifact, navmesh::Module::wasm())? };
    if !module.is_precompiled() {
        return Err("the precompiled artifact does not match this machine; it was compiled instead".into());
    }
    Ok(module)
}

impl AsbindHost {
    /// A fresh instance.
    pub fn new() -> Result<Self> {
        Ok(AsbindHost { m: navmesh::Module::new()?, nav: None, path: Vec::new() })
    }

    /// A fresh instance of `module` (the bindings' `from_module`: the imports are linked on the
    /// module's first instance, and reused by the next).
    pub fn with_module(module: &asbind::Module) -> Result<Self> {
        Ok(AsbindHost { m: navmesh::Module::from_module(module, asbind::Imports::new())?, nav: None, path: Vec::new() })
    }

    /// The path between two points, as the bindings return it.
    pub fn search_path(&mut self, start: [f32; 3], end: [f32; 3]) -> Result<Vec<f32>> {
        let nav = self.nav.as_ref().ok_or("init first")?;
        Ok(nav.search_path(&mut self.m, start[0], start[1], start[2], end[0], end[1], end[2])?)
    }
}

impl Host for AsbindHost {
    fn name(&self) -> &'static str {
        "asbind"
    }

    fn init(&mut self, data: &Data) -> Result<()> {
        self.nav = Some(navmesh::Navmesh::new(&mut self.m, &data.vertices, &data.polygons, &data.sizes)?);
        Ok(())
    }

    #[inline]
    fn search(&mut self, start: [f32; 3], end: [f32; 3], sum: &mut Checksum) -> Result<()> {
        // The path borrowed in the module's memory (checked once), copied into the reused
        // buffer before the next call.
        let nav = self.nav.as_ref().ok_or("init first")?;
        let view = nav.search_path_view(&mut self.m, start[0], start[1], start[2], end[0], end[1], end[2])?;
        self.path.clear();
        self.path.extend_from_slice(view);
        sum.add(&self.path);
        Ok(())
    }
}
