//! The asbind runtime: call AssemblyScript modules from Rust on wasmtime.
//!
//! Generated bindings (and hand-written code) use three things:
//!
//! * [`Module`] and [`Instance`]: compile once, instantiate with default imports (`abort`,
//!   `trace`, `seed`, `Date.now`, `console.*`, ...) plus your own ([`Imports`]).
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
//! The ABI followed here is described in `AS_ABI.md` (AssemblyScript 0.18 – 0.28).

#![warn(missing_docs)]

pub mod abi;
mod ctx;
mod error;
mod handle;
mod imports;
mod instance;
pub mod memory;
mod pins;
mod types;
mod views;

pub use abi::{Abi, Generation};
pub use ctx::{ArrayKind, ArrayLike, Ctx, GlobalValue};
pub use error::{Error, Result};
pub use handle::{AsHandle, Ref};
pub use imports::{Console, HostFn, Imports};
pub use instance::{HostState, Instance, Module, Utf16, default_engine};
pub use types::{Element, Kind, Lift, Lower, Pod, Scalar, TypeInfo, kinds};

/// A pinned handle to an object of any class: what classic (0.18/0.19) modules give and take
/// where their `.d.ts` says only `usize`. Convert it with [`Ctx::convert`].
pub type AnyRef = Ref<kinds::Object>;

/// Re-export of wasmtime for generated code and advanced use.
pub use wasmtime;

/// The number of arguments to report with `__setArgumentsLength` for a call with `required`
/// leading arguments followed by optional ones (`given[i]`: whether optional `i` was passed).
/// AssemblyScript can only omit trailing arguments, so a gap is an [`Error::Argument`].
pub fn count_arguments(required: u32, given: &[bool]) -> Result<u32> {
    let passed = given.iter().take_while(|g| **g).count();
    if given[passed..].iter().any(|g| *g) {
        return Err(Error::Argument(format!(
            "optional argument {} was given but argument {} was not; AssemblyScript can only omit trailing arguments",
            required as usize + given.iter().rposition(|g| *g).unwrap_or(0) + 1,
            required as usize + passed + 1
        )));
    }
    Ok(required + passed as u32)
}
