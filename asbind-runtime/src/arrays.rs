//! Where the elements of an array-like object are: the three layouts ([`ArrayKind`]) and
//! [`locate_array`], which reads and bounds-checks them (AS_ABI §2.5 – §2.7, §3.3).

use asbind_abi::exports::RTTI_BASE;
use asbind_abi::layout::{ARRAY_LENGTH_OFFSET, BYTE_LENGTH_OFFSET, DATA_START_OFFSET};

use crate::abi::{flags, value_align};
use crate::error::{Error, Result};
use crate::memory::{MemoryReader, offset};
use crate::rtti_table::RttiTable;
use crate::types::type_info_in;

/// The three array-like layouts (AS_ABI §2.5 – §2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrayKind {
    /// `Array<T>`: `buffer`, `dataStart`, `byteLength` (capacity), `length_`.
    Array,
    /// A typed array: `buffer`, `dataStart`, `byteLength`.
    TypedArray,
    /// `StaticArray<T>`: the elements are the payload.
    StaticArray,
}

impl ArrayKind {
    /// The RTTI flag that marks this kind.
    pub fn flag(self) -> u32 {
        match self {
            ArrayKind::Array => flags::ARRAY,
            ArrayKind::TypedArray => flags::ARRAYBUFFERVIEW,
            ArrayKind::StaticArray => flags::STATICARRAY,
        }
    }

    /// The kind a class with RTTI flags `f` has, if it is array-like.
    pub(crate) fn from_flags(f: u32) -> Option<Self> {
        match f & flags::ARRAY_KIND_MASK {
            flags::ARRAY => Some(ArrayKind::Array),
            flags::ARRAYBUFFERVIEW => Some(ArrayKind::TypedArray),
            flags::STATICARRAY => Some(ArrayKind::StaticArray),
            _ => None,
        }
    }

    /// "an Array", "a typed array" or "a StaticArray".
    pub fn describe(self) -> &'static str {
        match self {
            ArrayKind::Array => "an Array",
            ArrayKind::TypedArray => "a typed array",
            ArrayKind::StaticArray => "a StaticArray",
        }
    }
}

/// Where the elements of an array-like object are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArrayLike {
    /// Which layout the object has.
    pub kind: ArrayKind,
    /// Address of element 0.
    pub data: u32,
    /// Number of elements.
    pub len: u32,
    /// log2 of the element size.
    pub align: u32,
    /// RTTI flags of the object's class (0 without an RTTI table).
    pub flags: u32,
}

impl ArrayLike {
    /// Whether the elements carry the RTTI element bits `value_flags` (always assumed without
    /// an RTTI table). [`holds`](Self::holds) asks the same of an element type.
    pub(crate) fn holds_value(&self, value_flags: u32) -> bool {
        self.flags == 0 || flags::element_bits(self.flags) == value_flags
    }
}

fn wrong_type_in(mem: &MemoryReader<'_>, ptr: u32, expected: impl Into<String>) -> Error {
    Error::WrongType { ptr, expected: expected.into(), found: mem.rt_id(ptr).unwrap_or(u32::MAX) }
}

/// Locates the elements of an array-like object (see
/// [`Ctx::array_like`](crate::ctx::Ctx::array_like)).
pub(crate) fn locate_array(
    mem: &MemoryReader<'_>,
    rtti: &RttiTable,
    ptr: u32,
    declared: Option<ArrayKind>,
    align: u32,
) -> Result<ArrayLike> {
    if ptr == 0 {
        return Err(Error::Null("array".into()));
    }
    let info = type_info_in(mem, rtti, ptr)?;
    let (kind, align, fl) = match (info.flags, declared) {
        (Some(f), _) => {
            let expected = declared.map_or("an array, typed array or static array", ArrayKind::describe);
            match (ArrayKind::from_flags(f), value_align(f)) {
                (Some(k), Some(a)) if declared.is_none_or(|d| d == k) => (k, a, f),
                _ => return Err(wrong_type_in(mem, ptr, expected)),
            }
        }
        (None, Some(k)) => (k, align, 0),
        (None, None) => {
            return Err(Error::MissingRuntimeExport {
                name: RTTI_BASE,
                needed_for: "telling an Array from a typed array or StaticArray (or pass the declared kind)",
            });
        }
    };
    let (data, len) = match kind {
        ArrayKind::Array => (mem.u32(offset(ptr, DATA_START_OFFSET)?)?, mem.u32(offset(ptr, ARRAY_LENGTH_OFFSET)?)?),
        ArrayKind::TypedArray => {
            let byte_length = mem.u32(offset(ptr, BYTE_LENGTH_OFFSET)?)?;
            if (byte_length as i32) < 0 {
                return Err(Error::InvalidValue(format!(
                    "typed array at {ptr:#x} has negative byteLength {}",
                    byte_length as i32
                )));
            }
            (mem.u32(offset(ptr, DATA_START_OFFSET)?)?, byte_length >> align)
        }
        ArrayKind::StaticArray => (ptr, mem.rt_size(ptr)? >> align),
    };
    if (len as i32) < 0 {
        return Err(Error::InvalidValue(format!("array at {ptr:#x} has negative length {}", len as i32)));
    }
    // One bounds check for the whole run, so a bogus length fails here and not half-way.
    let bytes = u64::from(len) << align;
    let too_far = || Error::OutOfBounds { addr: u64::from(data), len: bytes, memory_size: mem.bytes().len() };
    mem.slice(data, u32::try_from(bytes).map_err(|_| too_far())?)?;
    Ok(ArrayLike { kind, data, len, align, flags: fl })
}
