//! Loading and instantiating a module: [`Module`] (compiled code) and [`Instance`] (a store
//! with its memory, runtime exports, pin table and host state).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use wasmtime::{
    AsContextMut, Engine, Extern, Global, Memory, Store, StoreContextMut, TypedFunc, Val, WasmParams, WasmResults,
};

use asbind_abi::exports::{COLLECT, MEMORY, NEW, PIN, RTTI_BASE, SET_ARGUMENTS_LENGTH, UNPIN};

use crate::abi::{Abi, Generation};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::imports::{HostEnv, Imports};
use crate::memory::MemoryReader;
use crate::pins::Pins;

/// How strings with unpaired surrogates (valid WTF-16, invalid UTF-16) are lifted to `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Utf16 {
    /// Fail with [`Error::InvalidUtf16`] (the default).
    #[default]
    Strict,
    /// Replace each unpaired surrogate with U+FFFD.
    Lossy,
}

/// A compiled AssemblyScript module, ready to be instantiated any number of times.
#[derive(Clone)]
pub struct Module {
    inner: wasmtime::Module,
}

/// The engine shared by modules created without an explicit one.
pub fn default_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

impl Module {
    /// Compiles wasm bytes with the shared default engine.
    pub fn new(bytes: impl AsRef<[u8]>) -> Result<Self> {
        Self::with_engine(default_engine(), bytes)
    }

    /// Compiles wasm bytes with `engine`.
    pub fn with_engine(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Self> {
        let inner = wasmtime::Module::new(engine, bytes.as_ref()).map_err(|e| Error::Compile(format!("{e:#}")))?;
        Ok(Module { inner })
    }

    /// Reads and compiles a `.wasm` file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        Self::new(bytes)
    }

    /// The wasmtime module.
    pub fn wasmtime(&self) -> &wasmtime::Module {
        &self.inner
    }
}

/// The store data of an instance: the runtime's bookkeeping, the default imports' state and
/// the user's data `D`.
pub struct HostState<D> {
    pub(crate) rt: Runtime,
    pub(crate) host: HostEnv,
    pub(crate) data: D,
}

/// What the runtime resolved from the module's exports, once.
pub(crate) struct Runtime {
    pub(crate) memory: Option<Memory>,
    pub(crate) new: Option<TypedFunc<(u32, u32), u32>>,
    pub(crate) pin: Option<TypedFunc<u32, u32>>,
    pub(crate) unpin: Option<TypedFunc<u32, ()>>,
    pub(crate) collect: Option<TypedFunc<(), ()>>,
    pub(crate) set_arguments_length: Option<TypedFunc<i32, ()>>,
    pub(crate) abi: Abi,
    pub(crate) pins: Arc<Pins>,
    pub(crate) utf16: Utf16,
    pub(crate) ready: bool,
    /// Runtime ids of array classes found by RTTI search, by (kind flag, element flags).
    pub(crate) array_ids: std::collections::HashMap<(u32, u32), u32>,
    /// Objects pinned as arguments of the next call.
    pub(crate) held: Vec<u32>,
    /// Reused UTF-16 buffer for lowering strings.
    pub(crate) scratch: Vec<u16>,
}

/// Names of the runtime interface exports, in the order [`init_runtime`] resolves them.
pub(crate) const RUNTIME_EXPORTS: [&str; 7] = [MEMORY, NEW, PIN, UNPIN, COLLECT, SET_ARGUMENTS_LENGTH, RTTI_BASE];

impl Runtime {
    fn new(utf16: Utf16, generation: Generation) -> Self {
        Runtime {
            memory: None,
            new: None,
            pin: None,
            unpin: None,
            collect: None,
            set_arguments_length: None,
            abi: Abi { generation, rtti_base: None, detected: false },
            pins: Pins::new(),
            utf16,
            ready: false,
            held: Vec::new(),
            array_ids: std::collections::HashMap::new(),
            scratch: Vec::new(),
        }
    }
}

fn typed<P: WasmParams, R: WasmResults, D: 'static>(
    store: &StoreContextMut<'_, HostState<D>>,
    name: &str,
    ext: Option<Extern>,
) -> Result<Option<TypedFunc<P, R>>> {
    match ext {
        None => Ok(None),
        Some(Extern::Func(f)) => f
            .typed::<P, R>(store)
            .map(Some)
            .map_err(|e| Error::Export { name: name.into(), reason: format!("unexpected signature: {e:#}") }),
        Some(_) => Err(Error::Export { name: name.into(), reason: "is not a function".into() }),
    }
}

/// Resolves the runtime interface from `lookup` (instance exports, or a caller's during the
/// start function) and detects the ABI generation.
pub(crate) fn init_runtime<D: 'static>(
    mut store: StoreContextMut<'_, HostState<D>>,
    mut lookup: impl FnMut(&mut StoreContextMut<'_, HostState<D>>, &str) -> Option<Extern>,
) -> Result<()> {
    let [memory, new, pin, unpin, collect, set_args, rtti] = RUNTIME_EXPORTS.map(|name| lookup(&mut store, name));
    let memory = match memory {
        None => None,
        Some(Extern::Memory(m)) => Some(m),
        Some(_) => {
            return Err(Error::Export { name: MEMORY.into(), reason: "is not a memory".into() });
        }
    };
    let rtti_base = match rtti {
        None => None,
        Some(Extern::Global(g)) => match g.get(&mut store) {
            Val::I32(v) => Some(v as u32),
            _ => {
                return Err(Error::Export { name: RTTI_BASE.into(), reason: "is not an i32 global".into() });
            }
        },
        Some(_) => {
            return Err(Error::Export { name: RTTI_BASE.into(), reason: "is not a global".into() });
        }
    };
    let rt = Runtime {
        new: typed(&store, NEW, new)?,
        pin: typed(&store, PIN, pin)?,
        unpin: typed(&store, UNPIN, unpin)?,
        collect: typed(&store, COLLECT, collect)?,
        set_arguments_length: typed(&store, SET_ARGUMENTS_LENGTH, set_args)?,
        memory,
        ..Runtime::new(store.data().rt.utf16, store.data().rt.abi.generation)
    };
    let abi = match memory {
        Some(m) => Abi::detect(&MemoryReader::new(m.data(&store)), rtti_base, rt.abi.generation),
        None => rt.abi,
    };
    let state = &mut store.data_mut().rt;
    // Keep the pin table: handles made during the start function point at it.
    let pins = state.pins.clone();
    *state = Runtime { abi, pins, ready: true, ..rt };
    Ok(())
}

/// One instantiated AssemblyScript module: its store, memory, runtime exports and pin table.
///
/// `D` is user data reachable from import functions through [`Ctx::data`].
pub struct Instance<D: 'static = ()> {
    store: Store<HostState<D>>,
    instance: wasmtime::Instance,
}

impl Instance<()> {
    /// Instantiates `module` with the default imports only.
    pub fn new(module: &Module) -> Result<Self> {
        Self::with_imports(module, Imports::new(), ())
    }
}

impl<D: Send + 'static> Instance<D> {
    /// Instantiates `module` with `imports` (defaults plus the user's) and user data `data`.
    pub fn with_imports(module: &Module, imports: Imports<D>, data: D) -> Result<Self> {
        let (env, funcs, utf16, generation) = imports.into_parts();
        let engine = module.inner.engine();
        let mut store = Store::new(engine, HostState { rt: Runtime::new(utf16, generation), host: env, data });
        let externs = crate::imports::resolve(&mut store, &module.inner, funcs)?;
        let instance = wasmtime::Instance::new(&mut store, &module.inner, &externs).map_err(|e| {
            if e.downcast_ref::<Error>().is_some() || e.downcast_ref::<wasmtime::Trap>().is_some() {
                Error::from_call(e)
            } else {
                Error::Instantiate(format!("{e:#}"))
            }
        })?;
        init_runtime(store.as_context_mut(), |s, name| instance.get_export(s, name))?;
        Ok(Instance { store, instance })
    }
}

impl<D: 'static> Instance<D> {
    /// A context for lifting, lowering and calling.
    pub fn ctx(&mut self) -> Ctx<'_, D> {
        Ctx::new(self.store.as_context_mut())
    }

    /// Resolves an exported function with the given wasm signature (once, at setup).
    pub fn func<P: WasmParams, R: WasmResults>(&mut self, name: &str) -> Result<TypedFunc<P, R>> {
        let func = self
            .instance
            .get_func(&mut self.store, name)
            .ok_or_else(|| Error::Export { name: name.into(), reason: "no such function export".into() })?;
        func.typed::<P, R>(&self.store)
            .map_err(|e| Error::Export { name: name.into(), reason: format!("unexpected signature: {e:#}") })
    }

    /// Resolves an exported global.
    pub fn global(&mut self, name: &str) -> Result<Global> {
        self.instance
            .get_global(&mut self.store, name)
            .ok_or_else(|| Error::Export { name: name.into(), reason: "no such global export".into() })
    }

    /// Calls a resolved export with wasm-level arguments.
    pub fn call<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        self.ctx().call(func, args)
    }

    /// Runs a full garbage collection (`__collect`), after unpinning dropped handles.
    pub fn collect(&mut self) -> Result<()> {
        self.ctx().collect()
    }

    /// Unpins the objects of handles dropped since the last call.
    pub fn flush_released(&mut self) -> Result<()> {
        self.ctx().flush_released()
    }

    /// Number of objects the host keeps pinned (handles alive, plus drops not yet flushed).
    pub fn pinned_count(&self) -> usize {
        self.store.data().rt.pins.len()
    }

    /// How many host references keep `ptr` pinned (0 if none).
    pub fn pin_count(&self, ptr: u32) -> u32 {
        self.store.data().rt.pins.count(ptr)
    }

    /// The module's ABI (generation and RTTI location).
    pub fn abi(&self) -> Abi {
        self.store.data().rt.abi
    }

    /// Whether the module exports the runtime interface needed to pass managed values in.
    pub fn has_runtime_exports(&self) -> bool {
        let rt = &self.store.data().rt;
        rt.new.is_some() && rt.pin.is_some() && rt.unpin.is_some()
    }

    /// The user data.
    pub fn data(&self) -> &D {
        &self.store.data().data
    }

    /// The user data, mutably.
    pub fn data_mut(&mut self) -> &mut D {
        &mut self.store.data_mut().data
    }

    /// Chooses how strings with unpaired surrogates are lifted.
    pub fn set_utf16(&mut self, policy: Utf16) {
        self.store.data_mut().rt.utf16 = policy;
    }

    /// The wasmtime store (escape hatch).
    pub fn store(&self) -> &Store<HostState<D>> {
        &self.store
    }

    /// The wasmtime store, mutably (escape hatch).
    pub fn store_mut(&mut self) -> &mut Store<HostState<D>> {
        &mut self.store
    }

    /// The wasmtime instance (escape hatch).
    pub fn wasmtime(&self) -> &wasmtime::Instance {
        &self.instance
    }

    fn memory(&self) -> Result<wasmtime::Memory> {
        self.store
            .data()
            .rt
            .memory
            .ok_or(Error::Export { name: MEMORY.into(), reason: "the module exports no memory".into() })
    }

    /// A bounds-checked reader over the current memory.
    pub fn reader(&self) -> Result<MemoryReader<'_>> {
        Ok(MemoryReader::new(self.memory()?.data(&self.store)))
    }

    pub(crate) fn memory_mut(&mut self) -> Result<&mut [u8]> {
        let mem = self.memory()?;
        Ok(mem.data_mut(&mut self.store))
    }

    pub(crate) fn pins(&self) -> &Arc<Pins> {
        &self.store.data().rt.pins
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("imports", &self.inner.imports().len())
            .field("exports", &self.inner.exports().len())
            .finish()
    }
}

impl<D: 'static> std::fmt::Debug for Instance<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rt = &self.store.data().rt;
        f.debug_struct("Instance")
            .field("abi", &rt.abi)
            .field("runtime_exports", &self.has_runtime_exports())
            .field("pinned", &rt.pins.len())
            .finish_non_exhaustive()
    }
}
