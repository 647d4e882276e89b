//! Facts about the AssemblyScript ABI that differ between compiler generations, and the RTTI
//! table (`__rtti_base`) that describes every managed class of a module.
//!
//! See `AS_ABI.md` §2.2 (built-in ids), §3 (RTTI) and §3.4 (detecting the generation).

use crate::memory::MemoryReader;

/// RTTI flag bits (identical in AssemblyScript 0.18 – 0.28).
pub mod flags {
    /// A typed array (`Int8Array` … `Float64Array`).
    pub const ARRAYBUFFERVIEW: u32 = 0x1;
    /// `Array<T>`.
    pub const ARRAY: u32 = 0x2;
    /// `StaticArray<T>`.
    pub const STATICARRAY: u32 = 0x4;
    /// `Set<T>`.
    pub const SET: u32 = 0x8;
    /// `Map<K, V>`.
    pub const MAP: u32 = 0x10;
    /// The object holds no managed pointers.
    pub const POINTERFREE: u32 = 0x20;
    /// First of the five `VALUE_ALIGN_n` bits (element size `1 << n`).
    pub const VALUE_ALIGN_0: u32 = 0x40;
    /// Element is a signed integer or a float.
    pub const VALUE_SIGNED: u32 = 0x800;
    /// Element is `f32` / `f64`.
    pub const VALUE_FLOAT: u32 = 0x1000;
    /// Element is a nullable reference.
    pub const VALUE_NULLABLE: u32 = 0x2000;
    /// Element is a managed reference.
    pub const VALUE_MANAGED: u32 = 0x4000;
    /// All bits that describe the element type of an array-like.
    pub const VALUE_MASK: u32 = 0x7FC0;
    /// The bits that identify an array-like class: its layout and its element type, with
    /// nullability aside (`Array<string>` and `Array<string | null>` are laid out alike).
    pub const ARRAY_SHAPE: u32 = ARRAY | ARRAYBUFFERVIEW | STATICARRAY | (VALUE_MASK & !VALUE_NULLABLE);

    /// The element-type bits of `flags`, nullability aside.
    pub fn element_bits(flags: u32) -> u32 {
        flags & VALUE_MASK & !VALUE_NULLABLE
    }
}

/// Which AssemblyScript generation compiled a module, as far as the host ABI is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// 0.18 – 0.22: ArrayBuffer id 0, String id 1, RTTI entries of 8 bytes (flags, base id).
    V0_18,
    /// 0.23: ids as before, RTTI entries of 4 bytes (flags only).
    V0_23,
    /// 0.24 – 0.28: `Object` gets id 0, ArrayBuffer 1, String 2; RTTI entries of 4 bytes.
    V0_24,
}

impl Generation {
    /// Runtime id of `ArrayBuffer`.
    pub fn array_buffer_id(self) -> u32 {
        match self {
            Generation::V0_24 => 1,
            _ => 0,
        }
    }
    /// Runtime id of `String`.
    pub fn string_id(self) -> u32 {
        match self {
            Generation::V0_24 => 2,
            _ => 1,
        }
    }
    /// Size in bytes of one RTTI entry.
    pub fn rtti_stride(self) -> u32 {
        match self {
            Generation::V0_18 => 8,
            _ => 4,
        }
    }
    /// Human-readable compiler range.
    pub fn describe(self) -> &'static str {
        match self {
            Generation::V0_18 => "AssemblyScript 0.18 – 0.22",
            Generation::V0_23 => "AssemblyScript 0.23",
            Generation::V0_24 => "AssemblyScript 0.24 – 0.28",
        }
    }
}

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
        let word = |off: u32| base.checked_add(off).map(|a| mem.u32(a));
        let words = match (word(8), word(12)) {
            (Some(w1), Some(w2)) => (w1, w2),
            _ => return Abi { generation: fallback, rtti_base, detected: false },
        };
        let generation = match words {
            (Ok(0), Ok(w2)) if w2 & flags::POINTERFREE != 0 => Some(Generation::V0_18),
            (Ok(w1), Ok(0)) if w1 & flags::POINTERFREE != 0 => Some(Generation::V0_23),
            (Ok(w1), Ok(w2)) if w1 & flags::POINTERFREE != 0 && w2 & flags::POINTERFREE != 0 => Some(Generation::V0_24),
            _ => None,
        };
        match generation {
            Some(generation) => Abi { generation, rtti_base, detected: true },
            None => Abi { generation: fallback, rtti_base, detected: false },
        }
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
        self.rtti_base.and_then(|b| mem.u32(b).ok()).unwrap_or(0)
    }

    /// RTTI flags of class `id`, or `None` if the table is absent or `id` is out of range.
    pub fn flags(&self, mem: &MemoryReader<'_>, id: u32) -> Option<u32> {
        let base = self.rtti_base?;
        let count = mem.u32(base).ok()?;
        if id >= count {
            return None;
        }
        let addr = u64::from(base) + 4 + u64::from(id) * u64::from(self.generation.rtti_stride());
        mem.u32(u32::try_from(addr).ok()?).ok()
    }

    /// Base class id of `id` (only 0.18 – 0.22 tables record it).
    pub fn base_id(&self, mem: &MemoryReader<'_>, id: u32) -> Option<u32> {
        if self.generation != Generation::V0_18 {
            return None;
        }
        let base = self.rtti_base?;
        let count = mem.u32(base).ok()?;
        if id >= count {
            return None;
        }
        let addr = u64::from(base) + 8 + u64::from(id) * 8;
        match mem.u32(u32::try_from(addr).ok()?).ok()? {
            0 => None,
            b => Some(b),
        }
    }

    /// The first class id whose flags, masked by `mask`, equal `want`.
    pub fn find_id(&self, mem: &MemoryReader<'_>, mask: u32, want: u32) -> Option<u32> {
        (0..self.rtti_count(mem)).find(|&id| self.flags(mem, id).is_some_and(|f| f & mask == want))
    }
}

/// Log2 of the element size encoded in the `VALUE_ALIGN_n` bits, if exactly one is set.
pub fn value_align(flags: u32) -> Option<u32> {
    let bits = (flags >> 6) & 0x1F;
    (bits.count_ones() == 1).then(|| bits.trailing_zeros())
}
