//! [`Ref`]: a host-side handle that keeps one AssemblyScript object alive.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::pins::Pins;
use crate::types::{Kind, Lift, Lower, kinds::Object};

/// A pinned reference to a managed object of kind `K` inside one instance.
///
/// While any clone of a `Ref` lives, the object is pinned and survives every garbage
/// collection; when the last clone is dropped the object is unpinned before the next call into
/// the module (drops cannot call into wasm themselves). A `Ref` used with another instance is an
/// [`Error::ForeignHandle`], never a dangling pointer.
pub struct Ref<K: ?Sized = Object> {
    ptr: u32,
    pins: Arc<Pins>,
    _kind: PhantomData<fn() -> K>,
}

impl<K: ?Sized> Ref<K> {
    /// Wraps `ptr`, which the caller has just counted in `pins`.
    pub(crate) fn from_acquired(ptr: u32, pins: Arc<Pins>) -> Self {
        Ref { ptr, pins, _kind: PhantomData }
    }

    /// The object's address in linear memory (valid while this handle lives).
    pub fn ptr(&self) -> u32 {
        self.ptr
    }

    /// The pointer, after checking that this handle belongs to `cx`'s instance.
    pub fn ptr_in<D: 'static>(&self, cx: &Ctx<'_, D>) -> Result<u32> {
        if cx.owns(&self.pins) { Ok(self.ptr) } else { Err(Error::ForeignHandle) }
    }

    pub(crate) fn pins(&self) -> &Arc<Pins> {
        &self.pins
    }

    /// Reinterprets the handle as any object.
    pub fn erase(self) -> Ref<Object> {
        self.retype()
    }

    /// Reinterprets the handle as kind `K2` without a check. For generated upcasts (a subclass
    /// handle as its base class), where the generator knows the relation.
    #[doc(hidden)]
    pub fn retype<K2: ?Sized>(self) -> Ref<K2> {
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never dropped, so moving the Arc out of it leaves no double drop.
        let pins = unsafe { std::ptr::read(&this.pins) };
        Ref { ptr: this.ptr, pins, _kind: PhantomData }
    }
}

impl<K: ?Sized> Clone for Ref<K> {
    fn clone(&self) -> Self {
        self.pins.retain(self.ptr);
        Ref { ptr: self.ptr, pins: self.pins.clone(), _kind: PhantomData }
    }
}

impl<K: ?Sized> Drop for Ref<K> {
    fn drop(&mut self) {
        self.pins.release_later(self.ptr);
    }
}

impl<K: ?Sized> PartialEq for Ref<K> {
    /// Two handles are equal when they point to the same object of the same instance.
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr && Arc::ptr_eq(&self.pins, &other.pins)
    }
}
impl<K: ?Sized> Eq for Ref<K> {}

impl<K: ?Sized> fmt::Debug for Ref<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ref<{}>({:#x})", std::any::type_name::<K>(), self.ptr)
    }
}

impl<K: Kind> Lift for Ref<K> {
    fn describe() -> String {
        K::describe()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Self> {
        cx.lift_ref(ptr)
    }
}

impl<K: ?Sized> Lower for Ref<K> {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        self.ptr_in(cx)
    }
}

/// Something that names one object of an instance, or none: a [`Ref`] or an `Option` of one.
pub trait AsHandle {
    /// The object's pointer (0 for none), after checking that it belongs to `cx`'s instance.
    fn handle_ptr<D: 'static>(&self, cx: &Ctx<'_, D>) -> Result<u32>;
}

impl<K: ?Sized> AsHandle for Ref<K> {
    fn handle_ptr<D: 'static>(&self, cx: &Ctx<'_, D>) -> Result<u32> {
        self.ptr_in(cx)
    }
}

impl<K: ?Sized> AsHandle for Option<Ref<K>> {
    fn handle_ptr<D: 'static>(&self, cx: &Ctx<'_, D>) -> Result<u32> {
        self.as_ref().map_or(Ok(0), |r| r.ptr_in(cx))
    }
}
