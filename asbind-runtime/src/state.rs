//! The store data of an instance ([`HostState`]) and the runtime's state in it ([`Runtime`]):
//! the resolved runtime exports ([`RuntimeExports`]), the ABI, the pin table and the per-call
//! bookkeeping. The
//! fields are private; the methods here are the only way to change them, so the invariants
//! (pins kept across re-initialisation, held pointers taken once per call, the RTTI table read
//! once per resolution) have one owner.

use std::sync::Arc;

use asbind_abi::exports::{COLLECT, MEMORY, NEW, PIN, RTTI_BASE, RUNTIME, SET_ARGUMENTS_LENGTH, UNPIN};
use wasmtime::{AsContextMut, Extern, Global, Memory, StoreContextMut, TypedFunc, Val, WasmParams, WasmResults};

use crate::abi::Abi;
use crate::error::{Error, Result};
use crate::host_env::HostEnv;
use crate::memory::MemoryReader;
use crate::options::{MemoryCap, Options, Utf16};
use crate::pins::{HandleOp, Handles, PinTable};
use crate::rtti_table::RttiTable;

/// The store data of an instance: the runtime's bookkeeping, the default imports' state and
/// the user's data `D`.
pub struct HostState<D> {
    rt: Runtime,
    host: HostEnv,
    /// The memory limit (wasmtime's limiter borrows it from here).
    cap: MemoryCap,
    data: D,
}

impl<D> HostState<D> {
    /// The state of a new instance, before its exports are resolved.
    pub(crate) fn new(rt: Runtime, host: HostEnv, data: D) -> Self {
        let cap = MemoryCap::new(rt.options.memory_limit);
        HostState { rt, host, cap, data }
    }

    /// The memory limiter.
    pub(crate) fn cap_mut(&mut self) -> &mut MemoryCap {
        &mut self.cap
    }

    /// The runtime's state.
    pub(crate) fn rt(&self) -> &Runtime {
        &self.rt
    }

    /// The runtime's state, mutably (its methods keep its invariants).
    pub(crate) fn rt_mut(&mut self) -> &mut Runtime {
        &mut self.rt
    }

    /// The default imports' state.
    pub(crate) fn host(&self) -> &HostEnv {
        &self.host
    }

    /// The default imports' state, mutably.
    pub(crate) fn host_mut(&mut self) -> &mut HostEnv {
        &mut self.host
    }

    /// The user's data.
    pub(crate) fn data(&self) -> &D {
        &self.data
    }

    /// The user's data, mutably.
    pub(crate) fn data_mut(&mut self) -> &mut D {
        &mut self.data
    }
}

/// The runtime interface a module exports (memory and runtime functions), resolved once.
///
/// Shared, not cloned per use: an [`Instance`](crate::instance::Instance) and the contexts of
/// import functions hold it beside the store, so a call through it borrows it while the store
/// is borrowed mutably (cloning a `TypedFunc` costs more than the call it makes).
#[derive(Default)]
pub(crate) struct RuntimeExports {
    memory: Option<Memory>,
    new: Option<TypedFunc<(u32, u32), u32>>,
    pin: Option<TypedFunc<u32, u32>>,
    unpin: Option<TypedFunc<u32, ()>>,
    collect: Option<TypedFunc<(), ()>>,
    set_arguments_length: Option<TypedFunc<i32, ()>>,
}

#[cold]
fn missing(name: &'static str, needed_for: &'static str) -> Error {
    Error::MissingRuntimeExport { name, needed_for }
}

#[cold]
fn no_memory() -> Error {
    Error::Export { name: MEMORY.into(), reason: "the module exports no memory".into() }
}

impl RuntimeExports {
    /// The module's memory.
    pub(crate) fn memory(&self) -> Result<Memory> {
        self.memory.ok_or_else(no_memory)
    }

    /// Whether the module exports what passing managed values in needs.
    pub(crate) fn has_runtime_exports(&self) -> bool {
        self.new.is_some() && self.pin.is_some() && self.unpin.is_some()
    }

    /// `__new`, or the error naming what needed it.
    pub(crate) fn new_fn(&self, needed_for: &'static str) -> Result<&TypedFunc<(u32, u32), u32>> {
        self.new.as_ref().ok_or_else(|| missing(NEW, needed_for))
    }

    /// `__pin`, or the error naming what needed it.
    pub(crate) fn pin_fn(&self, needed_for: &'static str) -> Result<&TypedFunc<u32, u32>> {
        self.pin.as_ref().ok_or_else(|| missing(PIN, needed_for))
    }

    /// `__unpin`, or the error naming what needed it.
    pub(crate) fn unpin_fn(&self, needed_for: &'static str) -> Result<&TypedFunc<u32, ()>> {
        self.unpin.as_ref().ok_or_else(|| missing(UNPIN, needed_for))
    }

    /// `__collect`, or the error naming what needed it.
    pub(crate) fn collect_fn(&self, needed_for: &'static str) -> Result<&TypedFunc<(), ()>> {
        self.collect.as_ref().ok_or_else(|| missing(COLLECT, needed_for))
    }

    /// `__setArgumentsLength`, or the error naming what needed it.
    pub(crate) fn set_arguments_length_fn(&self, needed_for: &'static str) -> Result<&TypedFunc<i32, ()>> {
        self.set_arguments_length.as_ref().ok_or_else(|| missing(SET_ARGUMENTS_LENGTH, needed_for))
    }
}

/// What the runtime resolved from the module's exports, and its bookkeeping between calls.
pub(crate) struct Runtime {
    exports: Arc<RuntimeExports>,
    /// The ABI and the RTTI table, read once when the exports are resolved.
    rtti: RttiTable,
    /// Host references per pinned object (changed only with store access).
    pins: PinTable,
    /// What handles did since the last call (shared with them).
    handles: Arc<Handles>,
    /// Objects whose `__unpin` failed (a trap, fuel running out): retried by the next flush.
    retry_unpin: Vec<u32>,
    /// The settings chosen at instantiation (string policy, budgets, limits, GC stress).
    options: Options,
    /// Whether calls from the host need [`Options::per_call`] work.
    per_call: bool,
    /// The shadow-stack pointer (exported by `stack::export_stack_pointer`) and its value
    /// between calls, restored after an outermost call fails.
    stack: Option<(Global, i32)>,
    /// GC stress: whether a call returned since the last collection.
    stress_due: bool,
    /// Whether the exports have been resolved (import functions may run before, in `start`).
    ready: bool,
    /// Objects pinned as arguments of the next call.
    held: Vec<u32>,
    /// Reused buffers: the handle operations being applied, and the objects to unpin.
    ops: Vec<HandleOp>,
    unpin: Vec<u32>,
    /// Reused UTF-16 buffer for lowering strings.
    scratch: Vec<u16>,
}

impl Runtime {
    /// The state before the exports are resolved: no memory, no functions, an assumed ABI.
    pub(crate) fn new(options: Options) -> Self {
        Runtime {
            exports: Arc::default(),
            rtti: RttiTable::empty(Abi { generation: options.generation, rtti_base: None, detected: false }),
            pins: PinTable::default(),
            handles: Handles::new(),
            retry_unpin: Vec::new(),
            per_call: options.per_call(),
            options,
            stack: None,
            // Nothing to collect before the first call (which may be the start export, before
            // which the module's runtime is not initialised).
            stress_due: false,
            ready: false,
            held: Vec::new(),
            ops: Vec::new(),
            unpin: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Whether the exports have been resolved.
    pub(crate) fn is_ready(&self) -> bool {
        self.ready
    }

    /// The module's ABI.
    pub(crate) fn abi(&self) -> Abi {
        self.rtti.abi()
    }

    /// The module's RTTI table.
    pub(crate) fn rtti(&self) -> &RttiTable {
        &self.rtti
    }

    /// The module's RTTI table, mutably (for its settings).
    pub(crate) fn rtti_mut(&mut self) -> &mut RttiTable {
        &mut self.rtti
    }

    /// The resolved runtime interface (empty before [`init_runtime`]).
    pub(crate) fn exports(&self) -> &Arc<RuntimeExports> {
        &self.exports
    }

    /// The pin table.
    pub(crate) fn pins_mut(&mut self) -> &mut PinTable {
        &mut self.pins
    }

    /// The queue shared with this instance's handles.
    pub(crate) fn handles(&self) -> &Arc<Handles> {
        &self.handles
    }

    /// Whether `handles` is this instance's queue (a handle made by this instance).
    pub(crate) fn owns(&self, handles: &Arc<Handles>) -> bool {
        Arc::ptr_eq(&self.handles, handles)
    }

    /// Applies what handles did since the last call; returns the objects to `__unpin` (hand
    /// the buffer back with [`put_unpin_buffer`](Self::put_unpin_buffer)).
    pub(crate) fn apply_handle_ops(&mut self) -> Vec<u32> {
        let mut ops = std::mem::take(&mut self.ops);
        self.handles.take_into(&mut ops);
        let mut unpin = std::mem::take(&mut self.unpin);
        unpin.clear();
        self.pins.apply(&ops, &mut unpin);
        ops.clear();
        self.ops = ops;
        unpin
    }

    /// Returns the buffer [`apply_handle_ops`](Self::apply_handle_ops) lent.
    pub(crate) fn put_unpin_buffer(&mut self, mut unpin: Vec<u32>) {
        unpin.clear();
        self.unpin = unpin;
    }

    /// Whether a flush has work: handle operations queued, or unpins to retry (which mark the
    /// queue pending too, so this is one flag).
    #[inline]
    pub(crate) fn needs_flush(&self) -> bool {
        self.handles.has_pending()
    }

    /// Adds the objects whose unpin failed before to `unpin`, to be tried again.
    pub(crate) fn take_retries(&mut self, unpin: &mut Vec<u32>) {
        unpin.append(&mut self.retry_unpin);
    }

    /// Records that unpinning `ptr` failed: the next flush tries again.
    pub(crate) fn retry_unpin(&mut self, ptr: u32) {
        self.retry_unpin.push(ptr);
        self.handles.mark_pending();
    }

    /// Number of objects the host keeps pinned (including drops not yet applied, and objects
    /// whose unpin failed and waits for a retry).
    pub(crate) fn pinned_count(&self) -> usize {
        self.pins.len() + self.retry_unpin.len()
    }

    /// The settings chosen at instantiation.
    pub(crate) fn options(&self) -> &Options {
        &self.options
    }

    /// Whether calls from the host need per-call work (fuel, deadline, GC stress).
    #[inline]
    pub(crate) fn per_call(&self) -> bool {
        self.per_call
    }

    /// Sets the fuel each call from the host starts with (`None`: the store's fuel is left
    /// alone between calls).
    pub(crate) fn set_call_fuel(&mut self, fuel: Option<u64>) {
        self.options.fuel = fuel;
        self.per_call = self.options.per_call();
    }

    /// Sets the epoch ticks each call from the host may run for.
    pub(crate) fn set_call_epoch_ticks(&mut self, ticks: Option<u64>) {
        self.options.epoch_ticks = ticks;
        self.per_call = self.options.per_call();
    }

    /// Turns GC-stress mode on or off.
    pub(crate) fn set_gc_stress(&mut self, on: bool) {
        self.options.gc_stress = on;
        self.per_call = self.options.per_call();
    }

    /// Sets how many bytes of host memory the values lifted after one call may take.
    pub(crate) fn set_lift_budget(&mut self, bytes: u64) {
        self.options.lift_budget = bytes;
    }

    /// The bytes of host memory the values lifted after one call may take.
    #[inline]
    pub(crate) fn lift_budget(&self) -> u64 {
        self.options.lift_budget
    }

    /// GC stress: whether a call returned since the last collection.
    pub(crate) fn stress_due(&self) -> bool {
        self.stress_due
    }

    /// GC stress: records whether a call returned since the last collection.
    pub(crate) fn set_stress_due(&mut self, due: bool) {
        self.stress_due = due;
    }

    /// The shadow-stack pointer and its resting value.
    pub(crate) fn stack(&self) -> Option<(Global, i32)> {
        self.stack
    }

    /// Host references to `ptr`, counting handle operations not yet applied.
    pub(crate) fn pin_count(&self, ptr: u32) -> u32 {
        self.pins.count_with(ptr, &self.handles.snapshot())
    }

    /// The string policy.
    pub(crate) fn utf16(&self) -> Utf16 {
        self.options.utf16
    }

    /// Chooses the string policy.
    pub(crate) fn set_utf16(&mut self, policy: Utf16) {
        self.options.utf16 = policy;
    }

    /// How deep values may nest.
    pub(crate) fn max_depth(&self) -> u32 {
        self.options.max_depth
    }

    /// Sets how deep values may nest.
    pub(crate) fn set_max_depth(&mut self, limit: u32) {
        self.options.max_depth = limit;
    }

    /// Whether the module exports what passing managed values in needs.
    pub(crate) fn has_runtime_exports(&self) -> bool {
        self.exports.has_runtime_exports()
    }

    /// Records `ptr` (already pinned) as held until the next call returns.
    pub(crate) fn push_held(&mut self, ptr: u32) {
        self.held.push(ptr);
    }

    /// Whether the next call needs nothing but the call: no per-call limits or GC stress, no
    /// held arguments.
    #[inline]
    pub(crate) fn plain_calls(&self) -> bool {
        !self.per_call && self.held.is_empty()
    }

    /// Whether any pointer is held for the next call.
    pub(crate) fn has_held(&self) -> bool {
        !self.held.is_empty()
    }

    /// Takes the pointers held for the call about to run (a nested call from an import function
    /// then finds none, so it cannot release them). Hand the buffer back with
    /// [`put_held_buffer`](Self::put_held_buffer).
    pub(crate) fn take_held(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.held)
    }

    /// Returns a buffer [`take_held`](Self::take_held) lent, keeping its capacity for the next
    /// call (unless something was held meanwhile).
    pub(crate) fn put_held_buffer(&mut self, mut held: Vec<u32>) {
        if self.held.is_empty() {
            held.clear();
            self.held = held;
        }
    }

    /// Takes the scratch UTF-16 buffer (empty if in use); give it back with
    /// [`put_scratch`](Self::put_scratch).
    pub(crate) fn take_scratch(&mut self) -> Vec<u16> {
        std::mem::take(&mut self.scratch)
    }

    /// Returns the scratch buffer for the next string.
    pub(crate) fn put_scratch(&mut self, scratch: Vec<u16>) {
        self.scratch = scratch;
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
    // In `RUNTIME`'s order (`runtime_exports_in_resolve_order` pins it).
    let [memory, new, pin, unpin, collect, set_args, rtti] = RUNTIME.map(|e| lookup(&mut store, e.name));
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
    let exports = RuntimeExports {
        memory,
        new: typed(&store, NEW, new)?,
        pin: typed(&store, PIN, pin)?,
        unpin: typed(&store, UNPIN, unpin)?,
        collect: typed(&store, COLLECT, collect)?,
        set_arguments_length: typed(&store, SET_ARGUMENTS_LENGTH, set_args)?,
    };
    let generation = store.data().rt().abi().generation;
    let rtti = match memory {
        Some(m) => {
            let mem = MemoryReader::new(m.data(&store));
            RttiTable::read(&mem, Abi::detect(&mem, rtti_base, generation))
        }
        None => RttiTable::empty(Abi { generation, rtti_base: None, detected: false }),
    };
    // Everything else is kept: handles made during the start function count in the pin table.
    let state = store.data_mut().rt_mut();
    state.exports = Arc::new(exports);
    state.rtti = rtti.keeping_settings_of(&state.rtti);
    state.ready = true;
    Ok(())
}

/// Finds the shadow-stack pointer export (see `stack`) of a new instance and records its
/// resting value: instantiation, start function included, has returned, so no wasm frame is
/// active.
pub(crate) fn init_stack<D: 'static>(mut store: StoreContextMut<'_, HostState<D>>, instance: &wasmtime::Instance) {
    let Some(global) = instance.get_global(store.as_context_mut(), crate::stack::STACK_POINTER_EXPORT) else {
        return;
    };
    if let Val::I32(rest) = global.get(&mut store) {
        store.data_mut().rt_mut().stack = Some((global, rest));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_exports_in_resolve_order() {
        // `init_runtime` destructures the lookups in this order.
        assert_eq!(RUNTIME.map(|e| e.name), [MEMORY, NEW, PIN, UNPIN, COLLECT, SET_ARGUMENTS_LENGTH, RTTI_BASE]);
    }
}
