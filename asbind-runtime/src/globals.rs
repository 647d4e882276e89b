//! Exported wasm globals read and written as Rust values ([`GlobalValue`]).

use crate::ctx::Ctx;
use crate::error::{Error, Result};

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

impl<D: 'static> Ctx<'_, D> {
    /// Reads an exported global as `T` (`i32`, `u32`, `i64`, `u64`, `f32` or `f64`).
    pub fn get_global<T: GlobalValue>(&mut self, global: &wasmtime::Global) -> Result<T> {
        let store = self.store();
        let v = global.get(&mut *store);
        T::from_val(&v).ok_or_else(|| {
            Error::InvalidValue(format!("global holds {:?}, not {}", v.ty(&*store), std::any::type_name::<T>()))
        })
    }

    /// Writes an exported mutable global.
    pub fn set_global<T: GlobalValue>(&mut self, global: &wasmtime::Global, value: T) -> Result<()> {
        global.set(self.store(), value.to_val()).map_err(|e| Error::InvalidValue(format!("cannot set global: {e:#}")))
    }
}
