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
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) records: Vec<Record>,
    pub(super) classes: Vec<Class>,
    pub(super) by_path: HashMap<String, Ty>,
}

impl Builder<'_> {
    pub(super) fn dts_path(&self) -> &Path {
        self.dts.map(|d| d.path.as_path()).unwrap_or(self.wasm_path)
    }

    /// Resolves an AssemblyScript type of the `.d.ts`; unsupported ones are reported against
    /// `line`.
    pub(super) fn resolve(&mut self, ty: &AsType, line: u32, what: &str) -> Option<Ty> {
        let file = self.dts_path().to_path_buf();
        self.resolve_at(ty, &file, line, what)
    }

    /// Resolves an AssemblyScript type read from `file` (the `.d.ts` or the JS glue);
    /// unsupported ones are reported against `file` and `line`.
    pub(super) fn resolve_at(&mut self, ty: &AsType, file: &Path, line: u32, what: &str) -> Option<Ty> {
        let unsupported = |b: &mut Self, detail: String| {
            b.errors.push(
                Diagnostic::new(file, Some(line), format!("{what} has type `{ty}`, {detail}"))
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
                let elem = self.resolve_at(e, file, line, what)?;
                if is_buffer(&elem) {
                    return unsupported(self, "an array of ArrayBuffers, which asbind cannot marshal yet".into());
                }
                if matches!(ty, AsType::Array(_)) { Ty::Array(Box::new(elem)) } else { Ty::StaticArray(Box::new(elem)) }
            }
            AsType::Nullable(t) => Ty::Nullable(Box::new(self.resolve_at(t, file, line, what)?)),
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
                match self.by_path.get(other).cloned().or_else(|| self.function_class(other)) {
                    Some(t) => t,
                    None if other.contains("=>") => {
                        return unsupported(
                            self,
                            "a function type (AssemblyScript function reference) the .d.ts declares no \
                             `__InternrefN` for, which asbind cannot marshal"
                                .into(),
                        );
                    }
                    None => return unsupported(self, "which asbind cannot marshal".into()),
                }
            }
        })
    }
}

impl Builder<'_> {
    /// The opaque class of the function type `ty` (`(i32) => i32`, as the JSDoc prints it): the
    /// internref `~lib/function/Function<%28i32%29=>i32>` the .d.ts declares for it.
    pub(super) fn function_class(&self, ty: &str) -> Option<Ty> {
        let want: String = ty.chars().filter(|c| !c.is_whitespace()).collect();
        let i = self.classes.iter().position(|c| {
            function_signature(&c.class)
                .is_some_and(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>() == want)
        })?;
        Some(Ty::Class(i))
    }
}

/// The signature of a function class path (`~lib/function/Function<%28i32%29=>i32>` →
/// `(i32)=>i32`), percent-decoded.
pub(super) fn function_signature(class: &str) -> Option<String> {
    let inner = class.strip_prefix(asbind_abi::classes::FUNCTION_PREFIX)?.strip_suffix('>')?;
    Some(crate::diag::decode(inner))
}

/// The Rust name of a function type's handle: `(i32) => i32` → `FnI32ToI32`, `() => void` →
/// `FnToVoid`.
pub(super) fn function_type_name(signature: &str) -> String {
    let part = |t: &str| {
        let t = t.trim();
        let base = t.split('<').next().unwrap_or(t);
        let base = base.rsplit('/').next().unwrap_or(base);
        base.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<String>()
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            })
            .collect::<String>()
    };
    let (params, result) = signature.split_once("=>").unwrap_or((signature, "void"));
    let params = params.trim().trim_start_matches('(').trim_end_matches(')');
    let mut name = "Fn".to_string();
    for p in params.split(',').filter(|p| !p.trim().is_empty()) {
        name.push_str(&part(p));
    }
    name.push_str("To");
    name.push_str(&part(result));
    name
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
