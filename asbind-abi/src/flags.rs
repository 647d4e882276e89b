//! RTTI flag bits (AS_ABI §3.2; the same values in AssemblyScript 0.18 – 0.28).

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
/// The bits that say which array-like layout a class has.
pub const ARRAY_KIND_MASK: u32 = ARRAY | ARRAYBUFFERVIEW | STATICARRAY;
/// The bits that identify an array-like class: its layout and its element type, with
/// nullability aside (`Array<string>` and `Array<string | null>` are laid out alike).
pub const ARRAY_SHAPE: u32 = ARRAY_KIND_MASK | (VALUE_MASK & !VALUE_NULLABLE);
/// The element bits of an array of managed references (strings, arrays, class instances):
/// pointer-sized slots that the collector visits, nullability aside as in [`ARRAY_SHAPE`].
pub const REFERENCE_VALUE: u32 = (VALUE_ALIGN_0 << crate::layout::POINTER_ALIGN_LOG2) | VALUE_MANAGED;

/// The element-type bits of `flags`, nullability aside.
pub fn element_bits(flags: u32) -> u32 {
    flags & VALUE_MASK & !VALUE_NULLABLE
}

/// Log2 of the element size encoded in the `VALUE_ALIGN_n` bits, if exactly one is set.
pub fn value_align(flags: u32) -> Option<u32> {
    let bits = (flags >> 6) & 0x1F;
    (bits.count_ones() == 1).then(|| bits.trailing_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_align_reads_exactly_one_bit() {
        assert_eq!(value_align(VALUE_ALIGN_0 << 2), Some(2));
        assert_eq!(value_align(VALUE_ALIGN_0 << 3 | VALUE_FLOAT), Some(3));
        assert_eq!(value_align(0), None);
        assert_eq!(value_align(VALUE_ALIGN_0 | VALUE_ALIGN_0 << 1), None);
    }

    #[test]
    fn references_are_managed_pointers() {
        assert_eq!(REFERENCE_VALUE, 0x4100);
        assert_eq!(value_align(REFERENCE_VALUE), Some(crate::layout::POINTER_ALIGN_LOG2));
        assert_eq!(element_bits(REFERENCE_VALUE | VALUE_NULLABLE), REFERENCE_VALUE);
    }
}
