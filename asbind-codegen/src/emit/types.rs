//! Rust types and conversions for model types: what a parameter, a result, a field or a slice
//! element looks like in the generated API, and how scalars cross to and from wasm values.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::astype::{Scalar, WasmType};
use crate::model::{Field, Model, Ty};

/// An identifier, raw (`r#type`) when it is a keyword ([`crate::names::ident`]: never panics).
pub fn ident(name: &str) -> Ident {
    crate::names::ident(name)
}

/// The Rust type of a scalar.
pub fn scalar(s: Scalar) -> TokenStream {
    match s {
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 | Scalar::Isize => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::U8 => quote!(u8),
        Scalar::U16 => quote!(u16),
        Scalar::U32 | Scalar::Usize => quote!(u32),
        Scalar::U64 => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
    }
}

fn raw(w: WasmType) -> TokenStream {
    match w {
        WasmType::I32 | WasmType::Ref => quote!(i32),
        WasmType::I64 => quote!(i64),
        WasmType::F32 => quote!(f32),
        WasmType::F64 => quote!(f64),
        WasmType::V128 => quote!(::asbind::wasmtime::V128),
    }
}

/// The Rust type a value travels as in a typed wasm function (`TypedFunc<P, R>`): signedness
/// chosen so that the scalar conversions below are plain casts.
pub fn wasm(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Void => quote!(()),
        Ty::Scalar(s) => match s {
            Scalar::Bool | Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::Isize => quote!(i32),
            Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::Usize => quote!(u32),
            Scalar::I64 => quote!(i64),
            Scalar::U64 => quote!(u64),
            Scalar::F32 => quote!(f32),
            Scalar::F64 => quote!(f64),
        },
        Ty::Raw(w) => raw(*w),
        _ => quote!(u32),
    }
}

/// `value` (a Rust scalar) as its wasm representation.
pub fn to_wasm(ty: &Ty, value: TokenStream) -> TokenStream {
    match ty {
        Ty::Scalar(Scalar::Bool | Scalar::I8 | Scalar::I16) => quote!(#value as i32),
        Ty::Scalar(Scalar::U8 | Scalar::U16) => quote!(#value as u32),
        _ => value,
    }
}

/// `value` (a wasm representation) as the Rust scalar.
pub fn from_wasm(ty: &Ty, value: TokenStream) -> TokenStream {
    match ty {
        Ty::Scalar(Scalar::Bool) => quote!(#value != 0),
        Ty::Scalar(Scalar::I8) => quote!(#value as i8),
        Ty::Scalar(Scalar::I16) => quote!(#value as i16),
        Ty::Scalar(Scalar::U8) => quote!(#value as u8),
        Ty::Scalar(Scalar::U16) => quote!(#value as u16),
        _ => value,
    }
}

/// Where a type appears, which decides between borrowed and owned forms.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A method parameter: borrowed (`&str`, `&[T]`, `&Record`).
    Param,
    /// An element of a parameter slice: `&str` for strings, owned otherwise.
    Element,
    /// A result, field or element of a result: owned.
    Owned,
}

/// The Rust type of `ty` at `pos`.
pub fn rust(model: &Model, ty: &Ty, pos: Position) -> TokenStream {
    let owned = |t: &Ty| rust(model, t, Position::Owned);
    let elem = |t: &Ty| rust(model, t, if pos == Position::Owned { Position::Owned } else { Position::Element });
    match ty {
        Ty::Void => quote!(()),
        Ty::Scalar(s) => scalar(*s),
        Ty::Raw(w) => raw(*w),
        Ty::String => match pos {
            Position::Owned => quote!(::std::string::String),
            _ => quote!(&str),
        },
        Ty::ArrayBuffer => match pos {
            Position::Param => quote!(&[u8]),
            _ => quote!(::std::vec::Vec<u8>),
        },
        Ty::TypedArray(t) => {
            let e = scalar(t.element());
            match pos {
                Position::Param => quote!(&[#e]),
                _ => quote!(::std::vec::Vec<#e>),
            }
        }
        Ty::Array(e) | Ty::StaticArray(e) => match pos {
            Position::Param => {
                let e = elem(e);
                quote!(&[#e])
            }
            _ => {
                let e = owned(e);
                quote!(::std::vec::Vec<#e>)
            }
        },
        Ty::Nullable(t) => {
            let inner = rust(model, t, pos);
            quote!(::std::option::Option<#inner>)
        }
        Ty::Record(i) => {
            let name = ident(&model.records[*i].name);
            match pos {
                Position::Param => quote!(&#name),
                _ => quote!(#name),
            }
        }
        Ty::Class(i) => {
            let name = ident(&model.classes[*i].name);
            match pos {
                Position::Param => quote!(&#name),
                _ => quote!(#name),
            }
        }
        Ty::Any => match pos {
            Position::Param => quote!(&::asbind::AnyRef),
            _ => quote!(::std::option::Option<::asbind::AnyRef>),
        },
    }
}

/// The Rust type of a record field: its owned type, with the record boxed when the field
/// closes a cycle of records (`Box<T>`, `Option<Box<T>>`).
pub fn field(model: &Model, f: &Field) -> TokenStream {
    match (&f.ty, f.boxed) {
        (Ty::Record(_), true) => {
            let t = rust(model, &f.ty, Position::Owned);
            quote!(::std::boxed::Box<#t>)
        }
        (Ty::Nullable(inner), true) => {
            let t = rust(model, inner, Position::Owned);
            quote!(::std::option::Option<::std::boxed::Box<#t>>)
        }
        _ => rust(model, &f.ty, Position::Owned),
    }
}

/// The element type argument for `array_id::<T>` (any `asbind::Element`).
pub fn element(model: &Model, ty: &Ty) -> TokenStream {
    rust(model, ty, Position::Owned)
}
