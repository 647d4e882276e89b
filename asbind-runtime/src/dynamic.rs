//! Dynamically typed handles, for classic (0.18/0.19) modules whose every reference is a
//! `usize`: a handle to any object, conversions checked against the object's runtime type, and
//! the loader's `__newString` / `__newArray` as pinned handles.

use crate::arrays::ArrayKind;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::handle::{AnyRef, Ref};
use crate::lift::Lift;
use crate::lower::{AsHandle, Lower};
use crate::types::{Kind, Scalar};

impl<D: 'static> Ctx<'_, D> {
    /// Another handle to the same object as `r`, as kind `K2` — checked against the object's
    /// runtime type (e.g. a subclass handle as its base class, or `Ref<Object>` back to a class).
    pub fn cast<K: ?Sized, K2: Kind>(&mut self, r: &Ref<K>) -> Result<Ref<K2>> {
        self.convert(r)
    }

    /// A pinned handle to any object (`null` is an error).
    pub fn any(&mut self, ptr: u32) -> Result<AnyRef> {
        self.lift_ref(ptr)
    }

    /// Converts the object behind a handle, checked against its runtime type: to `String`,
    /// `Vec<T>` (any array-like of `T`), a record, or a class handle. `r` may also be an
    /// `Option` of a handle (what classic bindings return): `None` converts to `None` for an
    /// `Option<T>` and is an [`Error::Null`] otherwise.
    pub fn convert<T: Lift, R: AsHandle + ?Sized>(&mut self, r: &R) -> Result<T> {
        let ptr = r.handle_ptr(self)?;
        T::lift(self, ptr)
    }

    /// A new string, pinned as a handle (to pass where a classic module takes a `usize`).
    pub fn new_string(&mut self, s: &str) -> Result<AnyRef> {
        let ptr = self.lower_str(s)?;
        self.lift_ref(ptr)
    }

    /// The loader's `__newArray(id, values)` for scalars: a new object of the array-like class
    /// `id` (its layout — `Array`, typed array or `StaticArray` — read from the RTTI).
    pub fn new_array<T: Scalar>(&mut self, id: u32, values: &[T]) -> Result<AnyRef> {
        let ptr = match self.kind_of_class(id)? {
            ArrayKind::Array => self.lower_array(values, id)?,
            ArrayKind::TypedArray => self.lower_typed_array(values, id)?,
            ArrayKind::StaticArray => self.lower_static_array(values, id)?,
        };
        self.lift_ref(ptr)
    }

    /// `__newArray(id, values)` for references (strings, records, handles): an `Array` or
    /// `StaticArray` of class `id`.
    pub fn new_array_of<T: Lower>(&mut self, id: u32, items: &[T]) -> Result<AnyRef> {
        let ptr = match self.kind_of_class(id)? {
            ArrayKind::Array => self.lower_array_of(items, id)?,
            ArrayKind::StaticArray => self.lower_static_array_with(items, id, |cx, item| item.lower(cx))?,
            ArrayKind::TypedArray => {
                return Err(Error::WrongType { ptr: 0, expected: "an array of references".into(), found: id });
            }
        };
        self.lift_ref(ptr)
    }
}
