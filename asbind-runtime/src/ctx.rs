//! [`Ctx`]: access to one instance's memory and runtime from the host, shared by generated
//! export wrappers and by import functions. Lifting (wasm → Rust) and lowering (Rust → wasm) of
//! every value kind live here, on top of a few bounds-checked primitives.

use std::sync::Arc;

use wasmtime::{AsContext, AsContextMut, Memory, StoreContextMut, TypedFunc, WasmParams, WasmResults};

use asbind_abi::exports::{COLLECT, MEMORY, NEW, PIN, RTTI_BASE, SET_ARGUMENTS_LENGTH, UNPIN};
use asbind_abi::layout::{
    ARRAY_LENGTH_OFFSET, ARRAY_SIZE, BUFFER_OFFSET, BYTE_LENGTH_OFFSET, DATA_START_OFFSET, POINTER_ALIGN_LOG2,
    STRING_UNIT_LOG2, TYPED_ARRAY_SIZE,
};

use crate::abi::{Abi, flags, value_align};
use crate::error::{Error, Result};
use crate::handle::Ref;
use crate::instance::{HostState, Runtime, Utf16};
use crate::memory::{MemoryReader, byte_len, checked_range, element_addr};
use crate::pins::Pins;
use crate::types::{Element, Kind, Lift, Lower, Scalar, TypeInfo};

/// A host-side context on one instance: its store, memory and runtime exports.
///
/// Made by [`Instance::ctx`](crate::Instance::ctx) for calls, and handed to import functions.
/// References lowered as call arguments can be held with [`hold`](Self::hold); they are
/// released when the next [`call`](Self::call) returns, even if that call fails (and, if
/// lowering failed before the call, after the instance's next call).
pub struct Ctx<'a, D: 'static = ()> {
    store: StoreContextMut<'a, HostState<D>>,
}

/// A Rust type a wasm global can be read as.
pub trait GlobalValue: Sized {
    /// Converts from a wasm value of the matching type.
    fn from_val(v: &wasmtime::Val) -> Option<Self>;
    /// Converts to a wasm value.
    fn to_val(self) -> wasmtime::Val;
}

macro_rules! global_value {
    ($($t:ty => $get:ident, $variant:ident as $wasm:ty;)*) => {$(
        impl GlobalValue for $t {
            fn from_val(v: &wasmtime::Val) -> Option<Self> {
                v.$get().map(|x| x as $t)
            }
            fn to_val(self) -> wasmtime::Val {
                wasmtime::Val::$variant((self as $wasm).into())
            }
        }
    )*};
}

global_value! {
    i32 => i32, I32 as i32;
    u32 => i32, I32 as i32;
    i64 => i64, I64 as i64;
    u64 => i64, I64 as i64;
}

impl GlobalValue for f32 {
    fn from_val(v: &wasmtime::Val) -> Option<Self> {
        v.f32()
    }
    fn to_val(self) -> wasmtime::Val {
        wasmtime::Val::F32(self.to_bits())
    }
}

impl GlobalValue for f64 {
    fn from_val(v: &wasmtime::Val) -> Option<Self> {
        v.f64()
    }
    fn to_val(self) -> wasmtime::Val {
        wasmtime::Val::F64(self.to_bits())
    }
}

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

    fn from_flags(f: u32) -> Option<Self> {
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
    /// Whether the elements are `T`s (always assumed without an RTTI table).
    pub fn holds<T: Element>(&self) -> bool {
        self.flags == 0 || flags::element_bits(self.flags) == T::VALUE_FLAGS
    }
}

impl<'a, D: 'static> Ctx<'a, D> {
    pub(crate) fn new(store: StoreContextMut<'a, HostState<D>>) -> Self {
        Ctx { store }
    }

    fn rt(&self) -> &Runtime {
        &self.store.data().rt
    }

    pub(crate) fn owns(&self, pins: &Arc<Pins>) -> bool {
        Arc::ptr_eq(&self.rt().pins, pins)
    }

    /// The ABI (generation, RTTI location) of this instance.
    pub fn abi(&self) -> Abi {
        self.rt().abi
    }

    /// The user data given at instantiation.
    pub fn data(&self) -> &D {
        &self.store.data().data
    }

    /// The user data given at instantiation, mutably.
    pub fn data_mut(&mut self) -> &mut D {
        &mut self.store.data_mut().data
    }

    /// The underlying wasmtime store context (escape hatch).
    pub fn store(&mut self) -> &mut StoreContextMut<'a, HostState<D>> {
        &mut self.store
    }

    fn memory(&self) -> Result<Memory> {
        self.rt().memory.ok_or(Error::Export { name: MEMORY.into(), reason: "the module exports no memory".into() })
    }

    /// A bounds-checked reader over the current memory. Re-obtain it after every call into the
    /// module: memory can grow (and move) on any call.
    pub fn reader(&self) -> Result<MemoryReader<'_>> {
        Ok(MemoryReader::new(self.memory()?.data(&self.store)))
    }

    fn bytes_mut(&mut self, addr: u32, len: u32) -> Result<&mut [u8]> {
        let mem = self.memory()?;
        let data = mem.data_mut(&mut self.store);
        let range = checked_range(data.len(), addr, len)?;
        Ok(&mut data[range])
    }

    // ---- primitives ------------------------------------------------------------------------

    /// Reads one scalar at `addr`.
    pub fn read<T: Scalar>(&self, addr: u32) -> Result<T> {
        Ok(T::from_le(self.reader()?.slice(addr, 1 << T::ALIGN_LOG2)?))
    }

    /// Writes one scalar at `addr`.
    pub fn write<T: Scalar>(&mut self, addr: u32, value: T) -> Result<()> {
        value.to_le(self.bytes_mut(addr, 1 << T::ALIGN_LOG2)?);
        Ok(())
    }

    /// Copies `bytes` to `addr`.
    pub fn write_bytes(&mut self, addr: u32, bytes: &[u8]) -> Result<()> {
        let len = u32::try_from(bytes.len()).map_err(|_| Error::TooLarge(format!("{} bytes", bytes.len())))?;
        self.bytes_mut(addr, len)?.copy_from_slice(bytes);
        Ok(())
    }

    /// The type of the object at `ptr`: its runtime id and RTTI flags.
    pub fn type_info(&self, ptr: u32) -> Result<TypeInfo> {
        type_info_in(&self.reader()?, self.abi(), ptr)
    }

    fn wrong_type(&self, ptr: u32, expected: impl Into<String>) -> Error {
        let found = self.reader().and_then(|m| m.rt_id(ptr)).unwrap_or(u32::MAX);
        Error::WrongType { ptr, expected: expected.into(), found }
    }

    // ---- calls and the runtime interface ----------------------------------------------------

    fn runtime_fn<F: Clone>(
        &self,
        f: impl Fn(&Runtime) -> &Option<F>,
        name: &'static str,
        needed_for: &'static str,
    ) -> Result<F> {
        f(self.rt()).clone().ok_or(Error::MissingRuntimeExport { name, needed_for })
    }

    /// Unpins objects whose last handle was dropped since the previous call.
    pub fn flush_released(&mut self) -> Result<()> {
        if !self.rt().pins.has_released() {
            return Ok(());
        }
        let ptrs = self.rt().pins.take_released();
        let unpin = self.runtime_fn(|r| &r.unpin, UNPIN, "unpinning a dropped handle")?;
        for ptr in ptrs {
            unpin.call(&mut self.store, ptr).map_err(Error::from_call)?;
        }
        Ok(())
    }

    /// Calls an export (resolved once, at instantiation), then releases the references held
    /// for this call. Traps and aborts come back as [`Error`]s.
    pub fn call<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        self.flush_released()?;
        // Take this call's held arguments first: a nested call from an import function must
        // not release them.
        if self.rt().held.is_empty() {
            return func.call(&mut self.store, args).map_err(Error::from_call);
        }
        let held = std::mem::take(&mut self.store.data_mut().rt.held);
        let result = func.call(&mut self.store, args).map_err(Error::from_call);
        let released = self.release_all(held);
        let value = result?;
        released?;
        Ok(value)
    }

    /// Sets the number of arguments actually passed to the next call of an export with
    /// optional parameters (`__setArgumentsLength`). Call it right before [`call`](Self::call),
    /// after lowering the arguments: lowering calls into the module and may clobber it.
    pub fn set_arguments_length(&mut self, n: u32) -> Result<()> {
        let f = self.runtime_fn(
            |r| &r.set_arguments_length,
            SET_ARGUMENTS_LENGTH,
            "calling an export with optional parameters",
        )?;
        f.call(&mut self.store, n as i32).map_err(Error::from_call)
    }

    /// Allocates a managed object of `size` bytes with runtime id `id`, zero-filled (the minimal
    /// and stub runtimes do not zero). The pointer is unpinned: store or pin it before the
    /// next allocation.
    pub fn alloc(&mut self, size: u32, id: u32) -> Result<u32> {
        let ptr = self.alloc_unfilled(size, id)?;
        self.bytes_mut(ptr, size)?.fill(0);
        Ok(ptr)
    }

    /// Like [`alloc`](Self::alloc) without zeroing, for payloads the caller overwrites whole
    /// before anything else can run.
    fn alloc_unfilled(&mut self, size: u32, id: u32) -> Result<u32> {
        self.flush_released()?;
        let new = self.runtime_fn(|r| &r.new, NEW, "passing a managed value into the module")?;
        let ptr = new.call(&mut self.store, (size, id)).map_err(Error::from_call)?;
        if ptr == 0 {
            return Err(Error::InvalidValue("__new returned null".into()));
        }
        // Validates that the whole payload lies in memory.
        self.bytes_mut(ptr, size)?;
        Ok(ptr)
    }

    /// Pins `ptr` for the host (once per object, reference-counted). Null is a no-op.
    pub fn pin(&mut self, ptr: u32) -> Result<()> {
        if ptr == 0 {
            return Ok(());
        }
        let pins = self.rt().pins.clone();
        if pins.acquire(ptr) {
            let pin = match self.runtime_fn(|r| &r.pin, PIN, "keeping an object alive") {
                Ok(f) => f,
                Err(e) => {
                    pins.forget(ptr);
                    return Err(e);
                }
            };
            if let Err(e) = pin.call(&mut self.store, ptr) {
                pins.forget(ptr);
                return Err(Error::from_call(e));
            }
        }
        Ok(())
    }

    /// Releases one [`pin`](Self::pin) of `ptr` now.
    pub fn unpin(&mut self, ptr: u32) -> Result<()> {
        if ptr != 0 && self.rt().pins.release(ptr) {
            let unpin = self.runtime_fn(|r| &r.unpin, UNPIN, "releasing an object")?;
            unpin.call(&mut self.store, ptr).map_err(Error::from_call)?;
        }
        Ok(())
    }

    /// Pins `ptr` until the next [`call`](Self::call) returns: how earlier reference arguments
    /// survive the allocations of later ones (AS_ABI §8.9).
    pub fn hold(&mut self, ptr: u32) -> Result<u32> {
        if ptr != 0 {
            self.pin(ptr)?;
            self.store.data_mut().rt.held.push(ptr);
        }
        Ok(ptr)
    }

    fn release_all(&mut self, ptrs: Vec<u32>) -> Result<()> {
        let mut first_err = Ok(());
        for ptr in ptrs {
            if let Err(e) = self.unpin(ptr) {
                first_err = first_err.and(Err(e));
            }
        }
        first_err
    }

    /// Runs a full garbage collection (`__collect`).
    pub fn collect(&mut self) -> Result<()> {
        self.flush_released()?;
        let f = self.runtime_fn(|r| &r.collect, COLLECT, "collecting garbage")?;
        f.call(&mut self.store, ()).map_err(Error::from_call)
    }

    // ---- lifting ----------------------------------------------------------------------------

    /// Lifts any [`Lift`] type from `ptr`.
    pub fn lift<T: Lift>(&mut self, ptr: u32) -> Result<T> {
        T::lift(self, ptr)
    }

    fn non_null(&self, ptr: u32, what: impl FnOnce() -> String) -> Result<u32> {
        if ptr == 0 { Err(Error::Null(what())) } else { Ok(ptr) }
    }

    fn string_bytes(&self, ptr: u32) -> Result<&[u8]> {
        self.non_null(ptr, || "~lib/string/String".into())?;
        let mem = self.reader()?;
        if mem.rt_id(ptr)? != self.abi().string_id() {
            return Err(self.wrong_type(ptr, "~lib/string/String"));
        }
        let size = mem.rt_size(ptr)? & !((1 << STRING_UNIT_LOG2) - 1);
        mem.slice(ptr, size)
    }

    /// Lifts a string with the instance's UTF-16 policy (strict by default).
    pub fn lift_string(&mut self, ptr: u32) -> Result<String> {
        let strict = self.rt().utf16 == Utf16::Strict;
        decode_utf16(self.string_bytes(ptr)?, strict, ptr)
    }

    /// Lifts a string, replacing unpaired surrogates with U+FFFD.
    pub fn lift_string_lossy(&mut self, ptr: u32) -> Result<String> {
        decode_utf16(self.string_bytes(ptr)?, false, ptr)
    }

    /// Lifts a string, failing with [`Error::InvalidUtf16`] on an unpaired surrogate.
    pub fn lift_string_strict(&mut self, ptr: u32) -> Result<String> {
        decode_utf16(self.string_bytes(ptr)?, true, ptr)
    }

    /// Lifts a string's raw UTF-16 code units (lossless, for WTF-16 content).
    pub fn lift_utf16(&mut self, ptr: u32) -> Result<Vec<u16>> {
        Ok(u16::decode_all(self.string_bytes(ptr)?))
    }

    /// Copies an `ArrayBuffer`'s bytes.
    pub fn lift_array_buffer(&mut self, ptr: u32) -> Result<Vec<u8>> {
        self.non_null(ptr, || "~lib/arraybuffer/ArrayBuffer".into())?;
        let mem = self.reader()?;
        if mem.rt_id(ptr)? != self.abi().array_buffer_id() {
            return Err(self.wrong_type(ptr, "~lib/arraybuffer/ArrayBuffer"));
        }
        Ok(mem.slice(ptr, mem.rt_size(ptr)?)?.to_vec())
    }

    /// Locates the elements of an `Array<T>`, typed array or `StaticArray<T>` (AS_ABI §3.3).
    ///
    /// The layout comes from the module's RTTI; a `declared` kind must agree with it. Modules
    /// without an RTTI table (built without `--exportRuntime`) need the `declared` kind, and
    /// `align` (log2 of the element size) is then taken on trust.
    pub fn array_like(&self, ptr: u32, declared: Option<ArrayKind>, align: u32) -> Result<ArrayLike> {
        locate_array(&self.reader()?, self.abi(), ptr, declared, align)
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
    pub fn read_pointer_elements<T: Lift>(&mut self, addr: u32, n: usize) -> Result<Vec<T>> {
        let ptrs: Vec<u32> = u32::decode_all(self.reader()?.slice(addr, byte_len(n, POINTER_ALIGN_LOG2)?)?);
        ptrs.into_iter().map(|p| T::lift(self, p)).collect()
    }

    /// Reads a pointer field at `addr` and lifts it.
    pub fn read_lift<T: Lift>(&mut self, addr: u32) -> Result<T> {
        let ptr = self.read::<u32>(addr)?;
        T::lift(self, ptr)
    }

    /// Checks that `ptr` is a non-null object whose id is one of `ids` and whose payload is at
    /// least `size` bytes: the guard before reading a record's fields.
    pub fn expect_object(&self, ptr: u32, ids: &[u32], size: u32, name: &str) -> Result<()> {
        self.non_null(ptr, || name.to_string())?;
        let mem = self.reader()?;
        if !ids.contains(&mem.rt_id(ptr)?) {
            return Err(self.wrong_type(ptr, name));
        }
        if mem.rt_size(ptr)? < size {
            return Err(Error::InvalidValue(format!("{name} at {ptr:#x} is smaller than its {size}-byte layout")));
        }
        mem.slice(ptr, size)?;
        Ok(())
    }

    /// Makes a pinned handle for the object at `ptr` after checking its kind.
    pub fn lift_ref<K: Kind>(&mut self, ptr: u32) -> Result<Ref<K>> {
        self.non_null(ptr, K::describe)?;
        if !K::matches(self.type_info(ptr)?) {
            return Err(self.wrong_type(ptr, K::describe()));
        }
        self.pin(ptr)?;
        Ok(Ref::from_acquired(ptr, self.rt().pins.clone()))
    }

    /// Another handle to the same object as `r`, as kind `K2` — checked against the object's
    /// runtime type (e.g. a subclass handle as its base class, or `Ref<Object>` back to a class).
    pub fn cast<K: ?Sized, K2: Kind>(&mut self, r: &Ref<K>) -> Result<Ref<K2>> {
        self.convert(r)
    }

    // ---- dynamically typed handles (classic modules: every reference is a `usize`) ---------

    /// A pinned handle to any object (`null` is an error).
    pub fn any(&mut self, ptr: u32) -> Result<crate::AnyRef> {
        self.lift_ref(ptr)
    }

    /// Converts the object behind a handle, checked against its runtime type: to `String`,
    /// `Vec<T>` (any array-like of `T`), a record, or a class handle. `r` may also be an
    /// `Option` of a handle (what classic bindings return): `None` converts to `None` for an
    /// `Option<T>` and is an [`Error::Null`] otherwise.
    pub fn convert<T: Lift, R: crate::handle::AsHandle + ?Sized>(&mut self, r: &R) -> Result<T> {
        let ptr = r.handle_ptr(self)?;
        T::lift(self, ptr)
    }

    /// A new string, pinned as a handle (to pass where a classic module takes a `usize`).
    pub fn new_string(&mut self, s: &str) -> Result<crate::AnyRef> {
        let ptr = self.lower_str(s)?;
        self.lift_ref(ptr)
    }

    /// The loader's `__newArray(id, values)` for scalars: a new object of the array-like class
    /// `id` (its layout — `Array`, typed array or `StaticArray` — read from the RTTI).
    pub fn new_array<T: Scalar>(&mut self, id: u32, values: &[T]) -> Result<crate::AnyRef> {
        let ptr = match self.kind_of_class(id)? {
            ArrayKind::Array => self.lower_array(values, id)?,
            ArrayKind::TypedArray => self.lower_typed_array(values, id)?,
            ArrayKind::StaticArray => self.lower_static_array(values, id)?,
        };
        self.lift_ref(ptr)
    }

    /// `__newArray(id, values)` for references (strings, records, handles): an `Array` or
    /// `StaticArray` of class `id`.
    pub fn new_array_of<T: Lower>(&mut self, id: u32, items: &[T]) -> Result<crate::AnyRef> {
        let ptr = match self.kind_of_class(id)? {
            ArrayKind::Array => self.lower_array_of(items, id)?,
            ArrayKind::StaticArray => self.lower_static_array_with(items, id, |cx, item| item.lower(cx))?,
            ArrayKind::TypedArray => {
                return Err(Error::WrongType { ptr: 0, expected: "an array of references".into(), found: id });
            }
        };
        self.lift_ref(ptr)
    }

    fn kind_of_class(&self, id: u32) -> Result<ArrayKind> {
        let abi = self.abi();
        let flags = abi
            .flags(&self.reader()?, id)
            .ok_or_else(|| Error::UnknownClass(format!("runtime id {id} (no RTTI entry)")))?;
        ArrayKind::from_flags(flags).ok_or_else(|| Error::WrongType {
            ptr: 0,
            expected: "an array, typed array or static array class".into(),
            found: id,
        })
    }

    // ---- lowering ---------------------------------------------------------------------------

    /// Lowers any [`Lower`] value.
    pub fn lower<T: Lower + ?Sized>(&mut self, value: &T) -> Result<u32> {
        value.lower(self)
    }

    /// Allocates a new `String` with the contents of `s`.
    pub fn lower_str(&mut self, s: &str) -> Result<u32> {
        // UTF-16 never needs more code units than UTF-8 has bytes.
        let mut units = std::mem::take(&mut self.store.data_mut().rt.scratch);
        units.clear();
        units.resize(s.len(), 0);
        let n = encoding_rs::mem::convert_str_to_utf16(s, &mut units);
        let result = self.lower_utf16(&units[..n]);
        self.store.data_mut().rt.scratch = units;
        result
    }

    /// Allocates a new `String` from raw UTF-16 code units.
    pub fn lower_utf16(&mut self, units: &[u16]) -> Result<u32> {
        let size = byte_len(units.len(), STRING_UNIT_LOG2)?;
        let ptr = self.alloc_unfilled(size, self.abi().string_id())?;
        u16::encode_all(units, self.bytes_mut(ptr, size)?);
        Ok(ptr)
    }

    /// Allocates a new `ArrayBuffer` holding `bytes`.
    pub fn lower_array_buffer(&mut self, bytes: &[u8]) -> Result<u32> {
        let size = byte_len(bytes.len(), 0)?;
        let ptr = self.alloc_unfilled(size, self.abi().array_buffer_id())?;
        self.write_bytes(ptr, bytes)?;
        Ok(ptr)
    }

    /// Runs `f` with `ptr` pinned, unpinning it afterwards whatever `f` returns.
    fn with_pinned<R>(&mut self, ptr: u32, f: impl FnOnce(&mut Self) -> Result<R>) -> Result<R> {
        self.pin(ptr)?;
        let result = f(self);
        let unpinned = self.unpin(ptr);
        let value = result?;
        unpinned?;
        Ok(value)
    }

    /// Allocates a zeroed object of `size` bytes with id `id`, pins it while `fill` writes its
    /// fields (which may allocate), and returns it unpinned: the shape of record lowering.
    pub fn lower_object(&mut self, size: u32, id: u32, fill: impl FnOnce(&mut Self, u32) -> Result<()>) -> Result<u32> {
        let ptr = self.alloc(size, id)?;
        self.with_pinned(ptr, |cx| fill(cx, ptr))?;
        Ok(ptr)
    }

    /// Lowers `value` and stores the pointer in the pointer field at `addr` (of a pinned object).
    pub fn write_lowered<T: Lower + ?Sized>(&mut self, addr: u32, value: &T) -> Result<()> {
        let ptr = value.lower(self)?;
        self.write::<u32>(addr, ptr)
    }

    /// A backing `ArrayBuffer` of `n` `T`s holding `values` (or zeroed, for pointers stored
    /// later), then a header of `header_size` bytes pointing at it. The buffer stays pinned
    /// until the header holds it.
    fn lower_buffered<T: Scalar>(&mut self, n: usize, id: u32, header_size: u32, values: Option<&[T]>) -> Result<u32> {
        let byte_length = byte_len(n, T::ALIGN_LOG2)?;
        let ab = self.abi().array_buffer_id();
        // Without `values` the buffer will hold pointers: zero it, the GC may scan it.
        let buffer =
            if values.is_some() { self.alloc_unfilled(byte_length, ab)? } else { self.alloc(byte_length, ab)? };
        self.with_pinned(buffer, |cx| {
            if let Some(values) = values {
                cx.encode_at(buffer, values)?;
            }
            let header = cx.alloc(header_size, id)?;
            cx.write::<u32>(header + BUFFER_OFFSET, buffer)?;
            cx.write::<u32>(header + DATA_START_OFFSET, buffer)?;
            cx.write::<u32>(header + BYTE_LENGTH_OFFSET, byte_length)?;
            if header_size == ARRAY_SIZE {
                cx.write::<u32>(header + ARRAY_LENGTH_OFFSET, n as u32)?;
            }
            Ok(header)
        })
    }

    /// Writes `values` packed at `addr`.
    fn encode_at<T: Scalar>(&mut self, addr: u32, values: &[T]) -> Result<()> {
        let len = byte_len(values.len(), T::ALIGN_LOG2)?;
        T::encode_all(values, self.bytes_mut(addr, len)?);
        Ok(())
    }

    /// Allocates a typed array (runtime id `id`, e.g. the module's `Float32Array`) holding
    /// `values`, in one bulk copy.
    pub fn lower_typed_array<T: Scalar>(&mut self, values: &[T], id: u32) -> Result<u32> {
        self.lower_buffered(values.len(), id, TYPED_ARRAY_SIZE, Some(values))
    }

    /// Allocates an `Array<T>` (runtime id `id`) of scalars, in one bulk copy.
    pub fn lower_array<T: Scalar>(&mut self, values: &[T], id: u32) -> Result<u32> {
        self.lower_buffered(values.len(), id, ARRAY_SIZE, Some(values))
    }

    /// Allocates an `Array<T>` (runtime id `id`) of references, lowering each item with
    /// `lower_item` and storing it straight into the pinned backing buffer.
    pub fn lower_array_with<I>(
        &mut self,
        items: &[I],
        id: u32,
        mut lower_item: impl FnMut(&mut Self, &I) -> Result<u32>,
    ) -> Result<u32> {
        // The slots are 4-byte pointers, stored below.
        let header = self.lower_buffered::<u32>(items.len(), id, ARRAY_SIZE, None)?;
        let data = self.read::<u32>(header + DATA_START_OFFSET)?;
        self.store_lowered(header, data, items, &mut lower_item)?;
        Ok(header)
    }

    /// With `owner` pinned, lowers each item and stores its pointer in the slots at `data`:
    /// each child is reachable from a pinned object before the next one is allocated.
    fn store_lowered<I>(
        &mut self,
        owner: u32,
        data: u32,
        items: &[I],
        lower_item: &mut impl FnMut(&mut Self, &I) -> Result<u32>,
    ) -> Result<()> {
        self.with_pinned(owner, |cx| {
            for (i, item) in items.iter().enumerate() {
                let child = lower_item(cx, item)?;
                cx.write::<u32>(element_addr(data, i, POINTER_ALIGN_LOG2)?, child)?;
            }
            Ok(())
        })
    }

    /// Allocates an `Array<T>` (runtime id `id`) of [`Lower`] items (strings, records, refs).
    pub fn lower_array_of<T: Lower>(&mut self, items: &[T], id: u32) -> Result<u32> {
        self.lower_array_with(items, id, |cx, item| item.lower(cx))
    }

    /// Allocates a `StaticArray<T>` (runtime id `id`) of scalars.
    pub fn lower_static_array<T: Scalar>(&mut self, values: &[T], id: u32) -> Result<u32> {
        let len = byte_len(values.len(), T::ALIGN_LOG2)?;
        let ptr = self.alloc_unfilled(len, id)?;
        self.encode_at(ptr, values)?;
        Ok(ptr)
    }

    /// Allocates a `StaticArray<T>` (runtime id `id`) of references.
    pub fn lower_static_array_with<I>(
        &mut self,
        items: &[I],
        id: u32,
        mut lower_item: impl FnMut(&mut Self, &I) -> Result<u32>,
    ) -> Result<u32> {
        let ptr = self.alloc(byte_len(items.len(), POINTER_ALIGN_LOG2)?, id)?;
        self.store_lowered(ptr, ptr, items, &mut lower_item)?;
        Ok(ptr)
    }

    // ---- ids --------------------------------------------------------------------------------

    /// The runtime id of the module's `kind` class with elements `T` (`Array<i32>`,
    /// `Float32Array`, `StaticArray<string>`, ...), found in the RTTI once and cached.
    ///
    /// All arrays of references share one RTTI shape (and one layout and GC visitor), so for
    /// them this is *an* id with the right layout, which is all lowering needs.
    pub fn array_id<T: Element>(&mut self, kind: ArrayKind) -> Result<u32> {
        let key = (kind.flag(), T::VALUE_FLAGS);
        if let Some(&id) = self.rt().array_ids.get(&key) {
            return Ok(id);
        }
        let id = self
            .find_array_id::<T>(kind.flag())
            .ok_or_else(|| Error::UnknownClass(format!("{} of {}", kind.describe(), T::describe_element())))?;
        self.store.data_mut().rt.array_ids.insert(key, id);
        Ok(id)
    }

    /// Like [`array_id`](Self::array_id), but tries `hint` first (the exact id from the
    /// generated glue): used when the module's RTTI confirms it is a `kind` of `T`, so arrays
    /// of references get their precise class (`Array<Point>`, not just any array of pointers).
    pub fn array_id_hint<T: Element>(&mut self, kind: ArrayKind, hint: u32) -> Result<u32> {
        let want = kind.flag() | T::VALUE_FLAGS;
        let abi = self.abi();
        let confirmed =
            self.reader().ok().and_then(|mem| abi.flags(&mem, hint)).is_some_and(|f| f & flags::ARRAY_SHAPE == want);
        if confirmed { Ok(hint) } else { self.array_id::<T>(kind) }
    }

    /// Reads an exported global as `T` (`i32`, `u32`, `i64`, `u64`, `f32` or `f64`).
    pub fn get_global<T: GlobalValue>(&mut self, global: &wasmtime::Global) -> Result<T> {
        let v = global.get(&mut self.store);
        T::from_val(&v).ok_or_else(|| {
            Error::InvalidValue(format!("global holds {:?}, not {}", v.ty(&self.store), std::any::type_name::<T>()))
        })
    }

    /// Writes an exported mutable global.
    pub fn set_global<T: GlobalValue>(&mut self, global: &wasmtime::Global, value: T) -> Result<()> {
        global
            .set(&mut self.store, value.to_val())
            .map_err(|e| Error::InvalidValue(format!("cannot set global: {e:#}")))
    }

    /// The first runtime id whose RTTI describes an array-like of `kind`
    /// (`flags::ARRAY`, `ARRAYBUFFERVIEW` or `STATICARRAY`) with elements `T`.
    ///
    /// Prefer exact ids (from the generated glue or `idof<T>()` exports): all arrays of
    /// references share one RTTI shape, so this finds *an* id with the right layout.
    pub fn find_array_id<T: Element>(&self, kind: u32) -> Option<u32> {
        let abi = self.abi();
        let mem = self.reader().ok()?;
        abi.find_id(&mem, flags::ARRAY_SHAPE, kind | T::VALUE_FLAGS)
    }
}

impl<D: 'static> AsContext for Ctx<'_, D> {
    type Data = HostState<D>;
    fn as_context(&self) -> wasmtime::StoreContext<'_, HostState<D>> {
        self.store.as_context()
    }
}

impl<D: 'static> AsContextMut for Ctx<'_, D> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, HostState<D>> {
        self.store.as_context_mut()
    }
}

/// The type of the object at `ptr`: its runtime id and RTTI flags. With an RTTI table, an id
/// the table does not describe is no valid object.
pub(crate) fn type_info_in(mem: &MemoryReader<'_>, abi: Abi, ptr: u32) -> Result<TypeInfo> {
    let id = mem.rt_id(ptr)?;
    let flags = abi.flags(mem, id);
    if abi.rtti_base.is_some() && flags.is_none() {
        return Err(Error::WrongType { ptr, expected: "a class in the module's RTTI table".into(), found: id });
    }
    Ok(TypeInfo { id, flags, string_id: abi.string_id(), array_buffer_id: abi.array_buffer_id() })
}

fn wrong_type_in(mem: &MemoryReader<'_>, ptr: u32, expected: impl Into<String>) -> Error {
    Error::WrongType { ptr, expected: expected.into(), found: mem.rt_id(ptr).unwrap_or(u32::MAX) }
}

/// Locates the elements of an array-like object (see [`Ctx::array_like`]).
pub(crate) fn locate_array(
    mem: &MemoryReader<'_>,
    abi: Abi,
    ptr: u32,
    declared: Option<ArrayKind>,
    align: u32,
) -> Result<ArrayLike> {
    if ptr == 0 {
        return Err(Error::Null("array".into()));
    }
    let info = type_info_in(mem, abi, ptr)?;
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

/// `ptr + n` for a field of an object the module handed over; overflow is out of bounds.
pub fn offset(ptr: u32, n: u32) -> Result<u32> {
    ptr.checked_add(n).ok_or(Error::OutOfBounds { addr: u64::from(ptr), len: u64::from(n), memory_size: 0 })
}

/// Decodes UTF-16LE bytes (a `String` payload) to UTF-8.
fn decode_utf16(bytes: &[u8], strict: bool, ptr: u32) -> Result<String> {
    // Borrow the code units in place when the payload is aligned (it always is for objects the
    // AssemblyScript allocator made); copy otherwise.
    #[cfg(target_endian = "little")]
    let units: std::borrow::Cow<'_, [u16]> = match bytemuck::try_cast_slice(bytes) {
        Ok(units) => std::borrow::Cow::Borrowed(units),
        Err(_) => std::borrow::Cow::Owned(u16::decode_all(bytes)),
    };
    #[cfg(not(target_endian = "little"))]
    let units: std::borrow::Cow<'_, [u16]> = std::borrow::Cow::Owned(u16::decode_all(bytes));
    if strict && encoding_rs::mem::utf16_valid_up_to(&units) != units.len() {
        return Err(Error::InvalidUtf16 { ptr });
    }
    let mut out = "\0".repeat(units.len() * 3);
    let written = encoding_rs::mem::convert_utf16_to_str(&units, &mut out);
    out.truncate(written);
    Ok(out)
}

impl<D: 'static> std::fmt::Debug for Ctx<'_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("abi", &self.rt().abi).finish_non_exhaustive()
    }
}
