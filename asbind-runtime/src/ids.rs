//! Runtime ids from the module's RTTI: the id of an array class by layout and element type
//! (looked up in the instance's copy of the table, indexed by shape when it was read), and the
//! layout of a class id.

use crate::abi::flags;
use crate::arrays::ArrayKind;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::lift::Element;

impl<D: 'static> Ctx<'_, D> {
    /// The runtime id of the module's `kind` class with elements `T` (`Array<i32>`,
    /// `Float32Array`, `StaticArray<string>`, ...), from the RTTI table read at instantiation.
    ///
    /// All arrays of references share one RTTI shape (and one layout and GC visitor), so for
    /// them this is *an* id with the right layout, which is all lowering needs.
    pub fn array_id<T: Element>(&mut self, kind: ArrayKind) -> Result<u32> {
        self.find_array_id::<T>(kind.flag())
            .ok_or_else(|| Error::UnknownClass(format!("{} of {}", kind.describe(), T::describe_element())))
    }

    /// Like [`array_id`](Self::array_id), but tries `hint` first (the exact id from the
    /// generated glue): used when the module's RTTI confirms it is a `kind` of `T`, so arrays
    /// of references get their precise class (`Array<Point>`, not just any array of pointers).
    ///
    /// Used by generated bindings; not a stable API. By hand, use
    /// [`array_id`](Self::array_id).
    #[doc(hidden)]
    pub fn array_id_hint<T: Element>(&mut self, kind: ArrayKind, hint: u32) -> Result<u32> {
        let want = kind.flag() | T::VALUE_FLAGS;
        let confirmed = self.rtti().flags(hint).is_some_and(|f| f & flags::ARRAY_SHAPE == want);
        if confirmed { Ok(hint) } else { self.array_id::<T>(kind) }
    }

    /// The first runtime id whose RTTI describes an array-like of `kind`
    /// (`flags::ARRAY`, `ARRAYBUFFERVIEW` or `STATICARRAY`) with elements `T`.
    ///
    /// Prefer exact ids (from the generated glue or `idof<T>()` exports): all arrays of
    /// references share one RTTI shape, so this finds *an* id with the right layout. The
    /// table is read (and indexed) once per instance, so this reads no memory.
    pub fn find_array_id<T: Element>(&self, kind: u32) -> Option<u32> {
        self.rtti().array_id(kind | T::VALUE_FLAGS)
    }

    /// The layout of the array-like class `id`, read from the RTTI.
    pub(crate) fn kind_of_class(&self, id: u32) -> Result<ArrayKind> {
        let flags =
            self.rtti().flags(id).ok_or_else(|| Error::UnknownClass(format!("runtime id {id} (no RTTI entry)")))?;
        ArrayKind::from_flags(flags).ok_or_else(|| Error::WrongType {
            ptr: 0,
            expected: "an array, typed array or static array class".into(),
            found: id,
        })
    }
}
