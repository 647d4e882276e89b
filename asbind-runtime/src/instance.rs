//! Loading and instantiating a module: [`Module`] (compiled code) and [`Instance`] (a store
//! with its memory, runtime exports, pin table and host state), and the instance-level
//! conveniences over [`Ctx`].

use std::path::Path;
use std::sync::{Arc, OnceLock};

use wasmtime::{AsContextMut, Engine, Global, Store, TypedFunc, WasmParams, WasmResults};

use crate::abi::Abi;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::imports::{Imports, resolve};
use crate::memory::MemoryReader;
use crate::pins::Pins;
use crate::state::{HostState, Runtime, Utf16, init_runtime};

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
        let (env, funcs, utf16, generation, max_depth) = imports.into_parts();
        let engine = module.inner.engine();
        let mut rt = Runtime::new(utf16, generation);
        rt.set_max_depth(max_depth);
        let mut store = Store::new(engine, HostState::new(rt, env, data));
        let externs = resolve(&mut store, &module.inner, funcs)?;
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
        self.rt().pins().len()
    }

    /// How many host references keep `ptr` pinned (0 if none).
    pub fn pin_count(&self, ptr: u32) -> u32 {
        self.rt().pins().count(ptr)
    }

    /// The module's ABI (generation and RTTI location).
    pub fn abi(&self) -> Abi {
        self.rt().abi()
    }

    /// Whether the module exports the runtime interface needed to pass managed values in.
    pub fn has_runtime_exports(&self) -> bool {
        self.rt().has_runtime_exports()
    }

    /// The user data.
    pub fn data(&self) -> &D {
        self.store.data().data()
    }

    /// The user data, mutably.
    pub fn data_mut(&mut self) -> &mut D {
        self.store.data_mut().data_mut()
    }

    /// Chooses how strings with unpaired surrogates are lifted.
    pub fn set_utf16(&mut self, policy: Utf16) {
        self.store.data_mut().rt_mut().set_utf16(policy);
    }

    /// Sets how deep values may nest when lifted or lowered (see
    /// [`Imports::max_depth`]).
    pub fn set_max_depth(&mut self, limit: u32) {
        self.store.data_mut().rt_mut().set_max_depth(limit);
    }

    /// How deep values may nest when lifted or lowered.
    pub fn max_depth(&self) -> u32 {
        self.rt().max_depth()
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

    fn rt(&self) -> &Runtime {
        self.store.data().rt()
    }

    fn memory(&self) -> Result<wasmtime::Memory> {
        self.rt().memory()
    }

    /// A bounds-checked reader over the current memory.
    pub fn reader(&self) -> Result<MemoryReader<'_>> {
        Ok(MemoryReader::new(self.memory()?.data(&self.store)))
    }

    pub(crate) fn memory_mut(&mut self) -> Result<&mut [u8]> {
        let mem = self.memory()?;
        Ok(mem.data_mut(&mut self.store))
    }

    /// Whether `pins` is this instance's pin table (a handle it made).
    pub(crate) fn owns(&self, pins: &Arc<Pins>) -> bool {
        self.rt().owns(pins)
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
        f.debug_struct("Instance")
            .field("abi", &self.abi())
            .field("runtime_exports", &self.has_runtime_exports())
            .field("pinned", &self.pinned_count())
            .finish_non_exhaustive()
    }
}
