//! Model → Rust tokens. The generated code names everything through `::asbind::...`, so user
//! imports cannot shadow it, and calls exports resolved once at instantiation.
//!
//! Every name it shows comes from the model, allocated by `model/naming.rs`; the locals of its
//! method bodies are `__`-prefixed (`__exports`, `__target`, `__r`, `__argc`, `__v`), a prefix
//! no allocated name has, so parameters named `exports` or `target` cannot shadow them. The
//! context `cx` is the one unprefixed local: it is reserved in every parameter scope.

mod marshal;
mod types;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::input::exports::instance_member;
use crate::input::section::Slot;
use crate::model::{Artifact, Embed, Enum, Function, Global, Import, MemberKind, Model, Precompiled, Record, Ty};
use types::{Position, from_wasm, ident, rust, to_wasm, wasm};

pub use types::ident as rust_ident;

/// Attributes every generated item carries: generated code is not linted in the user's crate.
fn allow() -> TokenStream {
    quote!(#[allow(clippy::all, unused, non_snake_case, non_camel_case_types)])
}

fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}

/// Emits the bindings for `model`.
pub fn emit(model: &Model, embed: &Embed) -> TokenStream {
    let records = model.records.iter().map(|r| record(model, r));
    let classes = model.classes.iter().enumerate().map(|(i, c)| {
        let decl = class(model, c);
        let members: Vec<TokenStream> = model
            .functions
            .iter()
            .filter(|f| f.member.as_ref().is_some_and(|m| m.class == i))
            .map(|f| method(model, f))
            .chain(model.globals.iter().filter(|g| g.member == Some(i)).map(|g| global_methods(model, g)))
            .collect();
        let name = ident(&c.name);
        let allow = allow();
        let members = (!members.is_empty()).then(|| {
            quote! {
                /// Constructor, methods, fields and statics (wrappers added by the `asbind-classes` transform).
                #allow
                impl #name {
                    #(#members)*
                }
            }
        });
        quote!(#decl #members)
    });
    let enums = model.enums.iter().map(enumeration);
    let host = host_trait(model);
    let module = module(model, embed);
    quote! {
        #(#records)*
        #(#classes)*
        #(#enums)*
        #host
        #module
    }
}

/// How class members name the generated module: its generics for a method signature and its
/// type (`Module`, or `Module<H>` when the module has a [`Host`] trait).
fn module_type(model: &Model) -> (TokenStream, TokenStream) {
    if has_host(model) { (quote!(<H: Host>), quote!(Module<H>)) } else { (quote!(), quote!(Module)) }
}

/// Whether the module imports anything the user provides: then it has a [`Host`] trait.
fn has_host(model: &Model) -> bool {
    !model.imports.is_empty() || !model.import_globals.is_empty()
}

/// An opaque class: a handle type that keeps its object pinned, is its own `Kind` (so the
/// runtime checks ids when lifting) and converts to its base classes.
fn class(model: &Model, c: &crate::model::Class) -> TokenStream {
    let allow = allow();
    let (generics, module_ty) = module_type(model);
    let name = ident(&c.name);
    let path = &c.class;
    let ids = c.accepts.iter().map(|id| Literal::u32_unsuffixed(*id));
    // Every other class the bindings know (records included) is not this one.
    let others = model
        .classes
        .iter()
        .map(|x| x.id)
        .chain(model.records.iter().map(|r| r.id))
        .filter(|id| !c.accepts.contains(id))
        .map(Literal::u32_unsuffixed);
    let d = doc(&format!(
        "AssemblyScript class `{}` (runtime id {}): a handle that keeps the object alive while any clone of it lives.",
        crate::diag::decode(path),
        c.id
    ));
    let complete = c.complete.then(|| {
        quote!(
            const COMPLETE: bool = true;
        )
    });
    let upcasts = c.bases.iter().filter_map(|b| model.classes.iter().find(|x| x.id == *b)).map(|base| {
        let base_name = ident(&base.name);
        let d = doc(&format!("A `{}` is a `{}`.", c.name, base.name));
        quote! {
            #d
            #allow
            impl ::asbind::__internal::SubclassOf<#base_name> for #name {}
            #allow
            impl ::std::convert::From<#name> for #base_name {
                fn from(value: #name) -> #base_name {
                    #base_name(value.0.upcast())
                }
            }
        }
    });
    quote! {
        #d
        #allow
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #name(::asbind::Ref<#name>);
        #allow
        impl ::asbind::kinds::Class for #name {
            const NAME: &'static str = #path;
            const IDS: &'static [u32] = &[#(#ids),*];
            #complete
            const OTHERS: &'static [u32] = &[#(#others),*];
        }
        #allow
        impl #name {
            /// The pinned handle.
            pub fn handle(&self) -> &::asbind::Ref<#name> {
                &self.0
            }
            /// The object's address in the module's memory (valid while this handle lives).
            pub fn ptr(&self) -> u32 {
                self.0.ptr()
            }
            /// The same object as a handle of unknown class, for parameters a classic module
            /// declares as `usize`.
            pub fn any(&self) -> ::asbind::AnyRef {
                self.0.clone().erase()
            }
            /// Wraps a pointer the module handed out (e.g. from a raw call), after checking its
            /// runtime type: this class or a subclass. The object is pinned from now on.
            pub fn wrap #generics(m: &mut #module_ty, ptr: u32) -> ::asbind::Result<Self> {
                m.instance.ctx().lift_ref::<#name>(ptr).map(#name)
            }
        }
        #allow
        impl ::std::convert::From<#name> for ::asbind::Ref<#name> {
            fn from(value: #name) -> Self {
                value.0
            }
        }
        #allow
        impl ::asbind::Lift for #name {
            fn describe() -> ::std::string::String {
                ::std::string::String::from(#path)
            }
            fn lift<D: 'static>(cx: &mut ::asbind::Ctx<'_, D>, p: u32) -> ::asbind::Result<Self> {
                cx.lift_ref::<#name>(p).map(#name)
            }
        }
        #allow
        impl ::asbind::Lower for #name {
            fn lower<D: 'static>(&self, cx: &mut ::asbind::Ctx<'_, D>) -> ::asbind::Result<u32> {
                self.0.ptr_in(cx)
            }
        }
        ::asbind::impl_reference_element!(#name);
        #(#upcasts)*
    }
}

fn record(model: &Model, r: &Record) -> TokenStream {
    let allow = allow();
    let name = ident(&r.name);
    let path = &r.class;
    let id = Literal::u32_unsuffixed(r.id);
    let d = doc(&format!("AssemblyScript record `{path}` (runtime id {}, {} bytes), copied by value.", r.id, r.size));
    let fields = r.fields.iter().map(|f| {
        let n = ident(&f.name);
        let t = types::field(model, f);
        let d = doc(&format!("`{}: {}` at offset {}", f.as_name, f.doc, f.offset));
        quote!(#d pub #n: #t)
    });
    // Lifting copies the record's bytes once (one bounds check) and decodes every field from
    // the copy; lowering encodes the scalars into a payload written whole, then stores the
    // pointer fields one by one while the record is pinned.
    let range = |f: &crate::model::Field, size: u32| {
        let (start, end) = (f.offset as usize, (f.offset + size) as usize);
        quote!(#start..#end)
    };
    let slot = |f: &crate::model::Field| match &f.ty {
        Ty::Scalar(s) => (types::scalar(*s), range(f, s.size())),
        _ => (quote!(u32), range(f, 4)),
    };
    let reads = r.fields.iter().map(|f| {
        let n = ident(&f.name);
        let (t, at) = slot(f);
        let raw = quote!(<#t as ::asbind::Scalar>::from_le(&__b[#at]));
        let value = match &f.ty {
            Ty::Scalar(_) => raw,
            ty => marshal::lift(model, ty, raw),
        };
        let value = match (&f.ty, f.boxed) {
            (Ty::Record(_), true) => quote!(::std::boxed::Box::new(#value)),
            (Ty::Nullable(_), true) => quote!((#value).map(::std::boxed::Box::new)),
            _ => value,
        };
        quote!(#n: #value)
    });
    let scalar_writes = r.fields.iter().filter(|f| matches!(f.ty, Ty::Scalar(_))).map(|f| {
        let n = ident(&f.name);
        let (t, at) = slot(f);
        quote!(<#t as ::asbind::Scalar>::to_le(self.#n, &mut __b[#at]);)
    });
    let ref_writes: Vec<TokenStream> = r
        .fields
        .iter()
        .filter(|f| !matches!(f.ty, Ty::Scalar(_)))
        .map(|f| {
            let n = ident(&f.name);
            let off = Literal::u32_unsuffixed(f.offset);
            let ptr = marshal::lower(model, &f.ty, quote!(&self.#n));
            quote! {
                let q: u32 = #ptr;
                cx.write::<u32>(p + #off, q)?;
            }
        })
        .collect();
    let size_usize = Literal::usize_unsuffixed(r.size as usize);
    let lower_body = if ref_writes.is_empty() {
        quote!(cx.lower_flat_record(#id, &__b))
    } else {
        quote! {
            cx.lower_object(#id, &__b, |cx, p| {
                #(#ref_writes)*
                ::std::result::Result::Ok(())
            })
        }
    };
    // No `Default` for a record whose every value is infinite (a cycle of non-nullable fields).
    let derive = if r.default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    quote! {
        #d
        #allow
        #derive
        pub struct #name {
            #(#fields,)*
        }
        #allow
        impl ::asbind::Lift for #name {
            fn describe() -> ::std::string::String {
                ::std::string::String::from(#path)
            }
            fn lift<D: 'static>(cx: &mut ::asbind::Ctx<'_, D>, p: u32) -> ::asbind::Result<Self> {
                // One nesting level: a cyclic or very deep structure fails with `TooDeep`.
                cx.nested(|cx| {
                    let __b: [u8; #size_usize] = cx.record_bytes(p, &[#id], #path)?;
                    ::std::result::Result::Ok(#name { #(#reads,)* })
                })
            }
        }
        #allow
        impl ::asbind::Lower for #name {
            fn lower<D: 'static>(&self, cx: &mut ::asbind::Ctx<'_, D>) -> ::asbind::Result<u32> {
                let mut __b = [0u8; #size_usize];
                #(#scalar_writes)*
                #lower_body
            }
        }
        ::asbind::impl_reference_element!(#name);
    }
}

/// An enum. All-constant: `#[repr(i32)]` with the values, aliases as associated constants,
/// `TryFrom<i32>` and `From<Enum> for i32`. With start-time members: names only, the values
/// are read from an instance (`Module::<enum>_value`, `<enum>_member`; see [`enum_lookup`]).
fn enumeration(e: &Enum) -> TokenStream {
    let allow = allow();
    let name = ident(&e.name);
    let as_name = &e.as_name;
    if let Some(lookup) = &e.lookup {
        let d = doc(&format!(
            "AssemblyScript enum `{as_name}`, whose values are computed when the module starts: they are\nread from an instance with [`Module::{}`] (and back with [`Module::{}`]).",
            lookup.value, lookup.member
        ));
        let variants = e.members.iter().map(|m| {
            let v = ident(&m.name);
            let d = match m.value {
                Some(value) => doc(&format!("`{as_name}.{}` (= {value} in the wasm)", m.as_name)),
                None => doc(&format!("`{as_name}.{}` (computed at start-up)", m.as_name)),
            };
            quote!(#d #v)
        });
        let all = e.members.iter().map(|m| {
            let v = ident(&m.name);
            quote!(#name::#v)
        });
        return quote! {
            #d
            #allow
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants,)*
            }
            #allow
            impl #name {
                /// Every member, in declaration order.
                pub const MEMBERS: &'static [#name] = &[#(#all),*];
            }
        };
    }
    let d = doc(&format!("AssemblyScript enum `{as_name}`."));
    let primary = || e.members.iter().filter(|m| m.alias_of.is_none());
    let variants = primary().map(|m| {
        let v = ident(&m.name);
        let value = Literal::i32_unsuffixed(m.value.unwrap_or_default());
        let d = doc(&format!("`{as_name}.{}` = {value}", m.as_name));
        quote!(#d #v = #value)
    });
    let aliases: Vec<TokenStream> = e
        .members
        .iter()
        .filter_map(|m| {
            let of = &e.members[m.alias_of?];
            let (c, v) = (ident(&m.name), ident(&of.name));
            let value = m.value.unwrap_or_default();
            let d =
                doc(&format!("`{as_name}.{}` = {value}, an alias of [`{}`](Self::{}).", m.as_name, of.name, of.name));
            Some(quote!(#d pub const #c: #name = #name::#v;))
        })
        .collect();
    let aliases = (!aliases.is_empty()).then(|| {
        quote! {
            /// Members with the value of an earlier member.
            #allow
            impl #name {
                #(#aliases)*
            }
        }
    });
    let arms = primary().map(|m| {
        let v = ident(&m.name);
        let value = Literal::i32_unsuffixed(m.value.unwrap_or_default());
        quote!(#value => ::std::result::Result::Ok(#name::#v))
    });
    quote! {
        #d
        #allow
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(i32)]
        pub enum #name {
            #(#variants,)*
        }
        #aliases
        #allow
        impl ::std::convert::TryFrom<i32> for #name {
            type Error = ::asbind::Error;
            fn try_from(value: i32) -> ::asbind::Result<Self> {
                match value {
                    #(#arms,)*
                    other => ::std::result::Result::Err(::asbind::Error::InvalidValue(
                        ::std::format!("{} is not a member of enum {}", other, #as_name),
                    )),
                }
            }
        }
        #allow
        impl ::std::convert::From<#name> for i32 {
            fn from(value: #name) -> i32 {
                value as i32
            }
        }
    }
}

/// The module methods of an enum with start-time members: a member's value in this instance,
/// and the member with a value.
fn enum_lookup(e: &Enum) -> TokenStream {
    let Some(lookup) = &e.lookup else { return TokenStream::new() };
    let name = ident(&e.name);
    let as_name = &e.as_name;
    let (value_fn, member_fn) = (ident(&lookup.value), ident(&lookup.member));
    let arms = e.members.iter().map(|m| {
        let (v, field) = (ident(&m.name), ident(&m.field));
        quote!(#name::#v => &__exports.#field)
    });
    let all = e.members.iter().map(|m| {
        let v = ident(&m.name);
        quote!(#name::#v)
    });
    let d_value = doc(&format!(
        "The value of a member of enum `{as_name}` in this instance (read from its global, which the\nmodule's start function may have computed)."
    ));
    let d_member =
        doc(&format!("The member of enum `{as_name}` with `value` in this instance (the first, if several have it)."));
    quote! {
        #d_value
        pub fn #value_fn(&mut self, member: #name) -> ::asbind::Result<i32> {
            let __exports = &self.exports;
            let __global = match member {
                #(#arms,)*
            };
            let mut cx = self.instance.ctx();
            cx.get_global::<i32>(__global)
        }
        #d_member
        pub fn #member_fn(&mut self, value: i32) -> ::asbind::Result<#name> {
            for __member in [#(#all),*] {
                if self.#value_fn(__member)? == value {
                    return ::std::result::Result::Ok(__member);
                }
            }
            ::std::result::Result::Err(::asbind::Error::InvalidValue(
                ::std::format!("{} is not a member of enum {}", value, #as_name),
            ))
        }
    }
}

/// `(A, B)` / `A` / `()` for a list of types, as wasmtime's typed functions take them.
fn tuple(items: &[TokenStream]) -> TokenStream {
    match items {
        [one] => one.clone(),
        many => quote!((#(#many),*)),
    }
}

fn host_trait(model: &Model) -> TokenStream {
    if !has_host(model) {
        return TokenStream::new();
    }
    let allow = allow();
    let methods = model.imports.iter().map(|imp| {
        let name = ident(&imp.name);
        let params = imp.params.iter().zip(&imp.param_names).map(|(t, n)| {
            let a = ident(n);
            let t = host_param(model, t);
            quote!(#a: #t)
        });
        let result = rust(model, &imp.result, Position::Owned);
        let d = doc(&format!("Import `{}.{}`: {}", imp.module, imp.field, imp.doc));
        quote!(#d fn #name(&mut self #(, #params)*) -> ::asbind::HostResult<#result>;)
    });
    let globals = model.import_globals.iter().map(|g| {
        let name = ident(&g.name);
        let t = wasm(&Ty::Raw(g.ty));
        let d = doc(&format!(
            "Value of the imported global `{}.{}` ({}), read once at instantiation.",
            g.module, g.field, g.ty
        ));
        quote!(#d fn #name(&self) -> #t;)
    });
    let d = doc(&format!(
        "The functions `{}` imports from its host, with AssemblyScript types lifted.\n\nThe standard `env` imports (`abort`, `trace`, `seed`, `Date.now`, `console.*`, ...) are\nprovided by `asbind` and can be overridden through `asbind::Imports`.",
        model.name
    ));
    quote! {
        #d
        #allow
        pub trait Host: ::std::marker::Send + 'static {
            #(#methods)*
            #(#globals)*
        }
    }
}

/// How an import parameter reaches the trait method: strings and arrays borrowed.
fn host_param(model: &Model, ty: &Ty) -> TokenStream {
    match ty {
        Ty::String | Ty::ArrayBuffer | Ty::TypedArray(_) | Ty::Array(_) | Ty::StaticArray(_) => {
            rust(model, ty, Position::Param)
        }
        Ty::Nullable(inner) if **inner == Ty::String => quote!(::std::option::Option<&str>),
        _ => rust(model, ty, Position::Owned),
    }
}

fn host_arg(ty: &Ty, value: TokenStream) -> TokenStream {
    match ty {
        Ty::String | Ty::ArrayBuffer | Ty::TypedArray(_) | Ty::Array(_) | Ty::StaticArray(_) => quote!(&#value),
        Ty::Nullable(inner) if **inner == Ty::String => quote!(#value.as_deref()),
        _ => value,
    }
}

fn register_import(model: &Model, imp: &Import) -> TokenStream {
    let module = &imp.module;
    let field = &imp.field;
    let method = ident(&imp.name);
    let args: Vec<_> = imp.param_names.iter().map(|n| ident(n)).collect();
    let arg_decls = imp.params.iter().zip(&args).map(|(t, a)| {
        let w = wasm(t);
        quote!(#a: #w)
    });
    let lifts = imp.params.iter().zip(&args).map(|(t, a)| {
        let value = if t.is_reference() { marshal::lift(model, t, quote!(#a)) } else { from_wasm(t, quote!(#a)) };
        quote!(let #a = #value;)
    });
    let pass = imp.params.iter().zip(&args).map(|(t, a)| host_arg(t, quote!(#a)));
    let result_w = wasm(&imp.result);
    let ret = match &imp.result {
        Ty::Void => quote!(::std::result::Result::Ok(())),
        t if t.is_reference() => {
            let p = marshal::lower(model, t, quote!(&__r));
            quote!(::std::result::Result::Ok(#p))
        }
        t => {
            let v = to_wasm(t, quote!(__r));
            quote!(::std::result::Result::Ok(#v))
        }
    };
    // Linked once per module (`Module::pre_with`): the closure reaches the host through `cx`.
    quote! {
        __pre.func(#module, #field, |cx: &mut ::asbind::Ctx<'_, H>, #(#arg_decls),*| -> ::asbind::HostResult<#result_w> {
            #(#lifts)*
            let __r = cx.data_mut().#method(#(#pass),*)?;
            #ret
        })?;
    }
}

/// A method calling export `f`: on the module (`member == None`), or on a class handle, where
/// the module comes in as `m` and, for instance members, the object is `self`.
fn method(model: &Model, f: &Function) -> TokenStream {
    let (generics, module_ty) = module_type(model);
    let member = f.member.as_ref();
    let has_self = member.is_some_and(|m| m.kind.has_self());
    let classic = member.is_some_and(|m| m.classic);
    // Leading wasm parameters that are not Rust parameters: the object, or a classic
    // constructor's `this` (0: allocate).
    let hidden = f.hidden_params();
    let name = ident(f.rust_name());
    let (receiver, m) = match member {
        None => (quote!(&mut self), quote!(self)),
        Some(_) if has_self => (quote!(&self, m: &mut #module_ty), quote!(m)),
        Some(_) => (quote!(m: &mut #module_ty), quote!(m)),
    };
    let generics = if member.is_some() { generics } else { quote!() };
    let field = ident(&f.field);
    let enum_type = |slot| {
        model.enum_at(&f.export, slot).map(|e| {
            let name = ident(&model.enums[e].name);
            quote!(#name)
        })
    };
    let enum_param = |i: usize| enum_type(Slot::Param(i));
    let params: Vec<TokenStream> = f
        .params
        .iter()
        .enumerate()
        .skip(hidden)
        .map(|(i, p)| {
            let n = ident(&p.name);
            let t = enum_param(i).unwrap_or_else(|| rust(model, &p.ty, Position::Param));
            if p.optional { quote!(#n: ::std::option::Option<#t>) } else { quote!(#n: #t) }
        })
        .collect();
    let enum_result = enum_type(Slot::Result);
    let result = enum_result.clone().unwrap_or_else(|| rust(model, &f.result, Position::Owned));
    // Classic members do not count their hidden `this` (AS_ABI §6.3); transform wrappers do
    // count their `self`, which is an ordinary parameter there.
    let counted = if classic { hidden } else { 0 };
    let required = f.params.iter().skip(counted).take_while(|p| !p.optional).count() as u32;
    let optional: Vec<_> = f.params.iter().filter(|p| p.optional).map(|p| ident(&p.name)).collect();
    let varargs = !optional.is_empty();
    let argc =
        varargs.then(|| quote!(let __argc = ::asbind::count_arguments(#required, &[#(#optional.is_some()),*])?;));
    let lowers = f.params.iter().enumerate().map(|(i, p)| {
        let n = ident(&p.name);
        let w = wasm(&p.ty);
        let is_enum = enum_param(i).is_some();
        let convert = |v: TokenStream| {
            if is_enum {
                quote!(::std::primitive::i32::from(#v))
            } else if p.ty.is_reference() {
                marshal::lower(model, &p.ty, v)
            } else {
                to_wasm(&p.ty, v)
            }
        };
        let value = if has_self && i == 0 {
            // The object itself.
            quote!(cx.lower(self)?)
        } else if hidden == 1 && i == 0 {
            quote!(0)
        } else if p.optional {
            let some = convert(quote!(__v));
            quote!(match #n { ::std::option::Option::Some(__v) => #some, ::std::option::Option::None => <#w as ::std::default::Default>::default() })
        } else {
            convert(quote!(#n))
        };
        // Earlier reference arguments stay pinned while later ones are allocated (AS_ABI §8.9).
        // Handles are pinned already (by the `Ref` the caller lends for the call).
        let later_allocates = f.params[i + 1..].iter().any(|q| q.ty.needs_allocation());
        let hold = (p.ty.needs_allocation() && later_allocates).then(|| quote!(cx.hold(#n)?;));
        if n == value.to_string() {
            return TokenStream::new();
        }
        quote! {
            let #n: #w = #value;
            #hold
        }
    });
    let args: Vec<TokenStream> = f
        .params
        .iter()
        .map(|p| {
            let n = ident(&p.name);
            quote!(#n)
        })
        .collect();
    let args = tuple(&args);
    let set_argc = varargs.then(|| quote!(cx.set_arguments_length(__argc)?;));
    let lowers: Vec<TokenStream> = lowers.collect();
    // With an argument held for the call, lowering runs inside `lower_args`, which releases
    // what it held if a later argument fails (the call that would release it never happens).
    let holds = f
        .params
        .iter()
        .enumerate()
        .any(|(i, p)| p.ty.needs_allocation() && f.params[i + 1..].iter().any(|q| q.ty.needs_allocation()));
    let lowering = if holds {
        quote! {
            let #args = cx.lower_args(|cx| {
                #(#lowers)*
                #set_argc
                ::std::result::Result::Ok(#args)
            })?;
        }
    } else {
        quote! {
            #(#lowers)*
            #set_argc
        }
    };
    let target = classic_dispatch(model, f).unwrap_or_else(|| quote!(&__exports.#field));
    let body_result = match &f.result {
        _ if enum_result.is_some() => {
            quote!(::std::result::Result::Ok(<#enum_result as ::std::convert::TryFrom<i32>>::try_from(__r)?))
        }
        Ty::Void => quote!(::std::result::Result::Ok(__r)),
        t if t.is_reference() => {
            let v = marshal::lift(model, t, quote!(__r));
            quote!(::std::result::Result::Ok(#v))
        }
        t => {
            let v = from_wasm(t, quote!(__r));
            quote!(::std::result::Result::Ok(#v))
        }
    };
    let mut text = f.doc.clone();
    if varargs {
        text.push_str("\n\n`None` for an optional parameter uses its AssemblyScript default; only trailing\nparameters can be left out.");
    }
    let d = doc(&text);
    let view = f.view.as_ref().zip(view_element(&f.result)).map(|(view, (elem, kind))| {
        // The slice borrows the module: a member's view names that lifetime (`&self` would
        // take it otherwise).
        let (view_generics, view_receiver, out) = match member {
            None => (quote!(), quote!(&mut self), quote!(&mut [#elem])),
            Some(_) => {
                let host = has_host(model).then(|| quote!(, H: Host));
                let m_param = quote!(m: &'__m mut #module_ty);
                let receiver = if has_self { quote!(&self, #m_param) } else { m_param };
                (quote!(<'__m #host>), receiver, quote!(&'__m mut [#elem]))
            }
        };
        let view_name = ident(view);
        let d = doc(&format!(
            "Like [`{}`](Self::{}), but borrows the result in the module's memory instead of copying it:\nwrites through the slice are seen by the module, and no call can happen while it lives.",
            f.rust_name(),
            f.rust_name()
        ));
        quote! {
            #d
            pub fn #view_name #view_generics(#view_receiver #(, #params)*) -> ::asbind::Result<#out> {
                #argc
                let __r = {
                    let __exports = &#m.exports;
                    let mut cx = #m.instance.ctx();
                    #lowering
                    let __target = #target;
                    cx.call(__target, #args)?
                };
                #m.instance.view_mut_as::<#elem>(__r, #kind)
            }
        }
    });
    quote! {
        #d
        pub fn #name #generics(#receiver #(, #params)*) -> ::asbind::Result<#result> {
            #argc
            let __exports = &#m.exports;
            let mut cx = #m.instance.ctx();
            #lowering
            let __target = #target;
            let __r = cx.call(__target, #args)?;
            #body_result
        }
        #view
    }
}

/// Classic `C#method` exports are each class's own implementation (no virtual call): for an
/// object of a subclass that overrides the method, call the subclass's export instead, chosen
/// by the object's runtime id (most derived class first).
fn classic_dispatch(model: &Model, f: &Function) -> Option<TokenStream> {
    let mem = f.member.as_ref().filter(|m| m.classic && m.kind == MemberKind::Method)?;
    let suffix = instance_member(&f.export)?;
    let base = &model.classes[mem.class];
    let mut overrides: Vec<(&crate::model::Class, &Function)> = model
        .functions
        .iter()
        .filter_map(|g| {
            let gm =
                g.member.as_ref().filter(|gm| gm.classic && gm.kind == MemberKind::Method && gm.class != mem.class)?;
            let sub = &model.classes[gm.class];
            (instance_member(&g.export)? == suffix && g.sig == f.sig && base.accepts.contains(&sub.id))
                .then_some((sub, g))
        })
        .collect();
    if overrides.is_empty() {
        return None;
    }
    overrides.sort_by_key(|(sub, _)| std::cmp::Reverse(sub.bases.len()));
    let this = ident(&f.params.first()?.name);
    let own = ident(&f.field);
    let arms = overrides.iter().map(|(sub, g)| {
        let ids = sub.accepts.iter().map(|id| Literal::u32_unsuffixed(*id));
        let field = ident(&g.field);
        quote!(__id if [#(#ids),*].contains(&__id) => &__exports.#field)
    });
    Some(quote! {
        match cx.type_info(#this)?.id {
            #(#arms,)*
            _ => &__exports.#own,
        }
    })
}

/// For results that can be borrowed in place: the element type and the array kind.
fn view_element(ty: &Ty) -> Option<(TokenStream, TokenStream)> {
    use crate::astype::Scalar;
    match ty {
        Ty::TypedArray(t) => Some((types::scalar(t.element()), quote!(::asbind::ArrayKind::TypedArray))),
        Ty::Array(e) | Ty::StaticArray(e) => match **e {
            Ty::Scalar(Scalar::Bool) => None,
            Ty::Scalar(s) => {
                let kind = if matches!(ty, Ty::Array(_)) {
                    quote!(::asbind::ArrayKind::Array)
                } else {
                    quote!(::asbind::ArrayKind::StaticArray)
                };
                Some((types::scalar(s), kind))
            }
            _ => None,
        },
        _ => None,
    }
}

fn global_methods(model: &Model, g: &Global) -> TokenStream {
    // A classic static field (`C.f`) is a static of class `C`'s handle type.
    let (module_generics, module_ty) = module_type(model);
    let (receiver, m, generics) = match &g.member {
        Some(_) => (quote!(m: &mut #module_ty), quote!(m), module_generics),
        None => (quote!(&mut self), quote!(self), quote!()),
    };
    let name = ident(&g.name);
    let field = ident(&g.field);
    let t = rust(model, &g.ty, Position::Owned);
    let w = wasm(&g.ty);
    let value =
        if g.ty.is_reference() { marshal::lift(model, &g.ty, quote!(__r)) } else { from_wasm(&g.ty, quote!(__r)) };
    let d = doc(&format!("Reads global `{}: {}`.", g.export, g.doc));
    let get = quote! {
        #d
        pub fn #name #generics(#receiver) -> ::asbind::Result<#t> {
            let __exports = &#m.exports;
            let mut cx = #m.instance.ctx();
            let __r: #w = cx.get_global(&__exports.#field)?;
            ::std::result::Result::Ok(#value)
        }
    };
    let Some(setter) = g.setter.as_ref().filter(|_| g.mutable) else {
        return get;
    };
    let setter = ident(setter);
    let p = rust(model, &g.ty, Position::Param);
    let lower =
        if g.ty.is_reference() { marshal::lower(model, &g.ty, quote!(value)) } else { to_wasm(&g.ty, quote!(value)) };
    let d = doc(&format!("Writes global `{}: {}`.", g.export, g.doc));
    quote! {
        #get
        #d
        pub fn #setter #generics(#receiver, value: #p) -> ::asbind::Result<()> {
            let __exports = &#m.exports;
            let mut cx = #m.instance.ctx();
            let __v: #w = #lower;
            cx.set_global(&__exports.#field, __v)
        }
    }
}

fn module(model: &Model, embed: &Embed) -> TokenStream {
    let allow = allow();
    let has_host = has_host(model);
    let data = if has_host { quote!(H) } else { quote!(()) };
    let (generics, _) = module_type(model);
    let ty_generics = if has_host { quote!(<H>) } else { quote!() };

    let func_fields = model.functions.iter().map(|f| {
        let field = ident(&f.field);
        let p: Vec<TokenStream> = f.params.iter().map(|p| wasm(&p.ty)).collect();
        let p = tuple(&p);
        let r = wasm(&f.result);
        quote!(#field: ::asbind::wasmtime::TypedFunc<#p, #r>)
    });
    let func_inits = model.functions.iter().map(|f| {
        let field = ident(&f.field);
        let export = &f.export;
        quote!(#field: instance.func(#export)?)
    });
    // The globals, and the members of enums computed at start-up.
    let enum_members = || model.enums.iter().filter(|e| e.lookup.is_some()).flat_map(|e| &e.members);
    let global_exports: Vec<(&str, &str)> = model
        .globals
        .iter()
        .map(|g| (g.field.as_str(), g.export.as_str()))
        .chain(enum_members().map(|m| (m.field.as_str(), m.export.as_str())))
        .collect();
    let global_fields = global_exports.iter().map(|(field, _)| {
        let field = ident(field);
        quote!(#field: ::asbind::wasmtime::Global)
    });
    let global_inits = global_exports.iter().map(|(field, export)| {
        let field = ident(field);
        quote!(#field: instance.global(#export)?)
    });
    let enum_lookups = model.enums.iter().map(enum_lookup);
    let methods = model.functions.iter().filter(|f| f.member.is_none()).map(|f| method(model, f));
    let globals = model.globals.iter().filter(|g| g.member.is_none()).map(|g| global_methods(model, g));
    let registrations = model.imports.iter().map(|i| register_import(model, i));
    let global_values = model.import_globals.iter().map(|g| {
        let (module, field, name) = (&g.module, &g.field, ident(&g.name));
        quote!(imports = imports.global(#module, #field, Host::#name(&host));)
    });
    // `--exportStart`: nothing works until the start export has run (AS_ABI §5.1).
    let start = model.start.as_ref().map(|name| quote!(instance.call_start(#name)?;));

    // Checked before anything is resolved: a module of another build fails with one clear error.
    let check = {
        let fp = Literal::u64_suffixed(crate::model::fingerprint(model));
        let funcs = model.functions.iter().map(|f| &f.export);
        let globals = model.globals.iter().map(|g| &g.export);
        let source = model.source();
        let regenerate = match embed {
            Embed::Runtime => format!("regenerate them with `asbind gen {source}`"),
            Embed::Bytes(_) | Embed::Precompiled(_) => {
                "they embed their own module (`Module::new()`); for another module, generate bindings for it".into()
            }
        };
        quote!(module.check_bindings(#fp, &[#(#funcs),*], &[#(#globals),*], #source, #regenerate)?;)
    };
    let (host_param, host_arg) = if has_host { (quote!(host: H,), quote!(host,)) } else { (quote!(), quote!()) };
    let host_doc = if has_host { "`host` implements the module's imports ([`Host`]); " } else { "" };
    let d_file = doc(&format!("Loads and instantiates the module from a `.wasm` file; {host_doc}standard imports."));
    let d_bytes = doc(&format!("Compiles and instantiates the module from wasm bytes; {host_doc}standard imports."));
    // Every front door has these; bindings that embed their module add `new`, `with_options`,
    // `compiled`, `compiled_with`, `wasm` and `precompiled`.
    let from_source = quote! {
        #d_file
        pub fn from_file(path: impl ::std::convert::AsRef<::std::path::Path>, #host_param) -> ::asbind::Result<Self> {
            Self::from_module(&::asbind::Module::from_file(path)?, #host_arg ::asbind::Imports::new())
        }

        #d_bytes
        pub fn from_bytes(bytes: &[u8], #host_param) -> ::asbind::Result<Self> {
            Self::from_module(&::asbind::Module::new(bytes)?, #host_arg ::asbind::Imports::new())
        }
    };
    let embedded_constructors = match embed {
        Embed::Bytes(wasm) => Some(embedded(wasm, None, host_doc, &host_param, &host_arg, &data)),
        Embed::Precompiled(p) => Some(embedded(&p.wasm, Some(p), host_doc, &host_param, &host_arg, &data)),
        Embed::Runtime => None,
    };
    let constructors = quote!(#embedded_constructors #from_source);
    // The host's functions are linked once per module and bindings (`Module::pre_with`, keyed
    // by this type); without them the standard imports' linking is shared (`Module::pre`).
    let pre = if model.imports.is_empty() {
        quote!(let __pre = module.pre::<#data>()?;)
    } else {
        quote! {
            let __pre = module.pre_with::<Self, #data>(|__pre: &mut ::asbind::InstancePre<#data>| -> ::asbind::Result<()> {
                #(#registrations)*
                ::std::result::Result::Ok(())
            })?;
        }
    };
    let from_module_doc = doc(&format!(
        "Instantiates an already compiled module with `imports` (the standard ones are always there,\n\
         and `imports` can override them{}).\n\n\
         The module's imports are linked on its first instance and kept with it (`asbind::Module::pre`),\n\
         so further instances of the same `asbind::Module` (or its clones) only create their own store.",
        if model.imports.is_empty() { "" } else { " and the host's functions" }
    ));
    let host_accessors = has_host.then(|| {
        quote! {
            /// The host implementation of the module's imports.
            pub fn host(&self) -> &H {
                self.instance.data()
            }
            /// The host implementation of the module's imports, mutably.
            pub fn host_mut(&mut self) -> &mut H {
                self.instance.data_mut()
            }
        }
    });
    // The instance's user data: the host, or `()`.
    let host_data = if has_host { quote!(host) } else { quote!(()) };
    let module_doc = {
        let mut text = format!("The AssemblyScript module `{}`, instantiated, with one method per export.", model.name);
        if let Some(dts) = &model.dts_path {
            text.push_str(&format!(
                "\n\nGenerated by asbind from `{}` and `{}`.",
                file_name(&model.wasm_path),
                file_name(dts)
            ));
        }
        for w in &model.warnings {
            text.push_str(&format!("\n\nWarning: {}: {}.", file_name(&w.file), w.message));
        }
        for note in &model.notes {
            text.push_str(&format!("\n\nNote: {note}."));
        }
        doc(&text)
    };
    quote! {
        #module_doc
        #allow
        pub struct Module #generics {
            instance: ::asbind::Instance<#data>,
            exports: Exports,
        }

        /// Exports resolved once, at instantiation.
        #allow
        struct Exports {
            #(#func_fields,)*
            #(#global_fields,)*
        }

        #allow
        impl #generics Module #ty_generics {
            #constructors

            #from_module_doc
            pub fn from_module(module: &::asbind::Module, #host_param mut imports: ::asbind::Imports<#data>) -> ::asbind::Result<Self> {
                #check
                #pre
                #(#global_values)*
                let mut instance = __pre.instantiate(imports, #host_data)?;
                #start
                let exports = Exports {
                    #(#func_inits,)*
                    #(#global_inits,)*
                };
                ::std::result::Result::Ok(Module { instance, exports })
            }

            /// The underlying instance: memory views, `collect`, pin counts, raw calls.
            pub fn instance(&self) -> &::asbind::Instance<#data> {
                &self.instance
            }

            /// The underlying instance, mutably.
            pub fn instance_mut(&mut self) -> &mut ::asbind::Instance<#data> {
                &mut self.instance
            }

            /// Runs a full garbage collection in the module.
            pub fn collect(&mut self) -> ::asbind::Result<()> {
                self.instance.collect()
            }

            #host_accessors

            #(#methods)*

            #(#globals)*

            #(#enum_lookups)*
        }
    }
}

/// The constructors of bindings that embed their module (`wasm`, `precompiled`, `compiled`,
/// `compiled_with`, `new`, `with_options`), with the artifact `precompiled` when there is one.
fn embedded(
    wasm: &std::path::Path,
    precompiled: Option<&Precompiled>,
    host_doc: &str,
    host_param: &TokenStream,
    host_arg: &TokenStream,
    data: &TokenStream,
) -> TokenStream {
    let wasm = wasm.to_string_lossy().to_string();
    let d_new = doc(&format!("Instantiates the embedded module: {host_doc}standard imports by default."));
    let d_opts =
        doc(&format!("Instantiates the embedded module with `imports` (console sink, seed, overrides); {host_doc}"));
    let (artifact_const, load, load_with) = match precompiled {
        None => (
            quote! {
                    /// The embedded module precompiled at build time: none (built without asbind's
                    /// `precompile` feature), so [`compiled`](Self::compiled) compiles [`wasm`](Self::wasm).
                    pub fn precompiled() -> ::std::option::Option<&'static [u8]> {
                ::std::option::Option::None
            }
                },
            quote!(::asbind::Module::new(Self::wasm())?),
            quote!(::asbind::Module::with_engine(engine, Self::wasm())),
        ),
        Some(p) => (precompiled_const(p), precompiled_load(), precompiled_load_with()),
    };
    let d_compiled = if precompiled.is_some() {
        "The embedded module, loaded once per process: from [`precompiled`](Self::precompiled) when\n\
         it matches this wasmtime, its configuration and this CPU, else compiled from\n\
         [`wasm`](Self::wasm) (why is logged at debug level; `is_precompiled()` tells which)."
    } else {
        "The embedded module, compiled once per process."
    };
    let d_compiled = doc(d_compiled);
    quote! {
        /// The embedded wasm bytes (a function, so that the docs do not print them).
        pub fn wasm() -> &'static [u8] {
            ::std::include_bytes!(#wasm)
        }

        #artifact_const

        #d_compiled
        pub fn compiled() -> ::asbind::Result<::asbind::Module> {
            static COMPILED: ::std::sync::OnceLock<::asbind::Module> = ::std::sync::OnceLock::new();
            if let ::std::option::Option::Some(m) = COMPILED.get() {
                return ::std::result::Result::Ok(m.clone());
            }
            let m = #load;
            ::std::result::Result::Ok(COMPILED.get_or_init(|| m).clone())
        }

        /// The embedded module for `engine` (one configured for fuel or epoch deadlines, say:
        /// start from `asbind::engine_config()`), compiled on every call (or loaded from
        /// [`precompiled`](Self::precompiled) when it was made with the same configuration):
        /// keep it, and instantiate it with [`from_module`](Self::from_module).
        pub fn compiled_with(engine: &::asbind::wasmtime::Engine) -> ::asbind::Result<::asbind::Module> {
            #load_with
        }

        #d_new
        pub fn new(#host_param) -> ::asbind::Result<Self> {
            Self::with_options(#host_arg ::asbind::Imports::new())
        }

        #d_opts
        pub fn with_options(#host_param imports: ::asbind::Imports<#data>) -> ::asbind::Result<Self> {
            Self::from_module(&Self::compiled()?, #host_arg imports)
        }
    }
}

/// `precompiled()` for an embedded artifact: `Some(bytes)` on the target it was made for (when
/// the generator cannot tell, `None` elsewhere).
fn precompiled_const(p: &Precompiled) -> TokenStream {
    let bytes = match &p.artifact {
        Artifact::File(path) => {
            let path = path.to_string_lossy().to_string();
            quote!(::std::include_bytes!(#path))
        }
        Artifact::Inline(bytes) => {
            let lit = Literal::byte_string(bytes);
            quote!(#lit)
        }
    };
    let d_some = doc("The embedded module precompiled at build time by wasmtime (`asbind::Module::precompile`),\n\
         which [`compiled`](Self::compiled) loads instead of compiling [`wasm`](Self::wasm) when it\n\
         matches.");
    if p.only_for.is_empty() {
        return quote! {
            #d_some
            pub fn precompiled() -> ::std::option::Option<&'static [u8]> {
            ::std::option::Option::Some(#bytes)
        }
        };
    }
    let conds: Vec<TokenStream> = p
        .only_for
        .iter()
        .map(|(k, v)| {
            let k = ident(k);
            quote!(#k = #v)
        })
        .collect();
    quote! {
        #d_some
        #[cfg(all(#(#conds),*))]
        pub fn precompiled() -> ::std::option::Option<&'static [u8]> {
            ::std::option::Option::Some(#bytes)
        }
        /// The embedded module precompiled at build time: none for this target (it was
        /// precompiled for the machine that built it), so [`compiled`](Self::compiled) compiles
        /// [`wasm`](Self::wasm).
        #[cfg(not(all(#(#conds),*)))]
        pub fn precompiled() -> ::std::option::Option<&'static [u8]> {
            ::std::option::Option::None
        }
    }
}

/// `compiled_with(engine)`'s loading with an embedded artifact.
fn precompiled_load_with() -> TokenStream {
    quote! {
        match Self::precompiled() {
            // SAFETY: as in `compiled`: asbind's own build output for `wasm()`, used only if its
            // key matches `wasm()` and this engine.
            #[allow(unsafe_code)]
            ::std::option::Option::Some(artifact) => unsafe {
                ::asbind::Module::from_precompiled_with_engine(engine, artifact, Self::wasm())
            },
            ::std::option::Option::None => ::asbind::Module::with_engine(engine, Self::wasm()),
        }
    }
}

/// `compiled()`'s loading with an embedded artifact.
fn precompiled_load() -> TokenStream {
    quote! {
        match Self::precompiled() {
            // SAFETY: `precompiled()` is asbind's own build output for `wasm()` (made by
            // `asbind::Module::precompile` when this crate was built) and embedded in this
            // binary: never input from elsewhere. `from_precompiled` hands it to wasmtime only if
            // its key matches `wasm()`, this wasmtime, its configuration and this CPU, and else
            // compiles `wasm()`.
            #[allow(unsafe_code)]
            ::std::option::Option::Some(artifact) => unsafe { ::asbind::Module::from_precompiled(artifact, Self::wasm())? },
            ::std::option::Option::None => ::asbind::Module::new(Self::wasm())?,
        }
    }
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}
