//! [`Ctx`]: a host-side handle on one instance's store. This file owns store access (user
//! data, memory, the ABI) and the bounds-checked scalar reads and writes everything else is
//! built on; the call protocol, lifting, lowering and id search add `impl Ctx` blocks in their
//! own files (`call`, `lift`, `lower`, `ids`, `dynamic`, `globals`).

use std::sync::Arc;

use wasmtime::{AsContext, AsContextMut, StoreContextMut};

use crate::abi::Abi;
use crate::error::{Error, Result};
use crate::memory::{MemoryReader, checked_range};
use crate::pins::Handles;
use crate::rtti_table::RttiTable;
use crate::state::{HostState, Runtime, RuntimeExports};
use crate::types::{Scalar, TypeInfo, type_info_in};

/// A host-side context on one instance: its store, memory and runtime exports.
///
/// Made by [`Instance::ctx`](crate::instance::Instance::ctx) for calls, and handed to import
/// functions. References lowered as call arguments can be held with [`hold`](Self::hold); they
/// are released when the next [`call`](Self::call) returns, even if that call fails (and, if
/// lowering failed before the call, after the instance's next call).
pub struct Ctx<'a, D: 'static = ()> {
    store: StoreContextMut<'a, HostState<D>>,
    /// The runtime interface, borrowed beside the store (see [`RuntimeExports`]).
    exports: &'a RuntimeExports,
    /// How many records and arrays the value being lifted or lowered is inside of.
    depth: u32,
    /// Whether no wasm frame is active below this context (it was made from the instance, not
    /// handed to an import function): its calls are the outermost ones.
    outermost: bool,
    /// What the values lifted since the last call took, and may take, of host memory (the
    /// lift budget; the limit is copied here so that charging reads no store data).
    lift: Budget,
}

impl<'a, D: 'static> Ctx<'a, D> {
    /// A context for calls from the host (no wasm frame active).
    pub(crate) fn new(store: StoreContextMut<'a, HostState<D>>, exports: &'a RuntimeExports) -> Self {
        let lift = Budget { used: 0, limit: store.data().rt().lift_budget() };
        Ctx { store, exports, depth: 0, outermost: true, lift }
    }

    /// A context for an import function, called from inside the module.
    pub(crate) fn in_import(store: StoreContextMut<'a, HostState<D>>, exports: &'a RuntimeExports) -> Self {
        Ctx { outermost: false, ..Self::new(store, exports) }
    }

    /// Whether this context's calls are the outermost ones (no wasm frame below).
    pub(crate) fn is_outermost(&self) -> bool {
        self.outermost
    }

    /// Accounts for `bytes` of host memory about to be allocated for a lifted value: fails with
    /// [`Error::LiftBudget`] before the allocation when the values lifted since the last call
    /// would take more than the budget.
    #[inline]
    pub(crate) fn charge(&mut self, bytes: u64) -> Result<()> {
        self.lift.take(bytes)
    }

    /// The lift budget left, to be charged while memory is borrowed; store it back with
    /// [`set_budget`](Self::set_budget).
    #[inline]
    pub(crate) fn budget(&self) -> Budget {
        self.lift
    }

    /// Stores what is left of a [`budget`](Self::budget).
    #[inline]
    pub(crate) fn set_budget(&mut self, budget: Budget) {
        self.lift = budget;
    }

    /// Starts a fresh lift budget (a call returned: what it gives back is new).
    #[inline]
    pub(crate) fn reset_lift_budget(&mut self) {
        self.lift.used = 0;
    }

    /// The runtime interface (memory, `__new`, `__pin`, ...), borrowed for `'a`, not from
    /// `self`: a call through it can borrow the store mutably.
    pub(crate) fn exports(&self) -> &'a RuntimeExports {
        self.exports
    }

    /// The runtime's state.
    pub(crate) fn rt(&self) -> &Runtime {
        self.store.data().rt()
    }

    /// The runtime's state, mutably.
    pub(crate) fn rt_mut(&mut self) -> &mut Runtime {
        self.store.data_mut().rt_mut()
    }

    /// The store, for calls into the module.
    pub(crate) fn store_mut(&mut self) -> &mut StoreContextMut<'a, HostState<D>> {
        &mut self.store
    }

    /// Whether `handles` is this instance's handle queue (a handle it made).
    pub(crate) fn owns(&self, handles: &Arc<Handles>) -> bool {
        self.rt().owns(handles)
    }

    /// The ABI (generation, RTTI location) of this instance.
    pub fn abi(&self) -> Abi {
        self.rt().abi()
    }

    /// The instance's copy of the RTTI table.
    pub(crate) fn rtti(&self) -> &RttiTable {
        self.rt().rtti()
    }

    /// The user data given at instantiation.
    pub fn data(&self) -> &D {
        self.store.data().data()
    }

    /// The user data given at instantiation, mutably.
    pub fn data_mut(&mut self) -> &mut D {
        self.store.data_mut().data_mut()
    }

    /// The underlying wasmtime store context (escape hatch).
    pub fn store(&mut self) -> &mut StoreContextMut<'a, HostState<D>> {
        &mut self.store
    }

    /// A bounds-checked reader over the current memory. Re-obtain it after every call into the
    /// module: memory can grow (and move) on any call.
    pub fn reader(&self) -> Result<MemoryReader<'_>> {
        Ok(MemoryReader::new(self.exports.memory()?.data(&self.store)))
    }

    /// `len` bytes of memory at `addr`, writable.
    pub(crate) fn bytes_mut(&mut self, addr: u32, len: u32) -> Result<&mut [u8]> {
        let data = self.exports.memory()?.data_mut(&mut self.store);
        let range = checked_range(data.len(), addr, len)?;
        Ok(&mut data[range])
    }

    /// The type of the object at `ptr`: its runtime id and RTTI flags.
    pub fn type_info(&self, ptr: u32) -> Result<TypeInfo<'_>> {
        type_info_in(&self.reader()?, self.rtti(), ptr)
    }

    /// An [`Error::WrongType`] for the object at `ptr`, with the id found in its header.
    #[cold]
    pub(crate) fn wrong_type(&self, ptr: u32, expected: impl Into<String>) -> Error {
        let found = self.reader().and_then(|m| m.rt_id(ptr)).unwrap_or(u32::MAX);
        Error::WrongType { ptr, expected: expected.into(), found }
    }

    /// Runs `f` one nesting level deeper: around lifting or lowering a record or an array of
    /// references, so that a cyclic or very deep value fails with [`Error::TooDeep`] instead of
    /// overflowing the host's stack. The level is left when `f` returns, successful or not.
    ///
    /// Used by generated bindings (and by the runtime's array lifting and lowering); call it
    /// around the recursive step of a hand-written [`Lift`](crate::lift::Lift) or
    /// [`Lower`](crate::lower::Lower) implementation too.
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let limit = self.rt().max_depth();
        if self.depth >= limit {
            return Err(Error::TooDeep { limit });
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// How many records and arrays the value being lifted or lowered right now is inside of
    /// (0 outside lifting and lowering).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// Reads one scalar at `addr`.
    ///
    /// Used by generated bindings; not a stable API. By hand, read through
    /// [`reader`](Self::reader) or lift whole values with [`lift`](Self::lift).
    #[doc(hidden)]
    pub fn read<T: Scalar>(&self, addr: u32) -> Result<T> {
        Ok(T::from_le(self.reader()?.slice(addr, 1 << T::ALIGN_LOG2)?))
    }

    /// Writes one scalar at `addr`.
    ///
    /// Used by generated bindings; not a stable API. By hand, pass values in with
    /// [`lower`](Self::lower) and friends, or write through [`store`](Self::store).
    #[doc(hidden)]
    pub fn write<T: Scalar>(&mut self, addr: u32, value: T) -> Result<()> {
        value.to_le(self.bytes_mut(addr, 1 << T::ALIGN_LOG2)?);
        Ok(())
    }
}

/// What lifting may still allocate before the next call (see
/// [`Imports::lift_budget`](crate::imports::Imports::lift_budget)).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    used: u64,
    limit: u64,
}

impl Budget {
    /// Takes `bytes` from the budget, or fails with [`Error::LiftBudget`] leaving it unchanged.
    #[inline]
    pub(crate) fn take(&mut self, bytes: u64) -> Result<()> {
        match self.used.checked_add(bytes) {
            Some(used) if used <= self.limit => {
                self.used = used;
                Ok(())
            }
            _ => Err(self.exceeded(bytes)),
        }
    }

    #[cold]
    fn exceeded(&self, bytes: u64) -> Error {
        Error::LiftBudget { limit: self.limit, needed: self.used.saturating_add(bytes) }
    }
}

impl<D: 'static> AsContext for Ctx<'_, D> {
    type Data = HostState<D>;
    fn as_context(&self) -> wasmtime::StoreContext<'_, HostState<D>> {
        self.store.as_context()
    }
}

impl<D: 'static> AsContextMut for Ctx<'_, D> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, HostState<D>> {
        self.store.as_context_mut()
    }
}

impl<D: 'static> std::fmt::Debug for Ctx<'_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("abi", &self.rt().abi()).finish_non_exhaustive()
    }
}
