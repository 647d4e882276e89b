//! [`Ref`]: a host-side handle that keeps one AssemblyScript object alive through its
//! instance's pin table. A handle needs no store: it is made by lifting (`lift`), checked and
//! passed in by lowering (`lower`).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::pins::{HandleOp, Handles};
use crate::types::kinds::Object;

/// A pinned handle to an object of any class: what classic (0.18/0.19) modules give and take
/// where their `.d.ts` says only `usize`. Convert it with
/// [`Ctx::convert`](crate::ctx::Ctx::convert).
pub type AnyRef = Ref<Object>;

/// A pinned reference to a managed object of kind `K` inside one instance.
///
/// While any clone of a `Ref` lives, the object is pinned and survives every garbage
/// collection; when the last clone is dropped the object is unpinned before the next call into
/// the module (drops cannot call into wasm themselves). A `Ref` used with another instance is an
/// [`Error::ForeignHandle`](crate::error::Error::ForeignHandle), never a dangling pointer.
pub struct Ref<K: ?Sized = Object> {
    ptr: u32,
    handles: Arc<Handles>,
    _kind: PhantomData<fn() -> K>,
}

impl<K: ?Sized> Ref<K> {
    /// Wraps `ptr`, which the caller has just counted in the pin table of the instance whose
    /// handle queue is `handles`.
    pub(crate) fn from_acquired(ptr: u32, handles: Arc<Handles>) -> Self {
        Ref { ptr, handles, _kind: PhantomData }
    }

    /// The object's address in linear memory (valid while this handle lives).
    pub fn ptr(&self) -> u32 {
        self.ptr
    }

    /// The handle queue of the instance this handle belongs to.
    pub(crate) fn handles(&self) -> &Arc<Handles> {
        &self.handles
    }

    /// Reinterprets the handle as any object.
    pub fn erase(self) -> Ref<Object> {
        self.retype()
    }

    /// The handle as one of its class's base classes (`K` is declared a subclass of `B`).
    ///
    /// Used by generated bindings (their `From` conversions to base classes); not a stable API.
    #[doc(hidden)]
    pub fn upcast<B: ?Sized>(self) -> Ref<B>
    where
        K: SubclassOf<B>,
    {
        self.retype()
    }

    /// Reinterprets the handle as kind `K2` without a check (callers know the relation).
    pub(crate) fn retype<K2: ?Sized>(self) -> Ref<K2> {
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never dropped, so moving the Arc out of it leaves no double drop.
        let handles = unsafe { std::ptr::read(&this.handles) };
        Ref { ptr: this.ptr, handles, _kind: PhantomData }
    }
}

/// Declares that handles of kind `Self` are handles of base class `B` too: what generated
/// bindings state for every class and base class the module's `.d.ts` or class hierarchy names.
///
/// Used by generated bindings; not a stable API.
#[doc(hidden)]
pub trait SubclassOf<B: ?Sized> {}

impl<K: ?Sized> Clone for Ref<K> {
    fn clone(&self) -> Self {
        self.handles.push(HandleOp::Retain(self.ptr));
        Ref { ptr: self.ptr, handles: self.handles.clone(), _kind: PhantomData }
    }
}

impl<K: ?Sized> Drop for Ref<K> {
    fn drop(&mut self) {
        self.handles.push(HandleOp::Release(self.ptr));
    }
}

impl<K: ?Sized> PartialEq for Ref<K> {
    /// Two handles are equal when they point to the same object of the same instance.
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr && Arc::ptr_eq(&self.handles, &other.handles)
    }
}
impl<K: ?Sized> Eq for Ref<K> {}

impl<K: ?Sized> fmt::Debug for Ref<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ref<{}>({:#x})", std::any::type_name::<K>(), self.ptr)
    }
}
