//! Reading the RTTI table at `__rtti_base` (AS_ABI §3.1): a `u32` count, then one entry per
//! class id, of 4 bytes (flags) or, before 0.23, 8 bytes (flags, base id).

use crate::generation::Generation;

/// Little-endian reads from a module's memory: a live instance's, or a module's initial image.
pub trait Memory {
    /// The `u32` at `addr`, or `None` if it is not inside the memory.
    fn read_u32(&self, addr: u32) -> Option<u32>;
}

impl Memory for [u8] {
    fn read_u32(&self, addr: u32) -> Option<u32> {
        let start = usize::try_from(addr).ok()?;
        let bytes = self.get(start..start.checked_add(4)?)?;
        Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }
}

impl<M: Memory + ?Sized> Memory for &M {
    fn read_u32(&self, addr: u32) -> Option<u32> {
        (**self).read_u32(addr)
    }
}

/// The first words of an RTTI table, as read for detecting the generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    /// Number of class ids in the table.
    pub count: u32,
    /// The word at `base + 8`.
    pub w8: u32,
    /// The word at `base + 12`.
    pub w12: u32,
}

impl Probe {
    /// Reads the count and the two words the generation is told from, if they are in memory.
    pub fn read(mem: &(impl Memory + ?Sized), base: u32) -> Option<Probe> {
        let word = |off: u32| mem.read_u32(base.checked_add(off)?);
        Some(Probe { count: word(0)?, w8: word(8)?, w12: word(12)? })
    }

    /// The generation these words identify (§3.4).
    pub fn generation(&self) -> Option<Generation> {
        Generation::from_rtti_words(self.w8, self.w12)
    }
}

/// The most class ids a table is read with: the count is the module's claim, and a hostile one
/// (up to `u32::MAX`) would make every search over the table take seconds. Real modules have a
/// few dozen ids (the largest in asbind's fixtures and corpus: 44); ids beyond this are
/// treated as absent from the table.
pub const MAX_ENTRIES: u32 = 1 << 16;

/// Where a module's RTTI table is and how its entries are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rtti {
    /// Address of the table (the value of `__rtti_base`).
    pub base: u32,
    /// The generation, which fixes the entry size.
    pub generation: Generation,
}

impl Rtti {
    /// The count word as the module wrote it (0 if it is not in memory): untrusted, see
    /// [`count`](Self::count).
    pub fn claimed_count(&self, mem: &(impl Memory + ?Sized)) -> u32 {
        mem.read_u32(self.base).unwrap_or(0)
    }

    /// Number of class ids in the table: the claimed count, clamped to [`MAX_ENTRIES`] and to
    /// the entries that are in memory (so iterating over the ids is bounded and every entry
    /// below the count can be read).
    pub fn count(&self, mem: &(impl Memory + ?Sized)) -> u32 {
        let claimed = self.claimed_count(mem).min(MAX_ENTRIES);
        if claimed == 0 || self.entry_word(mem, claimed - 1, self.last_word()).is_some() {
            return claimed;
        }
        // Entries lie one after another from the base: the readable ones are a prefix, found
        // by bisection (`lo` readable or 0, `hi` not).
        let (mut lo, mut hi) = (0, claimed);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.entry_word(mem, mid - 1, self.last_word()).is_some() { lo = mid } else { hi = mid }
        }
        lo
    }

    /// The index of an entry's last word (0: flags, 1: base id).
    fn last_word(&self) -> u32 {
        self.generation.rtti_stride() / 4 - 1
    }

    /// Word `word` (0: flags, 1: base id) of `id`'s entry, read without checking the count.
    fn entry_word(&self, mem: &(impl Memory + ?Sized), id: u32, word: u32) -> Option<u32> {
        let addr =
            u64::from(self.base) + 4 + u64::from(id) * u64::from(self.generation.rtti_stride()) + 4 * u64::from(word);
        mem.read_u32(u32::try_from(addr).ok()?)
    }

    /// Word `word` of `id`'s entry, if `id` is in the table.
    fn entry(&self, mem: &(impl Memory + ?Sized), id: u32, word: u32) -> Option<u32> {
        if id >= self.claimed_count(mem).min(MAX_ENTRIES) {
            return None;
        }
        self.entry_word(mem, id, word)
    }

    /// RTTI flags of class `id`, or `None` if `id` is out of range.
    pub fn flags(&self, mem: &(impl Memory + ?Sized), id: u32) -> Option<u32> {
        self.entry(mem, id, 0)
    }

    /// Base class id of `id` (only 0.18 – 0.22 tables record it; 0 means none).
    pub fn base_id(&self, mem: &(impl Memory + ?Sized), id: u32) -> Option<u32> {
        if !self.generation.rtti_has_base_ids() {
            return None;
        }
        self.entry(mem, id, 1).filter(|&b| b != 0)
    }

    /// The first class id whose flags, masked by `mask`, equal `want` (a scan of at most
    /// [`MAX_ENTRIES`] entries).
    pub fn find_id(&self, mem: &(impl Memory + ?Sized), mask: u32, want: u32) -> Option<u32> {
        (0..self.count(mem)).find(|&id| self.flags(mem, id).is_some_and(|f| f & mask == want))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(words: &[u32]) -> Vec<u8> {
        let mut mem = vec![0u8; 16];
        mem.extend(words.iter().flat_map(|w| w.to_le_bytes()));
        mem
    }

    #[test]
    fn reads_entries_of_both_strides() {
        // 0.24: count 3, flags 0x20, 0x20, 0x21.
        let mem = table(&[3, 0x20, 0x20, 0x21]);
        let rtti = Rtti { base: 16, generation: Probe::read(&mem[..], 16).unwrap().generation().unwrap() };
        assert_eq!(rtti.generation, Generation::V0_24);
        assert_eq!(rtti.flags(&mem[..], 2), Some(0x21));
        assert_eq!(rtti.flags(&mem[..], 3), None);
        assert_eq!(rtti.find_id(&mem[..], 0xFF, 0x21), Some(2));
        // 0.18: count 2, (0x20, 0), (0x20, 0), then a class with base id 1.
        let mem = table(&[3, 0x20, 0, 0x20, 0, 0x2, 1]);
        let rtti = Rtti { base: 16, generation: Generation::V0_18 };
        assert_eq!(Probe::read(&mem[..], 16).unwrap().generation(), Some(Generation::V0_18));
        assert_eq!(rtti.flags(&mem[..], 2), Some(0x2));
        assert_eq!(rtti.base_id(&mem[..], 2), Some(1));
        assert_eq!(rtti.base_id(&mem[..], 1), None);
    }

    #[test]
    fn out_of_memory_reads_are_none() {
        let mem = table(&[1000]);
        let rtti = Rtti { base: 16, generation: Generation::V0_24 };
        assert_eq!(rtti.flags(&mem[..], 999), None);
        assert_eq!(Probe::read(&mem[..], u32::MAX - 2), None);
    }

    #[test]
    fn counts_are_clamped_to_memory_and_to_the_maximum() {
        // Claims 1000 entries, 3 are in memory (the last one's word cut off).
        let mut mem = table(&[1000, 0x20, 0x20, 0x21]);
        mem.extend([0, 0]);
        let rtti = Rtti { base: 16, generation: Generation::V0_24 };
        assert_eq!(rtti.claimed_count(&mem[..]), 1000);
        assert_eq!(rtti.count(&mem[..]), 3);
        assert_eq!(rtti.find_id(&mem[..], 0xFF, 0x99), None);
        // 8-byte entries: an entry counts only if its base-id word is in memory too.
        let mem = table(&[u32::MAX, 0x20, 0, 0x20, 0, 0x2]);
        let rtti = Rtti { base: 16, generation: Generation::V0_18 };
        assert_eq!(rtti.count(&mem[..]), 2);
        // A huge table that is all in memory still stops at the maximum.
        let mut words = vec![u32::MAX];
        words.extend(std::iter::repeat_n(0x20, MAX_ENTRIES as usize + 5));
        let mem = table(&words);
        let rtti = Rtti { base: 16, generation: Generation::V0_24 };
        assert_eq!(rtti.count(&mem[..]), MAX_ENTRIES);
        assert_eq!(rtti.flags(&mem[..], MAX_ENTRIES), None);
        assert_eq!(rtti.flags(&mem[..], MAX_ENTRIES - 1), Some(0x20));
        let empty = table(&[]);
        assert_eq!(rtti.count(&empty[..]), 0);
    }
}
