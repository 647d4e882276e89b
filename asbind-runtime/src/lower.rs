//! Lowering: writing Rust values into the module. The [`Lower`] trait (a value as a new
//! managed object), its implementations for strings, options and [`Ref`] handles (checked to
//! belong to the instance: [`AsHandle`]), and the `Ctx::lower_*` methods that allocate strings,
//! buffers, arrays and records while keeping every half-built object reachable.

use asbind_abi::layout::{
    ARRAY_LENGTH_OFFSET, ARRAY_SIZE, BUFFER_OFFSET, BYTE_LENGTH_OFFSET, DATA_START_OFFSET, POINTER_ALIGN_LOG2,
    STRING_UNIT_LOG2, TYPED_ARRAY_SIZE,
};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::handle::Ref;
use crate::memory::{byte_len, element_addr};
use crate::types::Scalar;

/// A Rust value that can be written into the module as a new managed object.
///
/// Implemented for `str`/`String` (a new `String`), [`Ref`] (the pinned object itself),
/// `Option<T>` (`None` as null) and by generated record structs. Arrays need the runtime id of
/// their AssemblyScript instantiation and are lowered with [`Ctx::lower_array`] and friends
/// (or [`Ctx::new_array`]) instead.
pub trait Lower {
    /// Writes the value and returns its (unpinned) pointer. The caller must store or pin the
    /// pointer before the next allocation.
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32>;
}

impl Lower for str {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        cx.lower_str(self)
    }
}

impl Lower for String {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        cx.lower_str(self)
    }
}

impl<T: Lower + ?Sized> Lower for &T {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        (**self).lower(cx)
    }
}

impl<T: Lower + ?Sized> Lower for Box<T> {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        (**self).lower(cx)
    }
}

impl<T: Lower> Lower for Option<T> {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        match self {
            Some(v) => v.lower(cx),
            None => Ok(0),
        }
    }
}

impl<K: ?Sized> Ref<K> {
    /// The pointer, after checking that this handle belongs to `cx`'s instance.
    pub fn ptr_in<D: 'static>(&self, cx: &Ctx<'_, D>) -> Result<u32> {
        if cx.owns(self.handles()) { Ok(self.ptr()) } else { Err(Error::ForeignHandle) }
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

impl<D: 'static> Ctx<'_, D> {
    /// Lowers any [`Lower`] value.
    pub fn lower<T: Lower + ?Sized>(&mut self, value: &T) -> Result<u32> {
        value.lower(self)
    }

    /// Allocates a new `String` with the contents of `s`.
    pub fn lower_str(&mut self, s: &str) -> Result<u32> {
        if s.is_ascii() {
            // One unit per byte: transcode straight into the new payload.
            let size = byte_len(s.len(), STRING_UNIT_LOG2)?;
            let (ptr, payload) = self.alloc_unfilled(size, self.abi().string_id())?;
            widen_ascii(s.as_bytes(), payload);
            return Ok(ptr);
        }
        // UTF-16 never needs more code units than UTF-8 has bytes; the scratch buffer only ever
        // grows, so it is zero-filled once, not per string.
        let mut units = self.rt_mut().take_scratch();
        if units.len() < s.len() {
            units.resize(s.len(), 0);
        }
        let n = encoding_rs::mem::convert_str_to_utf16(s, &mut units);
        let result = self.lower_utf16(&units[..n]);
        self.rt_mut().put_scratch(units);
        result
    }

    /// Allocates a new `String` from raw UTF-16 code units.
    pub fn lower_utf16(&mut self, units: &[u16]) -> Result<u32> {
        let size = byte_len(units.len(), STRING_UNIT_LOG2)?;
        let (ptr, payload) = self.alloc_unfilled(size, self.abi().string_id())?;
        u16::encode_all(units, payload);
        Ok(ptr)
    }

    /// Allocates a new `ArrayBuffer` holding `bytes`.
    pub fn lower_array_buffer(&mut self, bytes: &[u8]) -> Result<u32> {
        let size = byte_len(bytes.len(), 0)?;
        let (ptr, payload) = self.alloc_unfilled(size, self.abi().array_buffer_id())?;
        payload.copy_from_slice(bytes);
        Ok(ptr)
    }

    /// Allocates a record of runtime id `id` whose fields are all scalars, holding `fields`
    /// (its payload, encoded by the caller).
    ///
    /// Used by generated bindings; not a stable API. By hand, lower a generated record with
    /// [`lower`](Self::lower).
    #[doc(hidden)]
    pub fn lower_flat_record<const N: usize>(&mut self, id: u32, fields: &[u8; N]) -> Result<u32> {
        let size = u32::try_from(N).map_err(|_| Error::TooLarge(format!("a {N}-byte record")))?;
        let (ptr, payload) = self.alloc_unfilled(size, id)?;
        payload.copy_from_slice(fields);
        Ok(ptr)
    }

    /// Allocates a record of runtime id `id` holding `fields` (its payload, encoded by the
    /// caller with every pointer field null), then pins it while `refs` lowers the values of
    /// its pointer fields and stores them (lowering allocates, which may collect), and returns
    /// it unpinned. One nesting level (see [`nested`](Self::nested)), so a very deep value
    /// fails with [`Error::TooDeep`].
    ///
    /// Used by generated bindings; not a stable API. By hand, lower a generated record with
    /// [`lower`](Self::lower).
    #[doc(hidden)]
    pub fn lower_object<const N: usize>(
        &mut self,
        id: u32,
        fields: &[u8; N],
        refs: impl FnOnce(&mut Self, u32) -> Result<()>,
    ) -> Result<u32> {
        self.nested(|cx| {
            let ptr = cx.lower_flat_record(id, fields)?;
            cx.with_pinned(ptr, |cx| refs(cx, ptr))?;
            Ok(ptr)
        })
    }

    /// Lowers `value` and stores the pointer in the pointer field at `addr` (of a pinned object).
    ///
    /// Used by generated bindings; not a stable API.
    #[doc(hidden)]
    pub fn write_lowered<T: Lower + ?Sized>(&mut self, addr: u32, value: &T) -> Result<()> {
        let ptr = value.lower(self)?;
        self.write::<u32>(addr, ptr)
    }

    /// A backing `ArrayBuffer` of `n` `T`s holding `values` (or zeroed, for pointers stored
    /// later), then a header of `header_size` bytes pointing at it. The buffer stays pinned
    /// until the header holds it.
    fn lower_buffered<T: Scalar>(&mut self, n: usize, id: u32, header_size: u32, values: Option<&[T]>) -> Result<u32> {
        let byte_length = byte_len(n, T::ALIGN_LOG2)?;
        let ab = self.abi().array_buffer_id();
        let buffer = match values {
            Some(values) => {
                let (buffer, payload) = self.alloc_unfilled(byte_length, ab)?;
                T::encode_all(values, payload);
                buffer
            }
            // The buffer will hold pointers: zero it, the GC may scan it.
            None => self.alloc(byte_length, ab)?,
        };
        self.with_pinned(buffer, |cx| {
            // Every header field is written here, so the header needs no zeroing first.
            let (header, fields) = cx.alloc_unfilled(header_size, id)?;
            let mut put = |offset: u32, value: u32| {
                let at = offset as usize;
                if let Some(slot) = fields.get_mut(at..at + 4) {
                    slot.copy_from_slice(&value.to_le_bytes());
                }
            };
            put(BUFFER_OFFSET, buffer);
            put(DATA_START_OFFSET, buffer);
            put(BYTE_LENGTH_OFFSET, byte_length);
            if header_size == ARRAY_SIZE {
                put(ARRAY_LENGTH_OFFSET, n as u32);
            }
            Ok(header)
        })
    }

    /// Allocates a typed array (runtime id `id`, e.g. the module's `Float32Array`) holding
    /// `values`, in one bulk copy.
    pub fn lower_typed_array<T: Scalar>(&mut self, values: &[T], id: u32) -> Result<u32> {
        self.lower_buffered(values.len(), id, TYPED_ARRAY_SIZE, Some(values))
    }

    /// Allocates an `Array<T>` (runtime id `id`) of scalars, in one bulk copy.
    pub fn lower_array<T: Scalar>(&mut self, values: &[T], id: u32) -> Result<u32> {
        self.lower_buffered(values.len(), id, ARRAY_SIZE, Some(values))
    }

    /// Allocates an `Array<T>` (runtime id `id`) of references, lowering each item with
    /// `lower_item` and storing it straight into the pinned backing buffer.
    ///
    /// Used by generated bindings; not a stable API. By hand, use
    /// [`lower_array_of`](Self::lower_array_of).
    #[doc(hidden)]
    pub fn lower_array_with<I>(
        &mut self,
        items: &[I],
        id: u32,
        mut lower_item: impl FnMut(&mut Self, &I) -> Result<u32>,
    ) -> Result<u32> {
        self.nested(|cx| {
            // The slots are 4-byte pointers, stored below.
            let header = cx.lower_buffered::<u32>(items.len(), id, ARRAY_SIZE, None)?;
            let data = cx.read::<u32>(header + DATA_START_OFFSET)?;
            cx.store_lowered(header, data, items, &mut lower_item)?;
            Ok(header)
        })
    }

    /// With `owner` pinned, lowers each item and stores its pointer in the slots at `data`:
    /// each child is reachable from a pinned object before the next one is allocated.
    fn store_lowered<I>(
        &mut self,
        owner: u32,
        data: u32,
        items: &[I],
        lower_item: &mut impl FnMut(&mut Self, &I) -> Result<u32>,
    ) -> Result<()> {
        self.with_pinned(owner, |cx| {
            for (i, item) in items.iter().enumerate() {
                let child = lower_item(cx, item)?;
                cx.write::<u32>(element_addr(data, i, POINTER_ALIGN_LOG2)?, child)?;
            }
            Ok(())
        })
    }

    /// Allocates an `Array<T>` (runtime id `id`) of [`Lower`] items (strings, records, refs).
    pub fn lower_array_of<T: Lower>(&mut self, items: &[T], id: u32) -> Result<u32> {
        self.lower_array_with(items, id, |cx, item| item.lower(cx))
    }

    /// Allocates a `StaticArray<T>` (runtime id `id`) of scalars.
    pub fn lower_static_array<T: Scalar>(&mut self, values: &[T], id: u32) -> Result<u32> {
        let len = byte_len(values.len(), T::ALIGN_LOG2)?;
        let (ptr, payload) = self.alloc_unfilled(len, id)?;
        T::encode_all(values, payload);
        Ok(ptr)
    }

    /// Allocates a `StaticArray<T>` (runtime id `id`) of references.
    ///
    /// Used by generated bindings; not a stable API. By hand, use
    /// [`new_array_of`](Self::new_array_of) with the class id.
    #[doc(hidden)]
    pub fn lower_static_array_with<I>(
        &mut self,
        items: &[I],
        id: u32,
        mut lower_item: impl FnMut(&mut Self, &I) -> Result<u32>,
    ) -> Result<u32> {
        self.nested(|cx| {
            let ptr = cx.alloc(byte_len(items.len(), POINTER_ALIGN_LOG2)?, id)?;
            cx.store_lowered(ptr, ptr, items, &mut lower_item)?;
            Ok(ptr)
        })
    }
}

/// Writes ASCII `bytes` as UTF-16LE into `out` (twice as long).
fn widen_ascii(bytes: &[u8], out: &mut [u8]) {
    #[cfg(target_endian = "little")]
    if let Ok(units) = bytemuck::try_cast_slice_mut::<u8, u16>(out) {
        encoding_rs::mem::convert_latin1_to_utf16(bytes, units);
        return;
    }
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = b;
        pair[1] = 0;
    }
}
