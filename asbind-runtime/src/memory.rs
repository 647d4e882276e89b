//! Bounds-checked access to a module's linear memory, and the 20-byte object header.
//!
//! Every address here comes from the module and is untrusted: each access is checked and turns
//! into [`Error::OutOfBounds`] instead of a panic.

use asbind_abi::layout::{MAX_ALLOCATION, RT_ID_BELOW, RT_SIZE_BELOW};

use crate::error::{Error, Result};

/// A read-only, bounds-checked window on linear memory.
#[derive(Clone, Copy)]
pub struct MemoryReader<'a> {
    bytes: &'a [u8],
}

impl<'a> MemoryReader<'a> {
    /// Wraps the bytes of a linear memory.
    pub fn new(bytes: &'a [u8]) -> Self {
        MemoryReader { bytes }
    }

    /// The whole memory.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// `len` bytes at `addr`.
    pub fn slice(&self, addr: u32, len: u32) -> Result<&'a [u8]> {
        checked_range(self.bytes.len(), addr, len).map(|r| &self.bytes[r])
    }

    /// A little-endian `u32` at `addr`.
    pub fn u32(&self, addr: u32) -> Result<u32> {
        let b = self.slice(addr, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The runtime type id of the object whose payload starts at `ptr`.
    pub fn rt_id(&self, ptr: u32) -> Result<u32> {
        self.u32(header_addr(ptr, RT_ID_BELOW)?)
    }

    /// The payload size (as passed to `__new`) of the object at `ptr`.
    pub fn rt_size(&self, ptr: u32) -> Result<u32> {
        self.u32(header_addr(ptr, RT_SIZE_BELOW)?)
    }
}

/// The ABI's RTTI reader works on any [`asbind_abi::Memory`]; out-of-bounds reads are `None`.
impl asbind_abi::Memory for MemoryReader<'_> {
    fn read_u32(&self, addr: u32) -> Option<u32> {
        self.u32(addr).ok()
    }
}

fn header_addr(ptr: u32, below: u32) -> Result<u32> {
    ptr.checked_sub(below).ok_or(Error::OutOfBounds { addr: u64::from(ptr), len: u64::from(below), memory_size: 0 })
}

/// The byte range `addr .. addr + len` if it lies inside a memory of `size` bytes.
pub(crate) fn checked_range(size: usize, addr: u32, len: u32) -> Result<std::ops::Range<usize>> {
    let start = addr as usize;
    match start.checked_add(len as usize) {
        Some(end) if end <= size => Ok(start..end),
        _ => Err(Error::OutOfBounds { addr: u64::from(addr), len: u64::from(len), memory_size: size }),
    }
}

/// `base + (index << shift)` without wrapping; out-of-range results are an error.
pub(crate) fn element_addr(base: u32, index: usize, shift: u32) -> Result<u32> {
    (index as u64)
        .checked_shl(shift)
        .and_then(|off| off.checked_add(u64::from(base)))
        .and_then(|a| u32::try_from(a).ok())
        .ok_or(Error::OutOfBounds { addr: u64::from(base), len: (index as u64) << shift, memory_size: 0 })
}

/// Byte length of `n` elements of `1 << shift` bytes, if AssemblyScript can allocate it.
pub(crate) fn byte_len(n: usize, shift: u32) -> Result<u32> {
    // `__new` aborts at 2^30 - 20 bytes ("Allocation too large"); refuse earlier with a clear error.
    let bytes = (n as u64).checked_shl(shift).filter(|&b| b <= u64::from(MAX_ALLOCATION));
    bytes.map(|b| b as u32).ok_or_else(|| Error::TooLarge(format!("{n} elements of {} bytes", 1u32 << shift)))
}

/// `ptr + n` for a field of an object the module handed over; overflow is out of bounds.
pub(crate) fn offset(ptr: u32, n: u32) -> Result<u32> {
    ptr.checked_add(n).ok_or(Error::OutOfBounds { addr: u64::from(ptr), len: u64::from(n), memory_size: 0 })
}
