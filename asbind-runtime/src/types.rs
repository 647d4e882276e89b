//! The AssemblyScript types as the runtime sees them, without any instance: [`Scalar`]s
//! (`bool`, the integers and floats, stored inline), and an object's runtime type
//! ([`TypeInfo`], read by [`type_info_in`]) with the [`Kind`] markers checked against it.
//! How values move in and out is in `lift` ([`Lift`](crate::lift::Lift),
//! [`Element`](crate::lift::Element)) and `lower` ([`Lower`](crate::lower::Lower)).

use crate::abi::flags;
use crate::error::{Error, Result};
use crate::memory::MemoryReader;
use crate::rtti_table::RttiTable;

mod sealed {
    pub trait Sealed {}
}

/// A scalar AssemblyScript type with a fixed-size little-endian encoding.
pub trait Scalar: Copy + Send + Sync + 'static + sealed::Sealed {
    /// log2 of the encoded size in bytes.
    const ALIGN_LOG2: u32;
    /// The RTTI element bits (`flags::VALUE_MASK`) of an array of this type.
    const VALUE_FLAGS: u32;
    /// The AssemblyScript name.
    const AS_NAME: &'static str;
    /// Decodes one value from exactly `1 << ALIGN_LOG2` bytes.
    fn from_le(bytes: &[u8]) -> Self;
    /// Encodes one value into exactly `1 << ALIGN_LOG2` bytes.
    fn to_le(self, out: &mut [u8]);
    /// Decodes a packed run of values (a bulk copy on little-endian hosts).
    fn decode_all(bytes: &[u8]) -> Vec<Self> {
        bytes.chunks_exact(1 << Self::ALIGN_LOG2).map(Self::from_le).collect()
    }
    /// Encodes `values` into `out` (`out.len() == values.len() << ALIGN_LOG2`).
    fn encode_all(values: &[Self], out: &mut [u8]) {
        for (v, chunk) in values.iter().zip(out.chunks_exact_mut(1 << Self::ALIGN_LOG2)) {
            v.to_le(chunk);
        }
    }
}

/// A numeric scalar whose in-memory representation can be borrowed directly as `&[Self]`
/// (every bit pattern valid): the element types of zero-copy views.
pub trait Pod: Scalar + bytemuck::Pod {}

macro_rules! numeric {
    ($($t:ty => $align:expr, $flags:expr, $name:literal;)*) => {$(
        impl sealed::Sealed for $t {}
        impl Scalar for $t {
            const ALIGN_LOG2: u32 = $align;
            const VALUE_FLAGS: u32 = $flags;
            const AS_NAME: &'static str = $name;
            fn from_le(bytes: &[u8]) -> Self {
                let mut b = [0u8; std::mem::size_of::<$t>()];
                b.copy_from_slice(bytes);
                <$t>::from_le_bytes(b)
            }
            fn to_le(self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
            fn decode_all(bytes: &[u8]) -> Vec<Self> {
                #[cfg(target_endian = "little")]
                {
                    // Same representation: one memcpy, whatever the source alignment, into a
                    // vector that is not zero-filled first.
                    let n = bytes.len() / std::mem::size_of::<$t>();
                    let mut out = Vec::<$t>::with_capacity(n);
                    // SAFETY: `out` has room for `n` values, i.e. `n * size_of` bytes, which
                    // `bytes` holds (the division rounds down); every bit pattern is a valid
                    // `$t` (plain integers and floats); the regions cannot overlap (`out` is a
                    // new allocation).
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            bytes.as_ptr(),
                            out.as_mut_ptr().cast::<u8>(),
                            n * std::mem::size_of::<$t>(),
                        );
                        out.set_len(n);
                    }
                    out
                }
                #[cfg(not(target_endian = "little"))]
                {
                    bytes.chunks_exact(std::mem::size_of::<$t>()).map(Self::from_le).collect()
                }
            }
            fn encode_all(values: &[Self], out: &mut [u8]) {
                #[cfg(target_endian = "little")]
                {
                    out.copy_from_slice(bytemuck::cast_slice(values));
                }
                #[cfg(not(target_endian = "little"))]
                {
                    for (v, chunk) in values.iter().zip(out.chunks_exact_mut(std::mem::size_of::<$t>())) {
                        v.to_le(chunk);
                    }
                }
            }
        }
        impl Pod for $t {}
    )*};
}

const A0: u32 = flags::VALUE_ALIGN_0;
const A1: u32 = flags::VALUE_ALIGN_0 << 1;
const A2: u32 = flags::VALUE_ALIGN_0 << 2;
const A3: u32 = flags::VALUE_ALIGN_0 << 3;
const S: u32 = flags::VALUE_SIGNED;
const F: u32 = flags::VALUE_FLOAT;

numeric! {
    i8 => 0, A0 | S, "i8";
    u8 => 0, A0, "u8";
    i16 => 1, A1 | S, "i16";
    u16 => 1, A1, "u16";
    i32 => 2, A2 | S, "i32";
    u32 => 2, A2, "u32";
    i64 => 3, A3 | S, "i64";
    u64 => 3, A3, "u64";
    f32 => 2, A2 | S | F, "f32";
    f64 => 3, A3 | S | F, "f64";
}

impl sealed::Sealed for bool {}
impl Scalar for bool {
    const ALIGN_LOG2: u32 = 0;
    const VALUE_FLAGS: u32 = A0;
    const AS_NAME: &'static str = "bool";
    fn from_le(bytes: &[u8]) -> Self {
        bytes[0] != 0
    }
    fn to_le(self, out: &mut [u8]) {
        out[0] = u8::from(self);
    }
}

/// What a pinned [`Ref`](crate::handle::Ref) points to. Checked against the object's runtime type id
/// (and RTTI flags) whenever a handle is made from a pointer.
pub trait Kind: 'static {
    /// Whether an object with runtime id `id` and RTTI flags `flags` (if the module has an RTTI
    /// table) is of this kind.
    fn matches(ty: TypeInfo<'_>) -> bool;
    /// The AssemblyScript type, for error messages.
    fn describe() -> String;
}

/// What the runtime knows about an object's type: its id and, if available, its RTTI flags,
/// with the instance's RTTI table behind it for base classes.
#[derive(Debug, Clone, Copy)]
pub struct TypeInfo<'a> {
    /// The runtime type id from the object header.
    pub id: u32,
    /// RTTI flags of that id, when the module exports `__rtti_base`.
    pub flags: Option<u32>,
    /// The module's `String` id.
    pub string_id: u32,
    /// The module's `ArrayBuffer` id.
    pub array_buffer_id: u32,
    rtti: &'a RttiTable,
}

impl TypeInfo<'_> {
    /// Whether the object's class is one of `ids` or a subclass of one, by the base ids the
    /// RTTI records (AssemblyScript 0.18 – 0.22); `None` where it records none (0.23+).
    pub fn is_any_of(&self, ids: &[u32]) -> Option<bool> {
        self.rtti.is_any_of(self.id, ids)
    }

    /// Whether the instance accepts unknown ids as possible subclasses (see
    /// [`Instance::accept_unlisted_subclasses`](crate::instance::Instance::accept_unlisted_subclasses)).
    pub fn accepts_unlisted_subclasses(&self) -> bool {
        self.rtti.accepts_unlisted_subclasses()
    }
}

/// Kind markers for [`Ref`](crate::handle::Ref).
pub mod kinds {
    use super::{Kind, Scalar, TypeInfo};
    use crate::abi::flags;
    use std::marker::PhantomData;

    /// Any managed object (no check).
    pub struct Object;
    /// `String`.
    pub struct Str;
    /// `ArrayBuffer`.
    pub struct Buffer;
    /// A typed array with elements `T` (`Int32Array` for `i32`, ...).
    pub struct TypedArray<T>(PhantomData<T>);
    /// `Array<T>` with scalar elements.
    pub struct Array<T>(PhantomData<T>);
    /// `StaticArray<T>` with scalar elements.
    pub struct StaticArray<T>(PhantomData<T>);
    /// A class, identified by the set of runtime ids accepted (the class and its subclasses).
    ///
    /// An object matches if its id is in [`IDS`](Self::IDS); otherwise, where the RTTI
    /// records base classes (0.18 – 0.22), if its base chain reaches one of them. On 0.23+ an
    /// id outside `IDS` is refused when [`COMPLETE`](Self::COMPLETE), and also by default when
    /// not: only an instance that opted in with
    /// [`Instance::accept_unlisted_subclasses`](crate::instance::Instance::accept_unlisted_subclasses)
    /// accepts it as a possible subclass, if it is a plain class not in
    /// [`OTHERS`](Self::OTHERS).
    pub trait Class: 'static {
        /// The AssemblyScript class name.
        const NAME: &'static str;
        /// Runtime ids known to be this class or one of its subclasses.
        const IDS: &'static [u32];
        /// Whether [`IDS`](Self::IDS) lists every subclass: the module records its class
        /// hierarchy (built with the `asbind-classes` transform), so no other id can be one.
        const COMPLETE: bool = false;
        /// Runtime ids known to be *other* classes (not subclasses), refused even by an
        /// instance that accepts unlisted subclasses.
        const OTHERS: &'static [u32] = &[];
    }

    impl Kind for Object {
        fn matches(_: TypeInfo<'_>) -> bool {
            true
        }
        fn describe() -> String {
            "any object".into()
        }
    }
    impl Kind for Str {
        fn matches(ty: TypeInfo<'_>) -> bool {
            ty.id == ty.string_id
        }
        fn describe() -> String {
            ::asbind_abi::classes::STRING.into()
        }
    }
    impl Kind for Buffer {
        fn matches(ty: TypeInfo<'_>) -> bool {
            ty.id == ty.array_buffer_id
        }
        fn describe() -> String {
            ::asbind_abi::classes::ARRAY_BUFFER.into()
        }
    }

    fn array_like<T: Scalar>(ty: TypeInfo<'_>, kind: u32) -> bool {
        // Without RTTI nothing can be checked; reads stay bounds-checked.
        ty.flags.is_none_or(|f| f & kind != 0 && flags::element_bits(f) == T::VALUE_FLAGS)
    }
    impl<T: Scalar> Kind for TypedArray<T> {
        fn matches(ty: TypeInfo<'_>) -> bool {
            array_like::<T>(ty, flags::ARRAYBUFFERVIEW)
        }
        fn describe() -> String {
            format!("typed array of {}", T::AS_NAME)
        }
    }
    impl<T: Scalar> Kind for Array<T> {
        fn matches(ty: TypeInfo<'_>) -> bool {
            array_like::<T>(ty, flags::ARRAY)
        }
        fn describe() -> String {
            format!("{}<{}>", ::asbind_abi::classes::ARRAY, T::AS_NAME)
        }
    }
    impl<T: Scalar> Kind for StaticArray<T> {
        fn matches(ty: TypeInfo<'_>) -> bool {
            array_like::<T>(ty, flags::STATICARRAY)
        }
        fn describe() -> String {
            format!("{}<{}>", ::asbind_abi::classes::STATIC_ARRAY, T::AS_NAME)
        }
    }
    impl<C: Class> Kind for C {
        fn matches(ty: TypeInfo<'_>) -> bool {
            if C::IDS.contains(&ty.id) {
                return true;
            }
            // 0.18 – 0.22: the RTTI says exactly which classes derive from which.
            if let Some(derived) = ty.is_any_of(C::IDS) {
                return derived;
            }
            if C::COMPLETE || !ty.accepts_unlisted_subclasses() {
                return false;
            }
            // The built-in ids end at ArrayBufferView: String/ArrayBuffer + 1.
            let first_user_id = ty.string_id.max(ty.array_buffer_id) + 2;
            let container = flags::ARRAY_KIND_MASK | flags::SET | flags::MAP;
            ty.id >= first_user_id && !C::OTHERS.contains(&ty.id) && ty.flags.is_some_and(|f| f & container == 0)
        }
        fn describe() -> String {
            C::NAME.into()
        }
    }
}

/// The type of the object at `ptr`: its runtime id and RTTI flags (from the instance's copy of
/// the table). With an RTTI table, an id the table does not describe is no valid object.
pub(crate) fn type_info_in<'r>(mem: &MemoryReader<'_>, rtti: &'r RttiTable, ptr: u32) -> Result<TypeInfo<'r>> {
    let id = mem.rt_id(ptr)?;
    let flags = rtti.flags(id);
    if rtti.has_table() && flags.is_none() {
        return Err(Error::WrongType { ptr, expected: "a class in the module's RTTI table".into(), found: id });
    }
    let abi = rtti.abi();
    Ok(TypeInfo { id, flags, string_id: abi.string_id(), array_buffer_id: abi.array_buffer_id(), rtti })
}
