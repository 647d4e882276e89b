//! The asbind runtime: call AssemblyScript modules from Rust on wasmtime.
//!
//! Generated bindings (and hand-written code) use three things:
//!
//! * [`Module`] and [`Instance`]: compile once (or load a module precompiled at build time:
//!   [`Module::precompile`], [`Module::from_precompiled`]), instantiate with default imports
//!   (`abort`, `trace`, `seed`, `Date.now`, `console.*`, ...) plus your own ([`Imports`]); the
//!   imports are linked once per module ([`InstancePre`]), so further instances cost little.
//! * [`Ctx`]: lift values out of the module (`String`, `Vec<T>` of every element kind, records,
//!   [`Ref`] handles) and lower values into it, with the garbage collector kept at bay by a
//!   per-instance pin table.
//! * Views ([`Instance::view`], [`Instance::view_mut`]): borrowed slices of the module's arrays
//!   whose lifetime forbids any call while they live.
//!
//! ```no_run
//! use asbind_runtime::{Instance, Module};
//! # fn main() -> asbind_runtime::Result<()> {
//! let module = Module::from_file("fixtures/hello.wasm")?;
//! let mut instance = Instance::new(&module)?;
//! let expand = instance.func::<u32, u32>("expand_string")?;
//! let mut cx = instance.ctx();
//! let arg = cx.lower_str("abc")?;
//! let out = cx.call(&expand, arg)?;
//! assert_eq!(cx.lift_string(out)?, "a b c");
//! # Ok(()) }
//! ```
//!
//! The ABI followed here is described in `AS_ABI.md` (AssemblyScript 0.18 – 0.28); its facts
//! come from the `asbind-abi` crate.
//!
//! # Layers
//!
//! Each module imports only from the layers below it (`tests/layering.rs` checks that the
//! module graph has no cycle), and this root only declares and re-exports:
//!
//! 1. `error`; `memory` (bounds-checked reads), `abi` (generation and RTTI), `rtti_table` (the
//!    RTTI copied once per instance), `pins` (the pin table), `host_env` (the default imports'
//!    state), `precompiled` (the artifact format and its key), `options` (per-instance
//!    settings, the memory cap), `stack` (exporting the shadow-stack pointer): no instance.
//! 2. `types` (scalars, runtime types, kinds), `arrays` (array layouts), `handle` ([`Ref`]).
//! 3. `state`: the store data and the runtime's state, with private fields; `limits` (applying
//!    resource limits to a store, [`EpochTicker`]).
//! 4. `ctx`: [`Ctx`] and store access; then `header` (what may be pinned), `call` (the call
//!    protocol) and `globals`.
//! 5. `lift` and `lower` (the [`Lift`] and [`Lower`] traits and the `Ctx` methods behind
//!    them), then `ids` (array ids from RTTI) and `dynamic` (untyped handles).
//! 6. `imports`; `module` ([`Module`]: compiling, loading precompiled artifacts, what instances
//!    share); `pre` ([`InstancePre`]: imports linked once); `instance`; `views`.

#![warn(missing_docs)]

pub mod abi;
mod arrays;
mod call;
mod ctx;
mod dynamic;
mod error;
mod globals;
mod handle;
mod header;
mod host_env;
mod ids;
mod imports;
mod instance;
mod lift;
mod limits;
mod lower;
pub mod memory;
mod module;
mod options;
mod pins;
mod pre;
mod precompiled;
mod rtti_table;
mod stack;
mod state;
mod types;
mod views;

pub use abi::{Abi, Generation};
pub use arrays::{ArrayKind, ArrayLike};
pub use call::count_arguments;
pub use ctx::Ctx;
pub use error::{Error, HostError, HostResult, Result};
pub use globals::GlobalValue;
pub use handle::{AnyRef, Ref};
pub use host_env::Console;
pub use imports::{HostFn, Imports};
pub use instance::Instance;
pub use lift::{Element, Lift};
pub use limits::EpochTicker;
pub use lower::{AsHandle, Lower};
pub use module::{Module, default_engine, engine_config};
pub use options::{DEFAULT_LIFT_BUDGET, DEFAULT_MAX_DEPTH, GC_STRESS_ENV, Utf16};
pub use pre::InstancePre;
pub use state::HostState;
pub use types::{Kind, Pod, Scalar, TypeInfo, kinds};

/// Re-export of wasmtime for generated code and advanced use.
pub use wasmtime;

/// The items generated bindings name, gathered in one place so the generator can switch to
/// `::asbind::__internal::...` paths and the root stay free to change for people.
///
/// Used by generated bindings; not a stable API.
#[doc(hidden)]
pub mod __internal {
    pub use crate::abi::{flags, layout};
    pub use crate::arrays::{ArrayKind, ArrayLike};
    pub use crate::call::count_arguments;
    pub use crate::ctx::Ctx;
    pub use crate::error::{Error, Result};
    pub use crate::globals::GlobalValue;
    pub use crate::handle::{AnyRef, Ref, SubclassOf};
    pub use crate::impl_reference_element;
    pub use crate::imports::Imports;
    pub use crate::instance::Instance;
    pub use crate::lift::{Element, Lift};
    pub use crate::lower::{AsHandle, Lower};
    pub use crate::module::Module;
    pub use crate::pre::InstancePre;
    pub use crate::types::{Kind, Scalar, kinds};
    pub use wasmtime;
}
