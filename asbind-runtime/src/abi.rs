//! The ABI of one instantiated module ([`Abi`]: its generation and RTTI table), read through
//! the facts of [`asbind_abi`], which this module re-exports where the runtime's API names them.
//!
//! See `AS_ABI.md` §2.2 (built-in ids), §3 (RTTI) and §3.4 (detecting the generation).

use asbind_abi::rtti::{Probe, Rtti};

use crate::memory::MemoryReader;

/// RTTI flag bits (identical in AssemblyScript 0.18 – 0.28); see [`asbind_abi::flags`].
pub use asbind_abi::flags;
/// Log2 of the element size encoded in the `VALUE_ALIGN_n` bits, if exactly one is set.
pub use asbind_abi::flags::value_align;
/// Which AssemblyScript generation compiled a module; see [`asbind_abi::Generation`].
pub use asbind_abi::generation::Generation;
/// The object header and built-in layouts; see [`asbind_abi::layout`].
pub use asbind_abi::layout;

/// The ABI of one instantiated module: its generation and where its RTTI table lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abi {
    /// The detected (or assumed) generation.
    pub generation: Generation,
    /// Address of the RTTI table, when the module exports `__rtti_base`.
    pub rtti_base: Option<u32>,
    /// Whether the generation was read from the module (`true`) or assumed (`false`).
    pub detected: bool,
}

impl Abi {
    /// Detects the generation from the RTTI table (§3.4): the flags of ids 1 and 2 tell whether
    /// entries carry a base id and whether `Object` occupies id 0.
    ///
    /// Without `__rtti_base` the generation cannot be read; `fallback` is assumed instead.
    pub fn detect(mem: &MemoryReader<'_>, rtti_base: Option<u32>, fallback: Generation) -> Self {
        let Some(base) = rtti_base else {
            return Abi { generation: fallback, rtti_base: None, detected: false };
        };
        match Probe::read(mem, base).and_then(|probe| probe.generation()) {
            Some(generation) => Abi { generation, rtti_base, detected: true },
            None => Abi { generation: fallback, rtti_base, detected: false },
        }
    }

    /// The RTTI table, when the module exports `__rtti_base`.
    fn rtti(&self) -> Option<Rtti> {
        self.rtti_base.map(|base| Rtti { base, generation: self.generation })
    }

    /// Runtime id of `String`.
    pub fn string_id(&self) -> u32 {
        self.generation.string_id()
    }

    /// Runtime id of `ArrayBuffer`.
    pub fn array_buffer_id(&self) -> u32 {
        self.generation.array_buffer_id()
    }

    /// Number of entries in the RTTI table (0 without one).
    pub fn rtti_count(&self, mem: &MemoryReader<'_>) -> u32 {
        self.rtti().map_or(0, |rtti| rtti.count(mem))
    }

    /// RTTI flags of class `id`, or `None` if the table is absent or `id` is out of range.
    pub fn flags(&self, mem: &MemoryReader<'_>, id: u32) -> Option<u32> {
        self.rtti()?.flags(mem, id)
    }

    /// Base class id of `id` (only 0.18 – 0.22 tables record it).
    pub fn base_id(&self, mem: &MemoryReader<'_>, id: u32) -> Option<u32> {
        self.rtti()?.base_id(mem, id)
    }

    /// The first class id whose flags, masked by `mask`, equal `want`.
    pub fn find_id(&self, mem: &MemoryReader<'_>, mask: u32, want: u32) -> Option<u32> {
        self.rtti()?.find_id(mem, mask, want)
    }
}
