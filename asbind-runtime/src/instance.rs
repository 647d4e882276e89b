//! [`Instance`]: one instantiated module (a store with its memory, runtime exports, pin table
//! and host state), how it is made from a [`Module`] or an [`InstancePre`], and the
//! instance-level conveniences over [`Ctx`].

use std::sync::Arc;

use wasmtime::{AsContextMut, Global, Store, TypedFunc, WasmParams, WasmResults};

use crate::abi::Abi;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::imports::Imports;
use crate::memory::MemoryReader;
use crate::module::Module;
use crate::options::Utf16;
use crate::pins::Handles;
use crate::pre::InstancePre;
use crate::state::{HostState, Runtime, RuntimeExports};

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
    ///
    /// The module's standard imports are linked once per module ([`Module::pre`]); only the
    /// functions and globals registered on `imports` are linked per instance.
    pub fn with_imports(module: &Module, imports: Imports<D>, data: D) -> Result<Self> {
        module.pre::<D>()?.instantiate(imports, data)
    }
}

impl<D: Send + 'static> InstancePre<D> {
    /// A new instance: its own store, memory, pin table and host state from `imports` (console
    /// sink, seed, clock, string policy, and functions or globals that override the linked
    /// ones), with user data `data`.
    pub fn instantiate(&self, imports: Imports<D>, data: D) -> Result<Instance<D>> {
        let (store, instance) = self.instantiate_parts(imports, data)?;
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

    /// Sets how many bytes of host memory the values lifted after one call may take (see
    /// [`Imports::lift_budget`]).
    pub fn set_lift_budget(&mut self, bytes: u64) {
        self.store.data_mut().rt_mut().set_lift_budget(bytes);
    }

    /// How many bytes of host memory the values lifted after one call may take.
    pub fn lift_budget(&self) -> u64 {
        self.rt().lift_budget()
    }

    /// Gives every later call from the host `fuel` units of fuel, or with `None` stops
    /// refilling (the fuel left then runs down across calls). Needs an engine with
    /// `consume_fuel(true)` (see [`Imports::fuel`]); otherwise an [`Error::Argument`].
    pub fn set_fuel(&mut self, fuel: Option<u64>) -> Result<()> {
        if !self.store.engine().get_consume_fuel() {
            return Err(crate::limits::needs_engine("a fuel budget (`Instance::set_fuel`)", "consume_fuel"));
        }
        if let Some(fuel) = fuel {
            self.store.set_fuel(fuel).map_err(|e| crate::limits::fuel_unsupported(&e))?;
        }
        self.store.data_mut().rt_mut().set_call_fuel(fuel);
        Ok(())
    }

    /// The fuel left from the last call (`None` when the engine does not count fuel).
    pub fn fuel_left(&self) -> Option<u64> {
        self.store.get_fuel().ok()
    }

    /// Lets every later call from the host run for at most `ticks` epoch ticks, or with `None`
    /// for ever. Needs an engine with `epoch_interruption(true)` (see
    /// [`Imports::epoch_deadline`]); otherwise an [`Error::Argument`].
    pub fn set_epoch_deadline(&mut self, ticks: Option<u64>) -> Result<()> {
        if !self.store.engine().get_epoch_interruption() {
            return Err(crate::limits::needs_engine(
                "an epoch deadline (`Instance::set_epoch_deadline`)",
                "epoch_interruption",
            ));
        }
        self.store.set_epoch_deadline(ticks.unwrap_or(crate::limits::NO_DEADLINE));
        self.store.data_mut().rt_mut().set_call_epoch_ticks(ticks);
        Ok(())
    }

    /// Turns GC-stress mode on or off (see [`Imports::gc_stress`]).
    pub fn set_gc_stress(&mut self, on: bool) {
        self.store.data_mut().rt_mut().set_gc_stress(on);
    }

    /// Lets class handles accept objects of classes the bindings do not know, as possible
    /// subclasses (off by default).
    ///
    /// A class handle (`Counter::wrap(ptr)`, a `Counter` result) checks the object's runtime id
    /// against the class and its subclasses. AssemblyScript 0.18 – 0.22 record each class's
    /// base in the RTTI, and the `asbind-classes` transform records the whole hierarchy for
    /// 0.23+, so there the check is exact and this setting changes nothing. For a 0.23+ module
    /// built without the transform, subclasses no export mentions appear in no `.d.ts`: by
    /// default their objects are refused ([`Error::WrongType`](crate::Error::WrongType)), since
    /// a method of one class called on an object of another writes into the wrong fields. Turn
    /// this on to accept any unknown id of a plain class there (never the ids of known other
    /// classes, nor arrays, strings, maps or sets), if such subclasses must cross, or rebuild
    /// the module with the transform instead.
    pub fn accept_unlisted_subclasses(&mut self, accept: bool) {
        self.store.data_mut().rt_mut().rtti_mut().set_accepts_unlisted_subclasses(accept);
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

impl<D: 'static> std::fmt::Debug for Instance<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Instance")
            .field("abi", &self.abi())
            .field("runtime_exports", &self.has_runtime_exports())
            .field("pinned", &self.pinned_count())
            .finish_non_exhaustive()
    }
}
