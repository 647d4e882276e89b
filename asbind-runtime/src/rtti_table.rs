//! The module's RTTI table (AS_ABI §3), copied out of memory once at instantiation
//! ([`RttiTable`]): flags and base ids by class id, and the first id of every array shape, so
//! that type checks and id searches never read memory (or trust the module's count) per call.
//! Also the instance's opt-in for classes whose subclasses are unknown
//! ([`Instance::accept_unlisted_subclasses`](crate::instance::Instance::accept_unlisted_subclasses)).

use asbind_abi::rtti::Rtti;

use crate::abi::{Abi, flags};
use crate::memory::MemoryReader;

/// One instance's copy of its module's RTTI table.
///
/// The module's count is clamped when the table is read (to the entries in memory and to
/// [`MAX_ENTRIES`](asbind_abi::rtti::MAX_ENTRIES)), so every lookup is bounded whatever the module claims.
#[derive(Debug, Clone)]
pub(crate) struct RttiTable {
    abi: Abi,
    /// Flags by class id.
    flags: Box<[u32]>,
    /// Base class id by class id (0: none), only where the table records bases (0.18 – 0.22).
    bases: Box<[u32]>,
    /// `(flags & ARRAY_SHAPE, first id with that shape)` of the array-like classes, sorted.
    shapes: Box<[(u32, u32)]>,
    /// Whether class handles accept ids of unknown classes as possible subclasses.
    unlisted_subclasses: bool,
}

impl RttiTable {
    /// No table (before the exports are resolved, or a module without `__rtti_base`).
    pub(crate) fn empty(abi: Abi) -> Self {
        RttiTable { abi, flags: Box::new([]), bases: Box::new([]), shapes: Box::new([]), unlisted_subclasses: false }
    }

    /// Copies the table `abi` locates out of `mem` (an empty one if the module has none).
    pub(crate) fn read(mem: &MemoryReader<'_>, abi: Abi) -> Self {
        let Some(base) = abi.rtti_base else { return Self::empty(abi) };
        let rtti = Rtti { base, generation: abi.generation };
        let count = rtti.count(mem);
        // Every entry below the clamped count is in memory.
        let flags: Box<[u32]> = (0..count).map(|id| rtti.flags(mem, id).unwrap_or(0)).collect();
        let bases: Box<[u32]> = if abi.generation.rtti_has_base_ids() {
            (0..count).map(|id| rtti.base_id(mem, id).unwrap_or(0)).collect()
        } else {
            Box::new([])
        };
        let mut shapes: Vec<(u32, u32)> = Vec::new();
        for (id, f) in flags.iter().enumerate() {
            if f & flags::ARRAY_KIND_MASK != 0 {
                shapes.push((f & flags::ARRAY_SHAPE, id as u32));
            }
        }
        // Stable: among equal shapes the lowest id stays first, and `dedup` keeps it.
        shapes.sort_by_key(|(shape, _)| *shape);
        shapes.dedup_by_key(|(shape, _)| *shape);
        RttiTable { abi, flags, bases, shapes: shapes.into(), unlisted_subclasses: false }
    }

    /// The same table keeping this one's settings (when the table is read again).
    pub(crate) fn keeping_settings_of(mut self, old: &RttiTable) -> Self {
        self.unlisted_subclasses = old.unlisted_subclasses;
        self
    }

    /// The ABI the table was read with.
    pub(crate) fn abi(&self) -> Abi {
        self.abi
    }

    /// Whether the module has an RTTI table (exports `__rtti_base`): then an id outside it is
    /// no valid object.
    pub(crate) fn has_table(&self) -> bool {
        self.abi.rtti_base.is_some()
    }

    /// Number of class ids (clamped; 0 without a table).
    pub(crate) fn count(&self) -> u32 {
        self.flags.len() as u32
    }

    /// RTTI flags of class `id`, if it is in the table.
    pub(crate) fn flags(&self, id: u32) -> Option<u32> {
        self.flags.get(id as usize).copied()
    }

    /// Whether the table records each class's base (0.18 – 0.22).
    pub(crate) fn has_bases(&self) -> bool {
        self.abi.generation.rtti_has_base_ids() && self.has_table()
    }

    /// Whether class `id` is one of `ids` or derives from one of them, following the base ids
    /// the table records; `None` where it records none (0.23+). A base chain is at most as long
    /// as the table, so a cyclic one (which no compiler writes) ends there.
    pub(crate) fn is_any_of(&self, id: u32, ids: &[u32]) -> Option<bool> {
        if !self.has_bases() {
            return None;
        }
        let mut at = id;
        for _ in 0..=self.bases.len() {
            if ids.contains(&at) {
                return Some(true);
            }
            match self.bases.get(at as usize) {
                Some(&base) if base != 0 => at = base,
                _ => return Some(false),
            }
        }
        Some(false)
    }

    /// The first id whose flags, masked by `ARRAY_SHAPE`, are `shape` (an array-like layout
    /// with its element bits): a lookup in the index, found or not.
    pub(crate) fn array_id(&self, shape: u32) -> Option<u32> {
        let at = self.shapes.binary_search_by_key(&shape, |(s, _)| *s).ok()?;
        Some(self.shapes[at].1)
    }

    /// Whether class handles accept unknown ids as possible subclasses (see
    /// [`Instance::accept_unlisted_subclasses`](crate::instance::Instance::accept_unlisted_subclasses)).
    pub(crate) fn accepts_unlisted_subclasses(&self) -> bool {
        self.unlisted_subclasses
    }

    /// Sets what [`accepts_unlisted_subclasses`](Self::accepts_unlisted_subclasses) says.
    pub(crate) fn set_accepts_unlisted_subclasses(&mut self, accept: bool) {
        self.unlisted_subclasses = accept;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::Generation;

    fn table(generation: Generation, words: &[u32]) -> RttiTable {
        let mut mem = vec![0u8; 16];
        mem.extend(words.iter().flat_map(|w| w.to_le_bytes()));
        let abi = Abi { generation, rtti_base: Some(16), detected: true };
        RttiTable::read(&MemoryReader::new(&mem), abi)
    }

    #[test]
    fn copies_flags_and_indexes_array_shapes() {
        // Claims u32::MAX entries; 6 are in memory.
        let t = table(Generation::V0_24, &[u32::MAX, 0x20, 0x20, 0x20, 0, 0x4102, 0x4102]);
        assert_eq!(t.count(), 6);
        assert_eq!(t.flags(5), Some(0x4102));
        assert_eq!(t.flags(6), None);
        assert_eq!(t.array_id(0x4102), Some(4), "the first id of a shape");
        assert_eq!(t.array_id(0x902), None);
        assert_eq!(t.is_any_of(5, &[4]), None, "0.24 records no bases");
    }

    #[test]
    fn walks_base_chains_exactly_and_stops_on_cycles() {
        // 0.18 entries (flags, base): 0 AB, 1 String, 2 ABV, 3 A, 4 B extends A, 5 C extends
        // B, 6 and 7 each other's base.
        let t = table(Generation::V0_18, &[8, 0x20, 0, 0x20, 0, 0, 0, 0x20, 0, 0x20, 3, 0x20, 4, 0x20, 7, 0x20, 6]);
        assert_eq!(t.is_any_of(5, &[3]), Some(true));
        assert_eq!(t.is_any_of(5, &[4]), Some(true));
        assert_eq!(t.is_any_of(3, &[4]), Some(false), "a base is not its subclass");
        assert_eq!(t.is_any_of(6, &[3]), Some(false), "a cycle ends");
        assert_eq!(t.is_any_of(99, &[3]), Some(false), "an id outside the table");
    }
}
