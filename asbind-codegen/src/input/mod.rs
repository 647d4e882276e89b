//! Reading the inputs: the wasm module, the `.d.ts` the compiler wrote beside it, and the JS
//! glue (for import signatures).

pub mod dts;
pub mod exports;
pub mod glue;
mod jsdoc;
mod lex;
pub mod section;
pub mod wasm;
