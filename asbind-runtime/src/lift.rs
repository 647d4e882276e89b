//! Lifting: reading Rust values out of the module. The [`Lift`] trait (a value from a managed
//! pointer) and [`Element`] (an array slot or record field), their implementations for strings,
//! vectors, options and [`Ref`] handles, and the `Ctx::lift_*` methods behind them.

use asbind_abi::classes;
use asbind_abi::layout::{POINTER_ALIGN_LOG2, STRING_UNIT_LOG2};

use crate::abi::flags;
use crate::arrays::{ArrayKind, ArrayLike, locate_array};
use crate::ctx::{Budget, Ctx};
use crate::error::{Error, Result};
use crate::handle::Ref;
use crate::memory::byte_len;
use crate::options::Utf16;
use crate::types::{Kind, Scalar};

/// A Rust value that can be read from a managed AssemblyScript object given its pointer.
///
/// Implemented for `String`, `Vec<T>` (from any array-like: `Array<T>`, typed arrays and
/// `StaticArray<T>`, chosen by the object's RTTI), `Option<T>` (null as `None`), [`Ref`]
/// handles, and by generated record structs.
pub trait Lift: Sized {
    /// Whether a null pointer is a valid value (`Option<T>`).
    const NULLABLE: bool = false;
    /// The AssemblyScript type, for error messages.
    fn describe() -> String;
    /// Reads the value at `ptr`. A null `ptr` is an error unless the type is nullable.
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Self>;
}

/// Anything that can be an array element or a record field.
pub trait Element: Sized {
    /// log2 of the slot size (references take 4 bytes).
    const ALIGN_LOG2: u32;
    /// RTTI element bits an array of this element carries (ignoring `VALUE_NULLABLE`).
    const VALUE_FLAGS: u32;
    /// The AssemblyScript element type, for error messages.
    fn describe_element() -> String;
    /// Reads `n` consecutive elements starting at `addr`.
    fn read_elements<D: 'static>(cx: &mut Ctx<'_, D>, addr: u32, n: usize) -> Result<Vec<Self>>;
}

impl<T: Scalar> Element for T {
    const ALIGN_LOG2: u32 = T::ALIGN_LOG2;
    const VALUE_FLAGS: u32 = T::VALUE_FLAGS;
    fn describe_element() -> String {
        T::AS_NAME.to_string()
    }
    fn read_elements<D: 'static>(cx: &mut Ctx<'_, D>, addr: u32, n: usize) -> Result<Vec<Self>> {
        let len = byte_len(n, T::ALIGN_LOG2)?;
        cx.charge(host_bytes::<T>(n))?;
        Ok(T::decode_all(cx.reader()?.slice(addr, len)?))
    }
}

/// Reference elements: a 4-byte pointer per slot, each lifted on its own.
macro_rules! reference_element {
    ($([$($g:tt)*] $t:ty;)*) => {$(
        impl<$($g)*> Element for $t {
            const ALIGN_LOG2: u32 = POINTER_ALIGN_LOG2;
            const VALUE_FLAGS: u32 = flags::REFERENCE_VALUE;
            fn describe_element() -> String {
                <$t as Lift>::describe()
            }
            fn read_elements<D: 'static>(cx: &mut Ctx<'_, D>, addr: u32, n: usize) -> Result<Vec<Self>> {
                cx.read_pointer_elements(addr, n)
            }
        }
    )*};
}

reference_element! {
    [] String;
    [T: Element] Vec<T>;
    [T: Lift] Option<T>;
    [K: Kind] Ref<K>;
}

/// Implements [`Element`] for a type that implements [`Lift`] (a generated record, say): it is
/// stored as a pointer.
#[macro_export]
macro_rules! impl_reference_element {
    ($t:ty) => {
        impl $crate::Element for $t {
            const ALIGN_LOG2: u32 = $crate::abi::layout::POINTER_ALIGN_LOG2;
            const VALUE_FLAGS: u32 = $crate::abi::flags::REFERENCE_VALUE;
            fn describe_element() -> ::std::string::String {
                <$t as $crate::Lift>::describe()
            }
            fn read_elements<D: 'static>(
                cx: &mut $crate::Ctx<'_, D>,
                addr: u32,
                n: usize,
            ) -> $crate::Result<::std::vec::Vec<Self>> {
                cx.read_pointer_elements(addr, n)
            }
        }
    };
}

impl Lift for String {
    fn describe() -> String {
        classes::STRING.into()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Self> {
        cx.lift_string(ptr)
    }
}

impl<T: Element> Lift for Vec<T> {
    fn describe() -> String {
        format!("{}<{}>", classes::ARRAY, T::describe_element())
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Self> {
        cx.lift_vec(ptr)
    }
}

impl<T: Lift> Lift for Option<T> {
    const NULLABLE: bool = true;
    fn describe() -> String {
        format!("{} | null", T::describe())
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Self> {
        if ptr == 0 { Ok(None) } else { T::lift(cx, ptr).map(Some) }
    }
}

impl<K: Kind> Lift for Ref<K> {
    fn describe() -> String {
        K::describe()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Self> {
        cx.lift_ref(ptr)
    }
}

impl ArrayLike {
    /// Whether the elements are `T`s (always assumed without an RTTI table).
    pub fn holds<T: Element>(&self) -> bool {
        self.holds_value(T::VALUE_FLAGS)
    }
}

/// `ptr`, or an [`Error::Null`] naming `what` if it is null.
pub(crate) fn non_null(ptr: u32, what: impl FnOnce() -> String) -> Result<u32> {
    if ptr == 0 { Err(Error::Null(what())) } else { Ok(ptr) }
}

impl<D: 'static> Ctx<'_, D> {
    /// Lifts any [`Lift`] type from `ptr`.
    pub fn lift<T: Lift>(&mut self, ptr: u32) -> Result<T> {
        T::lift(self, ptr)
    }

    fn string_bytes(&self, ptr: u32) -> Result<&[u8]> {
        non_null(ptr, || classes::STRING.into())?;
        let mem = self.reader()?;
        if mem.rt_id(ptr)? != self.abi().string_id() {
            return Err(self.wrong_type(ptr, classes::STRING));
        }
        let size = mem.rt_size(ptr)? & !((1 << STRING_UNIT_LOG2) - 1);
        mem.slice(ptr, size)
    }

    /// Lifts a string with the instance's UTF-16 policy (strict by default).
    pub fn lift_string(&mut self, ptr: u32) -> Result<String> {
        let strict = self.rt().utf16() == Utf16::Strict;
        self.decode_string(ptr, strict)
    }

    /// Lifts a string, replacing unpaired surrogates with U+FFFD.
    pub fn lift_string_lossy(&mut self, ptr: u32) -> Result<String> {
        self.decode_string(ptr, false)
    }

    /// Lifts a string, failing with [`Error::InvalidUtf16`] on an unpaired surrogate.
    pub fn lift_string_strict(&mut self, ptr: u32) -> Result<String> {
        self.decode_string(ptr, true)
    }

    fn decode_string(&mut self, ptr: u32, strict: bool) -> Result<String> {
        let mut budget = self.budget();
        let s = decode_utf16(self.string_bytes(ptr)?, strict, ptr, &mut budget)?;
        self.set_budget(budget);
        Ok(s)
    }

    /// Lifts a string's raw UTF-16 code units (lossless, for WTF-16 content).
    pub fn lift_utf16(&mut self, ptr: u32) -> Result<Vec<u16>> {
        let mut budget = self.budget();
        let bytes = self.string_bytes(ptr)?;
        budget.take(bytes.len() as u64)?;
        let units = u16::decode_all(bytes);
        self.set_budget(budget);
        Ok(units)
    }

    /// Copies an `ArrayBuffer`'s bytes.
    pub fn lift_array_buffer(&mut self, ptr: u32) -> Result<Vec<u8>> {
        non_null(ptr, || classes::ARRAY_BUFFER.into())?;
        let mem = self.reader()?;
        if mem.rt_id(ptr)? != self.abi().array_buffer_id() {
            return Err(self.wrong_type(ptr, classes::ARRAY_BUFFER));
        }
        let size = mem.rt_size(ptr)?;
        self.charge(u64::from(size))?;
        Ok(self.reader()?.slice(ptr, size)?.to_vec())
    }

    /// Locates the elements of an `Array<T>`, typed array or `StaticArray<T>` (AS_ABI §3.3).
    ///
    /// The layout comes from the module's RTTI; a `declared` kind must agree with it. Modules
    /// without an RTTI table (built without `--exportRuntime`) need the `declared` kind, and
    /// `align` (log2 of the element size) is then taken on trust.
    ///
    /// Used by generated bindings; not a stable API. By hand, lift the elements with
    /// [`lift_vec`](Self::lift_vec) or borrow them with
    /// [`Instance::view`](crate::instance::Instance::view).
    #[doc(hidden)]
    pub fn array_like(&self, ptr: u32, declared: Option<ArrayKind>, align: u32) -> Result<ArrayLike> {
        locate_array(&self.reader()?, self.rtti(), ptr, declared, align)
    }

    /// Lifts the elements of any array-like object, its layout and element type read from the
    /// module's RTTI.
    pub fn lift_vec<T: Element>(&mut self, ptr: u32) -> Result<Vec<T>> {
        self.lift_elements(ptr, None)
    }

    /// Lifts the elements of an array-like object of a known layout: works on modules without
    /// an RTTI table too (where it is the only way to lift arrays).
    pub fn lift_vec_as<T: Element>(&mut self, ptr: u32, kind: ArrayKind) -> Result<Vec<T>> {
        self.lift_elements(ptr, Some(kind))
    }

    fn lift_elements<T: Element>(&mut self, ptr: u32, kind: Option<ArrayKind>) -> Result<Vec<T>> {
        let arr = self.array_like(ptr, kind, T::ALIGN_LOG2)?;
        if !arr.holds::<T>() {
            return Err(self.wrong_type(ptr, format!("an array of {}", T::describe_element())));
        }
        T::read_elements(self, arr.data, arr.len as usize)
    }

    /// Reads `n` pointer slots at `addr` and lifts each (the elements of reference arrays).
    ///
    /// Used by generated bindings (and [`impl_reference_element!`]); not a stable API. By
    /// hand, lift the whole array with [`lift`](Self::lift).
    #[doc(hidden)]
    pub fn read_pointer_elements<T: Lift>(&mut self, addr: u32, n: usize) -> Result<Vec<T>> {
        let bytes = byte_len(n, POINTER_ALIGN_LOG2)?;
        self.charge(host_bytes::<T>(n) + u64::from(bytes))?;
        let ptrs: Vec<u32> = u32::decode_all(self.reader()?.slice(addr, bytes)?);
        self.nested(|cx| ptrs.into_iter().map(|p| T::lift(cx, p)).collect())
    }

    /// Lifts an array-like object of references whose layout is `kind`, each element's pointer
    /// with `lift_item`: nested arrays and arrays of records follow the declared kinds all the
    /// way down, so they work on modules without an RTTI table too. One nesting level (see
    /// [`nested`](Self::nested)).
    ///
    /// Used by generated bindings; not a stable API. By hand, use [`lift_vec_as`](Self::lift_vec_as).
    #[doc(hidden)]
    pub fn lift_vec_with<T>(
        &mut self,
        ptr: u32,
        kind: ArrayKind,
        mut lift_item: impl FnMut(&mut Self, u32) -> Result<T>,
    ) -> Result<Vec<T>> {
        let arr = self.array_like(ptr, Some(kind), POINTER_ALIGN_LOG2)?;
        if !arr.holds_value(flags::REFERENCE_VALUE) {
            return Err(self.wrong_type(ptr, format!("{} of references", kind.describe())));
        }
        let bytes = byte_len(arr.len as usize, POINTER_ALIGN_LOG2)?;
        self.charge(host_bytes::<T>(arr.len as usize) + u64::from(bytes))?;
        let ptrs: Vec<u32> = u32::decode_all(self.reader()?.slice(arr.data, bytes)?);
        self.nested(|cx| ptrs.into_iter().map(|p| lift_item(cx, p)).collect())
    }

    /// Reads a pointer field at `addr` and lifts it.
    ///
    /// Used by generated bindings; not a stable API. By hand, lift the whole record with
    /// [`lift`](Self::lift).
    #[doc(hidden)]
    pub fn read_lift<T: Lift>(&mut self, addr: u32) -> Result<T> {
        let ptr = self.read::<u32>(addr)?;
        T::lift(self, ptr)
    }

    /// The `N` bytes of the record at `ptr`, after checking that it is a non-null object whose
    /// id is one of `ids` and whose payload is at least `N` bytes: one bounds check for the
    /// header and every field, which are then decoded from the copy.
    ///
    /// Used by generated bindings; not a stable API. By hand, lift the record with
    /// [`lift`](Self::lift), which checks this.
    #[doc(hidden)]
    pub fn record_bytes<const N: usize>(&self, ptr: u32, ids: &[u32], name: &str) -> Result<[u8; N]> {
        use asbind_abi::layout::{RT_ID_BELOW, RT_SIZE_BELOW};
        non_null(ptr, || name.to_string())?;
        let mem = self.reader()?;
        // The header's id and size words, then the payload, in one slice.
        let start = ptr.checked_sub(RT_ID_BELOW).ok_or(Error::OutOfBounds {
            addr: u64::from(ptr),
            len: u64::from(RT_ID_BELOW),
            memory_size: mem.bytes().len(),
        })?;
        let len = u32::try_from(N).map_err(|_| Error::TooLarge(format!("a {N}-byte record")))?;
        let bytes = mem.slice(start, RT_ID_BELOW.saturating_add(len))?;
        let word = |at: u32| {
            let at = at as usize;
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        if !ids.contains(&word(0)) {
            return Err(self.wrong_type(ptr, name));
        }
        if word(RT_ID_BELOW - RT_SIZE_BELOW) < len {
            return Err(Error::InvalidValue(format!("{name} at {ptr:#x} is smaller than its {N}-byte layout")));
        }
        let mut out = [0u8; N];
        out.copy_from_slice(&bytes[RT_ID_BELOW as usize..]);
        Ok(out)
    }

    /// Makes a pinned handle for the object at `ptr` after checking its kind (a
    /// [`Error::WrongType`] otherwise) and that it is a live object ([`Error::NotAnObject`]).
    pub fn lift_ref<K: Kind>(&mut self, ptr: u32) -> Result<Ref<K>> {
        non_null(ptr, K::describe)?;
        if !K::matches(self.type_info(ptr)?) {
            return Err(self.wrong_type(ptr, K::describe()));
        }
        self.pin(ptr)?;
        Ok(Ref::from_acquired(ptr, self.rt().handles().clone()))
    }
}

/// The host memory a `Vec` of `n` `T`s takes.
fn host_bytes<T>(n: usize) -> u64 {
    (n as u64).saturating_mul(std::mem::size_of::<T>() as u64)
}

/// Decodes UTF-16LE bytes (a `String` payload) to UTF-8, into a `String` of exactly the
/// decoded length (a module cannot make the host reserve more than the text needs), taken from
/// `budget` before it is allocated.
fn decode_utf16(bytes: &[u8], strict: bool, ptr: u32, budget: &mut Budget) -> Result<String> {
    // Borrow the code units in place when the payload is aligned (it always is for objects the
    // AssemblyScript allocator made); copy otherwise.
    #[cfg(target_endian = "little")]
    let units: std::borrow::Cow<'_, [u16]> = match bytemuck::try_cast_slice(bytes) {
        Ok(units) => std::borrow::Cow::Borrowed(units),
        Err(_) => std::borrow::Cow::Owned(u16::decode_all(bytes)),
    };
    #[cfg(not(target_endian = "little"))]
    let units: std::borrow::Cow<'_, [u16]> = std::borrow::Cow::Owned(u16::decode_all(bytes));
    let units = &*units;
    if encoding_rs::mem::is_basic_latin(units) {
        // ASCII: one byte per unit, and no surrogate to check.
        budget.take(units.len() as u64)?;
        let mut out = vec![0u8; units.len()];
        encoding_rs::mem::convert_utf16_to_latin1_lossy(units, &mut out);
        // SAFETY: every unit is below 0x80, so every byte written is ASCII, which is UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(out) });
    }
    let valid = encoding_rs::mem::utf16_valid_up_to(units) == units.len();
    if !valid {
        if strict {
            return Err(Error::InvalidUtf16 { ptr });
        }
        // Lossy with unpaired surrogates (rare): each unit takes at most 3 bytes.
        budget.take((units.len() as u64).saturating_mul(3))?;
        return Ok(decode_worst_case(units));
    }
    let len = utf8_len(units);
    budget.take(len as u64)?;
    let mut out = vec![0u8; len];
    let (read, written) = encoding_rs::mem::convert_utf16_to_utf8_partial(units, &mut out);
    if read != units.len() || written != len {
        // Cannot happen for valid UTF-16; stay correct rather than trust the count.
        return Ok(decode_worst_case(units));
    }
    // SAFETY: `convert_utf16_to_utf8_partial` writes valid UTF-8, and it wrote all `len` bytes.
    Ok(unsafe { String::from_utf8_unchecked(out) })
}

/// The UTF-8 length of valid UTF-16: 1, 2 or 3 bytes per unit, 2 per surrogate (a pair is 4).
/// Branch-free in `u32` lanes, over chunks short enough not to overflow them: it vectorizes.
fn utf8_len(units: &[u16]) -> usize {
    let bytes = |u: u16| 1 + u32::from(u >= 0x80) + u32::from(u >= 0x800) - u32::from(u & 0xF800 == 0xD800);
    units.chunks(1 << 16).map(|c| c.iter().map(|&u| bytes(u)).sum::<u32>() as usize).sum()
}

/// Decodes into a buffer of the worst-case size (3 bytes per unit), then trims it: unpaired
/// surrogates become U+FFFD.
fn decode_worst_case(units: &[u16]) -> String {
    let mut out = "\0".repeat(units.len() * 3);
    let written = encoding_rs::mem::convert_utf16_to_str(units, &mut out);
    out.truncate(written);
    out.shrink_to_fit();
    out
}
