//! The store data of an instance ([`HostState`]) and the runtime's state in it ([`Runtime`]):
//! the resolved runtime exports, the ABI, the pin table and the per-call bookkeeping. The
//! fields are private; the methods here are the only way to change them, so the invariants
//! (pins kept across re-initialisation, held pointers taken once per call, the id cache only
//! filled by searches) have one owner.

use std::collections::HashMap;
use std::sync::Arc;

use asbind_abi::exports::{COLLECT, MEMORY, NEW, PIN, RTTI_BASE, RUNTIME, SET_ARGUMENTS_LENGTH, UNPIN};
use wasmtime::{Extern, Memory, StoreContextMut, TypedFunc, Val, WasmParams, WasmResults};

use crate::abi::{Abi, Generation};
use crate::error::{Error, Result};
use crate::host_env::HostEnv;
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

/// How many records and arrays may nest inside one another in a value lifted or lowered, by
/// default (see [`Imports::max_depth`](crate::imports::Imports::max_depth)).
pub const DEFAULT_MAX_DEPTH: u32 = 512;

/// The store data of an instance: the runtime's bookkeeping, the default imports' state and
/// the user's data `D`.
pub struct HostState<D> {
    rt: Runtime,
    host: HostEnv,
    data: D,
}

impl<D> HostState<D> {
    /// The state of a new instance, before its exports are resolved.
    pub(crate) fn new(rt: Runtime, host: HostEnv, data: D) -> Self {
        HostState { rt, host, data }
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

/// The runtime functions a module exports, resolved once.
#[derive(Default)]
struct RuntimeFuncs {
    new: Option<TypedFunc<(u32, u32), u32>>,
    pin: Option<TypedFunc<u32, u32>>,
    unpin: Option<TypedFunc<u32, ()>>,
    collect: Option<TypedFunc<(), ()>>,
    set_arguments_length: Option<TypedFunc<i32, ()>>,
}

/// What the runtime resolved from the module's exports, and its bookkeeping between calls.
pub(crate) struct Runtime {
    memory: Option<Memory>,
    funcs: RuntimeFuncs,
    abi: Abi,
    pins: Arc<Pins>,
    utf16: Utf16,
    /// How deep values may nest (records and arrays inside one another).
    max_depth: u32,
    /// Whether the exports have been resolved (import functions may run before, in `start`).
    ready: bool,
    /// Runtime ids of array classes found by RTTI search, by (kind flag, element flags).
    array_ids: HashMap<(u32, u32), u32>,
    /// Objects pinned as arguments of the next call.
    held: Vec<u32>,
    /// Reused UTF-16 buffer for lowering strings.
    scratch: Vec<u16>,
}

fn missing(name: &'static str, needed_for: &'static str) -> Error {
    Error::MissingRuntimeExport { name, needed_for }
}

impl Runtime {
    /// The state before the exports are resolved: no memory, no functions, an assumed ABI.
    pub(crate) fn new(utf16: Utf16, generation: Generation) -> Self {
        Runtime {
            memory: None,
            funcs: RuntimeFuncs::default(),
            abi: Abi { generation, rtti_base: None, detected: false },
            pins: Pins::new(),
            utf16,
            max_depth: DEFAULT_MAX_DEPTH,
            ready: false,
            held: Vec::new(),
            array_ids: HashMap::new(),
            scratch: Vec::new(),
        }
    }

    /// Whether the exports have been resolved.
    pub(crate) fn is_ready(&self) -> bool {
        self.ready
    }

    /// The module's ABI.
    pub(crate) fn abi(&self) -> Abi {
        self.abi
    }

    /// The module's memory.
    pub(crate) fn memory(&self) -> Result<Memory> {
        self.memory.ok_or(Error::Export { name: MEMORY.into(), reason: "the module exports no memory".into() })
    }

    /// The pin table shared with this instance's handles.
    pub(crate) fn pins(&self) -> &Arc<Pins> {
        &self.pins
    }

    /// Whether `pins` is this instance's pin table (a handle made by this instance).
    pub(crate) fn owns(&self, pins: &Arc<Pins>) -> bool {
        Arc::ptr_eq(&self.pins, pins)
    }

    /// The string policy.
    pub(crate) fn utf16(&self) -> Utf16 {
        self.utf16
    }

    /// Chooses the string policy.
    pub(crate) fn set_utf16(&mut self, policy: Utf16) {
        self.utf16 = policy;
    }

    /// How deep values may nest.
    pub(crate) fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// Sets how deep values may nest.
    pub(crate) fn set_max_depth(&mut self, limit: u32) {
        self.max_depth = limit;
    }

    /// Whether the module exports what passing managed values in needs.
    pub(crate) fn has_runtime_exports(&self) -> bool {
        self.funcs.new.is_some() && self.funcs.pin.is_some() && self.funcs.unpin.is_some()
    }

    /// `__new`, or the error naming what needed it.
    pub(crate) fn new_fn(&self, needed_for: &'static str) -> Result<TypedFunc<(u32, u32), u32>> {
        self.funcs.new.clone().ok_or_else(|| missing(NEW, needed_for))
    }

    /// `__pin`, or the error naming what needed it.
    pub(crate) fn pin_fn(&self, needed_for: &'static str) -> Result<TypedFunc<u32, u32>> {
        self.funcs.pin.clone().ok_or_else(|| missing(PIN, needed_for))
    }

    /// `__unpin`, or the error naming what needed it.
    pub(crate) fn unpin_fn(&self, needed_for: &'static str) -> Result<TypedFunc<u32, ()>> {
        self.funcs.unpin.clone().ok_or_else(|| missing(UNPIN, needed_for))
    }

    /// `__collect`, or the error naming what needed it.
    pub(crate) fn collect_fn(&self, needed_for: &'static str) -> Result<TypedFunc<(), ()>> {
        self.funcs.collect.clone().ok_or_else(|| missing(COLLECT, needed_for))
    }

    /// `__setArgumentsLength`, or the error naming what needed it.
    pub(crate) fn set_arguments_length_fn(&self, needed_for: &'static str) -> Result<TypedFunc<i32, ()>> {
        self.funcs.set_arguments_length.clone().ok_or_else(|| missing(SET_ARGUMENTS_LENGTH, needed_for))
    }

    /// Records `ptr` (already pinned) as held until the next call returns.
    pub(crate) fn push_held(&mut self, ptr: u32) {
        self.held.push(ptr);
    }

    /// Whether any pointer is held for the next call.
    pub(crate) fn has_held(&self) -> bool {
        !self.held.is_empty()
    }

    /// Takes the pointers held for the call about to run (a nested call from an import function
    /// then finds none, so it cannot release them).
    pub(crate) fn take_held(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.held)
    }

    /// The id cached for the array class `key` (kind flag, element flags).
    pub(crate) fn cached_array_id(&self, key: (u32, u32)) -> Option<u32> {
        self.array_ids.get(&key).copied()
    }

    /// Caches the id an RTTI search found for the array class `key`.
    pub(crate) fn cache_array_id(&mut self, key: (u32, u32), id: u32) {
        self.array_ids.insert(key, id);
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
    let funcs = RuntimeFuncs {
        new: typed(&store, NEW, new)?,
        pin: typed(&store, PIN, pin)?,
        unpin: typed(&store, UNPIN, unpin)?,
        collect: typed(&store, COLLECT, collect)?,
        set_arguments_length: typed(&store, SET_ARGUMENTS_LENGTH, set_args)?,
    };
    let old = store.data().rt();
    let rt = Runtime { funcs, memory, max_depth: old.max_depth, ..Runtime::new(old.utf16, old.abi.generation) };
    let abi = match memory {
        Some(m) => Abi::detect(&MemoryReader::new(m.data(&store)), rtti_base, rt.abi.generation),
        None => rt.abi,
    };
    let state = store.data_mut().rt_mut();
    // Keep the pin table: handles made during the start function point at it.
    let pins = state.pins.clone();
    *state = Runtime { abi, pins, ready: true, ..rt };
    Ok(())
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
