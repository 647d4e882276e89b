//! What differs between AssemblyScript compiler generations (AS_ABI §2.2, §3.1, §3.4, §7.4).

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

    /// Runtime id of `Object`, the base of every class (only 0.24+ has one).
    pub fn object_id(self) -> Option<u32> {
        match self {
            Generation::V0_24 => Some(0),
            _ => None,
        }
    }

    /// Size in bytes of one RTTI entry.
    pub fn rtti_stride(self) -> u32 {
        match self {
            Generation::V0_18 => 8,
            _ => 4,
        }
    }

    /// Whether RTTI entries record the base class id (the word after the flags).
    pub fn rtti_has_base_ids(self) -> bool {
        self == Generation::V0_18
    }

    /// The AssemblyScript releases of this generation: the minor versions of the first and the
    /// last 0.x release (`(18, 22)` for 0.18 – 0.22), the range [`describe`](Self::describe) names.
    pub fn releases(self) -> (u32, u32) {
        match self {
            Generation::V0_18 => (18, 22),
            Generation::V0_23 => (23, 23),
            Generation::V0_24 => (24, 28),
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

    /// Tells the generation from the two RTTI words at `__rtti_base + 8` and `+ 12` (§3.4).
    ///
    /// The built-in classes after the count are pointer-free (`ArrayBuffer`, `String`), so the
    /// words say whether entries carry a base id (0.18 – 0.22: `+8` is id 0's base, 0) and
    /// whether `Object` occupies id 0 (0.24+: ids 1 and 2 are both pointer-free; 0.23: id 2 is
    /// `ArrayBufferView`, whose flags are 0).
    pub fn from_rtti_words(w8: u32, w12: u32) -> Option<Generation> {
        use crate::flags::POINTERFREE;
        let free = |w: u32| w & POINTERFREE != 0;
        match (w8, w12) {
            (0, w12) if free(w12) => Some(Generation::V0_18),
            (w8, 0) if free(w8) => Some(Generation::V0_23),
            (w8, w12) if free(w8) && free(w12) => Some(Generation::V0_24),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Generation::{self, *};

    #[test]
    fn builtin_ids_follow_the_generation() {
        assert_eq!((V0_18.array_buffer_id(), V0_18.string_id()), (0, 1));
        assert_eq!((V0_23.array_buffer_id(), V0_23.string_id()), (0, 1));
        assert_eq!((V0_24.array_buffer_id(), V0_24.string_id()), (1, 2));
        assert_eq!(V0_24.object_id(), Some(0));
        assert_eq!((V0_18.rtti_stride(), V0_23.rtti_stride(), V0_24.rtti_stride()), (8, 4, 4));
    }

    #[test]
    fn releases_are_the_described_range() {
        for g in [V0_18, V0_23, V0_24] {
            let (first, last) = g.releases();
            let range = if first == last { format!("0.{first}") } else { format!("0.{first} – 0.{last}") };
            assert_eq!(g.describe(), format!("AssemblyScript {range}"));
        }
    }

    #[test]
    fn words_tell_the_generation() {
        assert_eq!(Generation::from_rtti_words(0, 0x20), Some(V0_18));
        assert_eq!(Generation::from_rtti_words(0x20, 0), Some(V0_23));
        assert_eq!(Generation::from_rtti_words(0x20, 0x20), Some(V0_24));
        assert_eq!(Generation::from_rtti_words(0, 0), None);
        assert_eq!(Generation::from_rtti_words(1, 2), None);
    }
}
