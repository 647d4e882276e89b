//! Whether a pointer from the module is a live managed object, checked before asbind pins it:
//! `__pin` links the object into the collector's lists and a later collection may free its
//! block, so a pointer into static data or the middle of another object (a classic `usize`
//! result, say) would corrupt the module's heap. The checks follow what AssemblyScript's
//! allocators and compiler write (AS_ABI §2.1).

use asbind_abi::layout::{HEADER_SIZE, MM_INFO_FLAGS, MM_INFO_FREE, OBJECT_OVERHEAD, PAYLOAD_ALIGN};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::memory::MemoryReader;
use crate::rtti_table::RttiTable;

/// Checks that `ptr` (non-null) is the payload of a live managed object: aligned as every
/// payload is, its header and payload in memory, its block not free and large enough for the
/// header and `rtSize` bytes, and its id in the RTTI table (when the module has one).
pub(crate) fn check_object(mem: &MemoryReader<'_>, rtti: &RttiTable, ptr: u32) -> Result<()> {
    let bad = |reason: String| Err(Error::NotAnObject { ptr, reason });
    if !ptr.is_multiple_of(PAYLOAD_ALIGN) {
        return bad(format!("payloads are {PAYLOAD_ALIGN}-byte aligned"));
    }
    let header = ptr.checked_sub(HEADER_SIZE).map(|at| mem.slice(at, HEADER_SIZE));
    let Some(header) = header.transpose()? else {
        return bad("there is no room for a header below it".into());
    };
    let word = |i: usize| u32::from_le_bytes([header[4 * i], header[4 * i + 1], header[4 * i + 2], header[4 * i + 3]]);
    let (mm_info, id, size) = (word(0), word(3), word(4));
    if mm_info & MM_INFO_FREE != 0 {
        return bad(format!("its block is free (mmInfo {mm_info:#x})"));
    }
    let block = mm_info & !MM_INFO_FLAGS;
    if u64::from(block) < u64::from(size) + u64::from(OBJECT_OVERHEAD) {
        return bad(format!(
            "its block of {block} bytes (mmInfo {mm_info:#x}) cannot hold a {size}-byte payload and the {OBJECT_OVERHEAD}-byte header"
        ));
    }
    // The block (which counts the header words after mmInfo) lies in memory, payload included.
    if mem.slice(ptr - OBJECT_OVERHEAD, block).is_err() {
        return bad(format!("its block of {block} bytes (mmInfo {mm_info:#x}) runs past the end of memory"));
    }
    if rtti.has_table() && id >= rtti.count() {
        return bad(format!("runtime id {id} is not in the module's RTTI table of {} classes", rtti.count()));
    }
    Ok(())
}

impl<D: 'static> Ctx<'_, D> {
    /// [`check_object`] on this instance's memory.
    pub(crate) fn check_object(&self, ptr: u32) -> Result<()> {
        check_object(&self.reader()?, self.rtti(), ptr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{Abi, Generation};

    /// A memory with an object at 0x40 with header words `header`, and a 5-entry RTTI table.
    fn check(header: [u32; 5]) -> Result<()> {
        let mut mem = vec![0u8; 0x108];
        for (i, w) in header.iter().enumerate() {
            mem[0x2c + 4 * i..0x30 + 4 * i].copy_from_slice(&w.to_le_bytes());
        }
        mem[0xf0..0xf4].copy_from_slice(&5u32.to_le_bytes()); // 5 entries of zero flags
        let rtti = RttiTable::read(
            &MemoryReader::new(&mem),
            Abi { generation: Generation::V0_24, rtti_base: Some(0xf0), detected: true },
        );
        check_object(&MemoryReader::new(&mem), &rtti, 0x40)
    }

    #[test]
    fn allocator_headers_pass() {
        // What TLSF and the compiler write for 8 bytes: ((8 + 20 + 15) & !15) - 4.
        check([28, 0, 0, 4, 8]).unwrap();
        // A larger block, and LEFTFREE set.
        check([60 | 2, 0, 0, 4, 8]).unwrap();
    }

    #[test]
    fn garbage_fails() {
        for (header, why) in [
            ([28 | 1, 0, 0, 4, 8], "free"),
            ([16, 0, 0, 4, 8], "cannot hold"),
            ([0, 0, 0, 0, 0], "cannot hold"),
            ([28, 0, 0, 5, 8], "not in the module's RTTI"),
            ([0x1000, 0, 0, 4, 8], "past the end of memory"),
        ] {
            let e = check(header).unwrap_err();
            assert!(e.to_string().contains(why), "{header:?}: {e}");
        }
    }
}
