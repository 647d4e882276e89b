//! asbind
pub use asbind_runtime::*;
