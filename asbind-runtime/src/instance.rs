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
use crate::pins::Handles;
use crate::state::{HostState, Runtime, RuntimeExports, Utf16, init_runtime};

/// A compiled AssemblyScript module, ready to be instantiated any number of times.
#[derive(Clone)]
pub struct Module {
    inner: wasmtime::Module,
}

/// The engine shared by modules created without an explicit one, configured by [`engine_config`].
pub fn default_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&engine_config()).expect("the asbind engine configuration is valid"))
}

/// The wasmtime configuration asbind runs modules with: the WebAssembly proposals of
/// [`asbind_abi::features::FEATURES`], the same list the generator validates modules against.
/// Proposals this wasmtime build cannot run (no `threads` or `gc` cargo feature) are off either
/// way; those with a switch are set explicitly.
pub fn engine_config() -> wasmtime::Config {
    use asbind_abi::features::{FEATURES, Proposal};
    let mut config = wasmtime::Config::new();
    for f in FEATURES {
        let on = f.supported;
        match f.proposal {
            Proposal::BulkMemory => config.wasm_bulk_memory(on),
            Proposal::MultiValue => config.wasm_multi_value(on),
            Proposal::Simd => config.wasm_simd(on),
            Proposal::RelaxedSimd => config.wasm_relaxed_simd(on),
            Proposal::TailCall => config.wasm_tail_call(on),
            Proposal::MultiMemory => config.wasm_multi_memory(on),
            Proposal::Memory64 => config.wasm_memory64(on),
            Proposal::ExtendedConst => config.wasm_extended_const(on),
            Proposal::Gc => config.wasm_gc(on),
            Proposal::WideArithmetic => config.wasm_wide_arithmetic(on),
            // Always on in wasmtime (the MVP additions, funcref tables, typed function references),
            // or not compiled into this build (threads, externref, exceptions: no `threads`/`gc`).
            Proposal::MutableGlobal
            | Proposal::SignExtension
            | Proposal::SaturatingFloatToInt
            | Proposal::ReferenceTypes
            | Proposal::FunctionReferences
            | Proposal::GcTypes
            | Proposal::Threads
            | Proposal::Exceptions => &mut config,
        };
    }
    config
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

    /// The fingerprint ([`asbind_abi::fingerprint`]) of this module's exports `functions` and
    /// `globals`: what generated bindings compare with the one they were generated with.
    pub fn fingerprint(&self, functions: &[&str], globals: &[&str]) -> u64 {
        use asbind_abi::fingerprint::{fingerprint, func_line, global_line, missing_line};
        let val = |t: &wasmtime::ValType| match t {
            wasmtime::ValType::I32 => ValType::I32,
            wasmtime::ValType::I64 => ValType::I64,
            wasmtime::ValType::F32 => ValType::F32,
            wasmtime::ValType::F64 => ValType::F64,
            wasmtime::ValType::V128 => ValType::V128,
            wasmtime::ValType::Ref(_) => ValType::Ref,
        };
        use asbind_abi::fingerprint::ValType;
        let funcs = functions.iter().map(|name| match self.inner.get_export(name) {
            Some(wasmtime::ExternType::Func(f)) => {
                let params: Vec<ValType> = f.params().map(|t| val(&t)).collect();
                let results: Vec<ValType> = f.results().map(|t| val(&t)).collect();
                func_line(name, &params, &results)
            }
            _ => missing_line(name),
        });
        let globals = globals.iter().map(|name| match self.inner.get_export(name) {
            Some(wasmtime::ExternType::Global(g)) => global_line(name, val(g.content())),
            _ => missing_line(name),
        });
        fingerprint(funcs.chain(globals))
    }

    /// Checks that this module has the exports generated bindings use, with the signatures they
    /// were generated for (`expected`, from [`Module::fingerprint`] of the module they were
    /// generated from, `source`); `regenerate` says how to make bindings for this module.
    pub fn check_bindings(
        &self,
        expected: u64,
        functions: &[&str],
        globals: &[&str],
        source: &str,
        regenerate: &str,
    ) -> Result<()> {
        if self.fingerprint(functions, globals) == expected {
            return Ok(());
        }
        let missing: Vec<&str> = functions
            .iter()
            .filter(|n| !matches!(self.inner.get_export(n), Some(wasmtime::ExternType::Func(_))))
            .chain(
                globals.iter().filter(|n| !matches!(self.inner.get_export(n), Some(wasmtime::ExternType::Global(_)))),
            )
            .copied()
            .collect();
        let detail = if missing.is_empty() {
            "the signatures of its exports differ".to_string()
        } else {
            let shown: Vec<&str> = missing.iter().take(5).copied().collect();
            format!(
                "it lacks export{} `{}`{}",
                if missing.len() == 1 { "" } else { "s" },
                shown.join("`, `"),
                if missing.len() > shown.len() { ", ..." } else { "" }
            )
        };
        Err(Error::Mismatch(format!(
            "this wasm does not match the bindings generated from {source} ({detail}); {regenerate}"
        )))
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
    /// The runtime interface, kept beside the store so that contexts borrow it (a copy of the
    /// one in the store's runtime state, taken once the exports are resolved).
    exports: Arc<RuntimeExports>,
    /// Whether [`Instance::call_start`] ran.
    started: bool,
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
        let exports = store.data().rt().exports().clone();
        Ok(Instance { store, instance, exports, started: false })
    }
}

impl<D: 'static> Instance<D> {
    /// A context for lifting, lowering and calling.
    pub fn ctx(&mut self) -> Ctx<'_, D> {
        Ctx::new(self.store.as_context_mut(), &self.exports)
    }

    /// Runs the module's start export `name` (a module built with `asc --exportStart NAME` has
    /// no start section: its globals, static data and runtime are uninitialised until the host
    /// calls it once, before anything else; AssemblyScript's own glue does the same).
    ///
    /// Generated bindings call it at instantiation; call it yourself when instantiating such a
    /// module by hand. A second call is an [`Error::Argument`]: start code is not re-entrant.
    pub fn call_start(&mut self, name: &str) -> Result<()> {
        if self.started {
            return Err(Error::Argument(format!("the start export `{name}` has already run on this instance")));
        }
        let start = self.func::<(), ()>(name)?;
        self.started = true;
        self.call(&start, ())
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
        self.rt().pinned_count()
    }

    /// How many host references keep `ptr` pinned (0 if none).
    pub fn pin_count(&self, ptr: u32) -> u32 {
        self.rt().pin_count(ptr)
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
        self.exports.memory()
    }

    /// A bounds-checked reader over the current memory.
    pub fn reader(&self) -> Result<MemoryReader<'_>> {
        Ok(MemoryReader::new(self.memory()?.data(&self.store)))
    }

    pub(crate) fn memory_mut(&mut self) -> Result<&mut [u8]> {
        let mem = self.memory()?;
        Ok(mem.data_mut(&mut self.store))
    }

    /// Whether `handles` is this instance's handle queue (a handle it made).
    pub(crate) fn owns(&self, handles: &Arc<Handles>) -> bool {
        self.rt().owns(handles)
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
