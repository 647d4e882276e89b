//! The state the model passes share: the inputs, the diagnostics so far, the classes and records
//! declared, and resolving an AssemblyScript type against them.

use std::collections::HashMap;
use std::path::Path;

use crate::astype::{AsType, Scalar, WasmType};
use crate::diag::Diagnostic;
use crate::input::dts::{Dialect, Dts};
use crate::input::wasm::WasmInfo;

use super::{Class, Record, Ty};

/// What the passes share: the inputs, the diagnostics so far, and the classes and records
/// declared (by class path, for resolving types).
pub(super) struct Builder<'a> {
    pub(super) wasm: &'a WasmInfo,
    pub(super) wasm_path: &'a Path,
    pub(super) dts: Option<&'a Dts>,
    /// The start export (`--exportStart`), which is not part of the module's API.
    pub(super) start: Option<&'a str>,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) records: Vec<Record>,
    pub(super) classes: Vec<Class>,
    pub(super) by_path: HashMap<String, Ty>,
}

impl Builder<'_> {
    pub(super) fn dts_path(&self) -> &Path {
        self.dts.map(|d| d.path.as_path()).unwrap_or(self.wasm_path)
    }

    /// Resolves an AssemblyScript type; unsupported ones are reported against `line`.
    pub(super) fn resolve(&mut self, ty: &AsType, line: u32, what: &str) -> Option<Ty> {
        let unsupported = |b: &mut Self, detail: String| {
            b.errors.push(
                Diagnostic::new(b.dts_path(), Some(line), format!("{what} has type `{ty}`, {detail}"))
                    .help("change the export to use numbers, strings, arrays, typed arrays or classes, or leave it out of the module's exports"),
            );
            None
        };
        let classic = self.dts.is_some_and(|d| d.dialect == Dialect::Classic);
        Some(match ty {
            AsType::Void => Ty::Void,
            // The classic .d.ts prints every reference as `usize` (AS_ABI §10.2).
            AsType::Scalar(Scalar::Usize) if classic => Ty::Any,
            AsType::Scalar(s) => Ty::Scalar(*s),
            AsType::String => Ty::String,
            AsType::ArrayBuffer => Ty::ArrayBuffer,
            AsType::TypedArray(t) => Ty::TypedArray(*t),
            AsType::Array(e) | AsType::StaticArray(e) => {
                let elem = self.resolve(e, line, what)?;
                if is_buffer(&elem) {
                    return unsupported(self, "an array of ArrayBuffers, which asbind cannot marshal yet".into());
                }
                if matches!(ty, AsType::Array(_)) { Ty::Array(Box::new(elem)) } else { Ty::StaticArray(Box::new(elem)) }
            }
            AsType::Nullable(t) => Ty::Nullable(Box::new(self.resolve(t, line, what)?)),
            AsType::Class(path) => match self.by_path.get(path) {
                Some(t) => t.clone(),
                None => {
                    return unsupported(
                        self,
                        "a class the .d.ts declares neither as a record nor as an internref".into(),
                    );
                }
            },
            AsType::Other(other) => {
                // Map, Set, DataView, functions: opaque internrefs when the .d.ts declares one.
                match self.by_path.get(other) {
                    Some(t) => t.clone(),
                    None => return unsupported(self, "which asbind cannot marshal".into()),
                }
            }
        })
    }
}

/// `ArrayBuffer` or `ArrayBuffer | null`: not marshalled inside arrays and records yet.
pub(super) fn is_buffer(ty: &Ty) -> bool {
    match ty {
        Ty::ArrayBuffer => true,
        Ty::Nullable(t) => is_buffer(t),
        _ => false,
    }
}

/// Wasm types as a signature lists them: `i32, f64`.
pub(super) fn join(types: &[WasmType]) -> String {
    types.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")
}
