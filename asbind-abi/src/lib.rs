//! The AssemblyScript host ABI as data, shared by asbind's runtime, generator and CLI.
//!
//! Everything a host and a binding generator must agree on about AssemblyScript 0.18 – 0.28 is
//! stated here once: the object header and the built-in layouts ([`layout`]), the RTTI flags
//! ([`flags`]), what differs between compiler generations and how to tell them apart
//! ([`generation`], [`rtti`]), the runtime interface exports ([`exports`]), the standard
//! imports a module may ask for ([`imports`]), the wasm proposals asbind runs ([`features`]), the fingerprint bindings check modules with ([`fingerprint`]) and the paths of the built-in classes
//! ([`classes`]). The crate has no dependencies and does no I/O;
//! memory is read through the small [`Memory`] trait so the same code works on a live instance
//! and on a module's initial memory image.
//!
//! The facts follow `AS_ABI.md` (section numbers are given where they are used).

#![warn(missing_docs)]

pub mod classes;
pub mod exports;
pub mod features;
pub mod fingerprint;
pub mod flags;
pub mod generation;
pub mod imports;
pub mod layout;
pub mod rtti;

pub use generation::Generation;
pub use rtti::{Memory, Rtti};
