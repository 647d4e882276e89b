//! The baseline: the benchmark's calls written by hand on wasmtime, following the AssemblyScript
//! host ABI (AS_ABI §2.5 typed arrays, §3 RTTI, §5 runtime interface, §8.9 argument order). No
//! asbind code runs here except the `wasmtime` re-export.

use asbind::wasmtime::{Engine, Instance, Linker, Memory, Module, Store, TypedFunc};

use crate::{Checksum, Data, Host, Result};

/// Built-in class id of `ArrayBuffer` (0.24+).
const ARRAYBUFFER_ID: i32 = 1;
/// RTTI flags of typed arrays (AS_ABI §3.2).
const ARRAYBUFFERVIEW: u32 = 0x1;
const VALUE_ALIGN_2: u32 = 0x100;
const VALUE_SIGNED: u32 = 0x800;
const VALUE_FLOAT: u32 = 0x1000;

type SearchArgs = (i32, f32, f32, f32, f32, f32, f32);

/// navmesh.wasm on a bare wasmtime instance.
pub struct RawHost {
    store: Store<()>,
    memory: Memory,
    new: TypedFunc<(i32, i32), i32>,
    pin: TypedFunc<i32, i32>,
    unpin: TypedFunc<i32, ()>,
    navmesh_new: TypedFunc<(i32, i32, i32), i32>,
    search_path: TypedFunc<SearchArgs, i32>,
    float32_array_id: i32,
    int32_array_id: i32,
    /// The pinned Navmesh object, 0 before `init`.
    nav: i32,
    /// The last path, copied out of memory (reused).
    path: Vec<f32>,
}

fn u32_at(bytes: &[u8], addr: usize) -> Result<u32> {
    let b = bytes.get(addr..addr + 4).ok_or("pointer out of bounds")?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl RawHost {
    /// Compiles and instantiates `pathfinder/navmesh.wasm` with an `env.abort` that fails the call.
    pub fn new() -> Result<Self> {
        let engine = Engine::default();
        let module = Module::from_file(&engine, crate::pathfinder_dir().join("navmesh.wasm"))?;
        Self::with_module(&engine, &module)
    }

    /// Instantiates an already compiled module.
    pub fn with_module(engine: &Engine, module: &Module) -> Result<Self> {
        let mut linker = Linker::<()>::new(engine);
        linker.func_wrap(
            "env",
            "abort",
            |msg: i32, file: i32, line: i32, col: i32| -> asbind::wasmtime::Result<()> {
                Err(asbind::wasmtime::Error::msg(format!("abort (message {msg:#x}, file {file:#x}, {line}:{col})")))
            },
        )?;
        let mut store = Store::new(engine, ());
        let instance: Instance = linker.instantiate(&mut store, module)?;
        let memory = instance.get_memory(&mut store, "memory").ok_or("no memory export")?;
        let new = instance.get_typed_func(&mut store, "__new")?;
        let pin = instance.get_typed_func(&mut store, "__pin")?;
        let unpin = instance.get_typed_func(&mut store, "__unpin")?;
        let navmesh_new = instance.get_typed_func(&mut store, "Navmesh__new")?;
        let search_path = instance.get_typed_func(&mut store, "Navmesh__m_search_path")?;

        // Typed array ids from the RTTI table: u32 count, then one u32 of flags per id.
        let rtti = instance.get_global(&mut store, "__rtti_base").ok_or("no __rtti_base")?;
        let rtti = rtti.get(&mut store).i32().ok_or("__rtti_base is not an i32")? as u32 as usize;
        let bytes = memory.data(&store);
        let count = u32_at(bytes, rtti)? as usize;
        let (mut float32_array_id, mut int32_array_id) = (None, None);
        for id in 0..count {
            let flags = u32_at(bytes, rtti + 4 + 4 * id)?;
            if flags & ARRAYBUFFERVIEW == 0 || flags & 0x7c0 != VALUE_ALIGN_2 {
                continue;
            }
            if flags & VALUE_FLOAT != 0 {
                float32_array_id.get_or_insert(id as i32);
            } else if flags & VALUE_SIGNED != 0 {
                int32_array_id.get_or_insert(id as i32);
            }
        }
        Ok(RawHost {
            store,
            memory,
            new,
            pin,
            unpin,
            navmesh_new,
            search_path,
            float32_array_id: float32_array_id.ok_or("no Float32Array in the RTTI")?,
            int32_array_id: int32_array_id.ok_or("no Int32Array in the RTTI")?,
            nav: 0,
            path: Vec::new(),
        })
    }

    /// A new typed array (AS_ABI §2.5): a pinned buffer, the elements, a header pointing at it.
    fn lower_typed_array(&mut self, bytes: &[u8], id: i32) -> Result<i32> {
        let len = i32::try_from(bytes.len())?;
        let buf = self.new.call(&mut self.store, (len, ARRAYBUFFER_ID))?;
        let buf = self.pin.call(&mut self.store, buf)?;
        let b = buf as u32 as usize;
        self.memory
            .data_mut(&mut self.store)
            .get_mut(b..b + bytes.len())
            .ok_or("buffer out of bounds")?
            .copy_from_slice(bytes);
        let header = self.new.call(&mut self.store, (12, id));
        let header = match header {
            Ok(h) => h,
            Err(e) => {
                self.unpin.call(&mut self.store, buf)?;
                return Err(e.into());
            }
        };
        let h = header as u32 as usize;
        let fields = self.memory.data_mut(&mut self.store).get_mut(h..h + 12).ok_or("header out of bounds")?;
        fields[0..4].copy_from_slice(&buf.to_le_bytes());
        fields[4..8].copy_from_slice(&buf.to_le_bytes());
        fields[8..12].copy_from_slice(&len.to_le_bytes());
        self.unpin.call(&mut self.store, buf)?;
        Ok(header)
    }

    /// The path between two points, copied out of memory into a reused buffer.
    pub fn search_path(&mut self, start: [f32; 3], end: [f32; 3]) -> Result<&[f32]> {
        if self.nav == 0 {
            return Err("init first".into());
        }
        let args = (self.nav, start[0], start[1], start[2], end[0], end[1], end[2]);
        let ptr = self.search_path.call(&mut self.store, args)? as u32 as usize;
        // A Float32Array: +4 dataStart (absolute), +8 byteLength. Copied out before the next call.
        let bytes = self.memory.data(&self.store);
        let data_start = u32_at(bytes, ptr + 4)? as usize;
        let byte_length = u32_at(bytes, ptr + 8)? as usize;
        let floats = bytes.get(data_start..data_start + byte_length).ok_or("path out of bounds")?;
        self.path.clear();
        self.path.extend(floats.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        Ok(&self.path)
    }
}

fn bytes_of<T: Copy>(values: &[T], to_le: impl Fn(T) -> [u8; 4]) -> Vec<u8> {
    values.iter().flat_map(|&v| to_le(v)).collect()
}

impl Host for RawHost {
    fn name(&self) -> &'static str {
        "raw"
    }

    fn init(&mut self, data: &Data) -> Result<()> {
        if self.nav != 0 {
            self.unpin.call(&mut self.store, self.nav)?;
            self.nav = 0;
        }
        // Left to right; the first two stay pinned while the later ones are allocated (§8.9).
        let vertices = self.lower_typed_array(&bytes_of(&data.vertices, f32::to_le_bytes), self.float32_array_id)?;
        self.pin.call(&mut self.store, vertices)?;
        let polygons = self.lower_typed_array(&bytes_of(&data.polygons, i32::to_le_bytes), self.int32_array_id)?;
        self.pin.call(&mut self.store, polygons)?;
        let sizes = self.lower_typed_array(&bytes_of(&data.sizes, i32::to_le_bytes), self.int32_array_id)?;
        let nav = self.navmesh_new.call(&mut self.store, (vertices, polygons, sizes));
        self.unpin.call(&mut self.store, vertices)?;
        self.unpin.call(&mut self.store, polygons)?;
        // The object must survive every later call: pin it until the next init.
        self.nav = self.pin.call(&mut self.store, nav?)?;
        Ok(())
    }

    #[inline]
    fn search(&mut self, start: [f32; 3], end: [f32; 3], sum: &mut Checksum) -> Result<()> {
        self.search_path(start, end)?;
        sum.add(&self.path);
        Ok(())
    }
}
