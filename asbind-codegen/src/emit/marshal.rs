//! Expressions that move values across the boundary, written against a `cx: asbind::Ctx` in
//! scope: lifting a pointer to an owned Rust value, lowering a Rust value to a new pointer.
//! Both recurse through nullable types and arrays, following the declared array kinds all the
//! way down (so nested arrays lift without the module's RTTI too). Their own locals are
//! `__`-prefixed, which no AssemblyScript name becomes (`crate::names`), so they never shadow a
//! parameter.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{element, scalar};
use crate::model::{Model, Ty};

fn kind(ty: &Ty) -> TokenStream {
    match ty {
        Ty::TypedArray(_) => quote!(::asbind::ArrayKind::TypedArray),
        Ty::StaticArray(_) => quote!(::asbind::ArrayKind::StaticArray),
        _ => quote!(::asbind::ArrayKind::Array),
    }
}

/// Whether elements of type `ty` are array-likes (possibly nullable), whose layout only the
/// declared kind gives without RTTI. Strings, records and classes lift the same either way.
fn holds_arrays(ty: &Ty) -> bool {
    match ty {
        Ty::ArrayBuffer | Ty::TypedArray(_) | Ty::Array(_) | Ty::StaticArray(_) => true,
        Ty::Nullable(t) => holds_arrays(t),
        _ => false,
    }
}

/// An expression of the owned Rust type of `ty`, lifted from the pointer expression `ptr`.
/// Uses `?`, so it must sit in a function returning `asbind::Result`.
pub fn lift(model: &Model, ty: &Ty, ptr: TokenStream) -> TokenStream {
    match ty {
        Ty::String => quote!(cx.lift_string(#ptr)?),
        Ty::ArrayBuffer => quote!(cx.lift_array_buffer(#ptr)?),
        Ty::TypedArray(t) => {
            let e = scalar(t.element());
            let k = kind(ty);
            quote!(cx.lift_vec_as::<#e>(#ptr, #k)?)
        }
        Ty::Array(e) | Ty::StaticArray(e) => {
            let k = kind(ty);
            if holds_arrays(e) {
                // Arrays of arrays: each element lifted by its declared kind (a `Vec<Vec<T>>`
                // lifted as one type would find the inner kinds in the RTTI, which a module
                // built without `--exportRuntime` does not have).
                let item = lift(model, e, quote!(__p));
                quote!(cx.lift_vec_with(#ptr, #k, |cx, __p| ::std::result::Result::Ok(#item))?)
            } else {
                let e = element(model, e);
                quote!(cx.lift_vec_as::<#e>(#ptr, #k)?)
            }
        }
        Ty::Nullable(inner) => {
            let some = lift(model, inner, quote!(__p));
            quote!({
                let __p: u32 = #ptr;
                if __p == 0 { ::std::option::Option::None } else { ::std::option::Option::Some(#some) }
            })
        }
        Ty::Record(_) | Ty::Class(_) => {
            let t = element(model, ty);
            quote!(cx.lift::<#t>(#ptr)?)
        }
        // Unknown class (classic `usize`): a handle, or `None` for null.
        Ty::Any => quote!(cx.lift::<::std::option::Option<::asbind::AnyRef>>(#ptr)?),
        Ty::Void | Ty::Scalar(_) | Ty::Raw(_) => ptr,
    }
}

/// `cx.array_id::<T>(kind)?`, or with the glue's id as a hint when the model has one.
fn id_expr(model: &Model, ty: &Ty, elem: TokenStream) -> TokenStream {
    let k = kind(ty);
    match model.array_id(ty) {
        Some(id) => {
            let id = proc_macro2::Literal::u32_unsuffixed(id);
            quote!(cx.array_id_hint::<#elem>(#k, #id)?)
        }
        None => quote!(cx.array_id::<#elem>(#k)?),
    }
}

/// A `u32` pointer expression: `value` (an expression that dereferences to the parameter,
/// element or owned form of `ty`) lowered into the module. The pointer is unpinned.
pub fn lower(model: &Model, ty: &Ty, value: TokenStream) -> TokenStream {
    match ty {
        Ty::String => quote!(cx.lower_str(#value)?),
        Ty::ArrayBuffer => quote!(cx.lower_array_buffer(#value)?),
        Ty::TypedArray(t) => {
            let id = id_expr(model, ty, scalar(t.element()));
            quote!({
                let __id = #id;
                cx.lower_typed_array(#value, __id)?
            })
        }
        Ty::Array(e) | Ty::StaticArray(e) => {
            let elem_ty = element(model, e);
            let id = id_expr(model, ty, elem_ty);
            let is_static = matches!(ty, Ty::StaticArray(_));
            match &**e {
                Ty::Scalar(_) => {
                    let f = if is_static { quote!(lower_static_array) } else { quote!(lower_array) };
                    quote!({
                        let __id = #id;
                        cx.#f(#value, __id)?
                    })
                }
                inner => {
                    let item = lower(model, inner, quote!(__item));
                    let f = if is_static { quote!(lower_static_array_with) } else { quote!(lower_array_with) };
                    quote!({
                        let __id = #id;
                        cx.#f(#value, __id, |cx, __item| ::std::result::Result::Ok(#item))?
                    })
                }
            }
        }
        Ty::Nullable(inner) => {
            let some = lower(model, inner, quote!(__v));
            quote!(match #value {
                ::std::option::Option::Some(__v) => #some,
                ::std::option::Option::None => 0u32,
            })
        }
        Ty::Record(_) | Ty::Class(_) | Ty::Any => quote!(cx.lower(#value)?),
        Ty::Void | Ty::Scalar(_) | Ty::Raw(_) => value,
    }
}
