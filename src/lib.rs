//! asbind: use AssemblyScript WebAssembly modules from Rust.
//!
//! This facade re-exports the runtime ([`asbind_runtime`]): [`Module`], [`Instance`],
//! [`Imports`], [`Ctx`] for lifting and lowering values, [`Ref`] handles and the [`Error`]
//! type. The binding generator (`asbind::include!`, `asbind gen`, a `build.rs` builder) will
//! emit code against exactly this API.
//!
//! See the README for a tour.

#![warn(missing_docs)]

pub use asbind_runtime::*;

/// Generates typed bindings for an AssemblyScript module at compile time; see the macro's docs.
pub use asbind_macro::include;
