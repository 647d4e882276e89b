//! Zero-copy views: borrowed slices of a module's arrays and strings.
//!
//! A view borrows the [`Instance`], so no call into the module (and so no `memory.grow`, no
//! garbage collection) can happen while it is alive: the compiler enforces what JS glue can
//! only document. Views are available for little-endian hosts only, where wasm's byte order
//! is the host's.

use asbind_abi::classes;
use asbind_abi::layout::STRING_UNIT_LOG2;

use crate::arrays::{ArrayKind, ArrayLike, locate_array};
use crate::error::{Error, Result};
use crate::handle::Ref;
use crate::instance::Instance;
use crate::lift::Element;
use crate::memory::checked_range;
use crate::types::Pod;

fn check_element<T: Pod>(arr: &ArrayLike, ptr: u32) -> Result<()> {
    if !arr.holds::<T>() {
        return Err(Error::WrongType {
            ptr,
            expected: format!("an array of {}", T::describe_element()),
            found: u32::MAX,
        });
    }
    Ok(())
}

fn cast<T: Pod>(bytes: &[u8], addr: u32) -> Result<&[T]> {
    bytemuck::try_cast_slice(bytes).map_err(|_| Error::Misaligned {
        addr,
        len: bytes.len() as u32,
        align: 1 << T::ALIGN_LOG2,
    })
}

fn cast_mut<T: Pod>(bytes: &mut [u8], addr: u32) -> Result<&mut [T]> {
    let len = bytes.len() as u32;
    bytemuck::try_cast_slice_mut(bytes).map_err(|_| Error::Misaligned { addr, len, align: 1 << T::ALIGN_LOG2 })
}

#[cfg(target_endian = "little")]
impl<D: 'static> Instance<D> {
    fn locate<T: Pod>(&self, ptr: u32, kind: Option<ArrayKind>) -> Result<ArrayLike> {
        let arr = locate_array(&self.reader()?, self.store().data().rt().rtti(), ptr, kind, T::ALIGN_LOG2)?;
        check_element::<T>(&arr, ptr)?;
        Ok(arr)
    }

    /// Borrows the elements of the typed array, `Array<T>` or `StaticArray<T>` at `ptr` (for
    /// example a pointer an export just returned); its layout comes from the module's RTTI.
    pub fn view<T: Pod>(&self, ptr: u32) -> Result<&[T]> {
        self.view_in(ptr, None)
    }

    /// Like [`view`](Self::view) for an object of a known layout (also without RTTI).
    pub fn view_as<T: Pod>(&self, ptr: u32, kind: ArrayKind) -> Result<&[T]> {
        self.view_in(ptr, Some(kind))
    }

    fn view_in<T: Pod>(&self, ptr: u32, kind: Option<ArrayKind>) -> Result<&[T]> {
        let arr = self.locate::<T>(ptr, kind)?;
        let bytes = self.reader()?.slice(arr.data, arr.len << arr.align)?;
        cast(bytes, arr.data)
    }

    /// Mutably borrows the elements of the array-like object at `ptr`; writes are visible to
    /// the module on its next call.
    pub fn view_mut<T: Pod>(&mut self, ptr: u32) -> Result<&mut [T]> {
        self.view_mut_in(ptr, None)
    }

    /// Like [`view_mut`](Self::view_mut) for an object of a known layout (also without RTTI).
    pub fn view_mut_as<T: Pod>(&mut self, ptr: u32, kind: ArrayKind) -> Result<&mut [T]> {
        self.view_mut_in(ptr, Some(kind))
    }

    fn view_mut_in<T: Pod>(&mut self, ptr: u32, kind: Option<ArrayKind>) -> Result<&mut [T]> {
        let arr = self.locate::<T>(ptr, kind)?;
        let mem = self.memory_mut()?;
        let range = checked_range(mem.len(), arr.data, arr.len << arr.align)?;
        cast_mut(&mut mem[range], arr.data)
    }

    /// Borrows the UTF-16 code units of the string at `ptr`.
    pub fn view_utf16(&self, ptr: u32) -> Result<&[u16]> {
        let mem = self.reader()?;
        if ptr == 0 {
            return Err(Error::Null(classes::STRING.into()));
        }
        let id = mem.rt_id(ptr)?;
        if id != self.abi().string_id() {
            return Err(Error::WrongType { ptr, expected: classes::STRING.into(), found: id });
        }
        let bytes = mem.slice(ptr, mem.rt_size(ptr)? & !((1 << STRING_UNIT_LOG2) - 1))?;
        cast(bytes, ptr)
    }

    fn owned<K: ?Sized>(&self, r: &Ref<K>) -> Result<u32> {
        if self.owns(r.handles()) { Ok(r.ptr()) } else { Err(Error::ForeignHandle) }
    }

    /// Borrows the elements of a pinned array-like object.
    pub fn view_ref<T: Pod, K: ?Sized>(&self, r: &Ref<K>) -> Result<&[T]> {
        self.view(self.owned(r)?)
    }

    /// Mutably borrows the elements of a pinned array-like object.
    pub fn view_ref_mut<T: Pod, K: ?Sized>(&mut self, r: &Ref<K>) -> Result<&mut [T]> {
        let ptr = self.owned(r)?;
        self.view_mut(ptr)
    }

    /// Borrows the UTF-16 code units of a pinned string.
    pub fn view_ref_utf16<K: ?Sized>(&self, r: &Ref<K>) -> Result<&[u16]> {
        self.view_utf16(self.owned(r)?)
    }
}
