//! Building the model: the state the passes share, the order they run in, type resolution,
//! and the checks over whole inputs (a `.d.ts` of another module, a missing runtime).

use std::collections::HashMap;
use std::path::Path;

use asbind_abi::exports::is_runtime_export;

use crate::astype::{AsType, Scalar, WasmType};
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::dts::{Dialect, Dts};
use crate::input::glue::GlueImport;
use crate::input::wasm::WasmInfo;
use crate::names::Scope;

use super::classes::group_members;
use super::{Class, Model, Record, Ty};

/// Names the generated module already uses.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "with_options",
    "from_module",
    "from_file",
    "from_bytes",
    "instance",
    "instance_mut",
    "host",
    "host_mut",
    "collect",
];
const RESERVED_TYPES: &[&str] = &["Module", "Host", "Exports", "Ref", "Result", "Error", "Option", "String", "Vec"];

/// What the passes share: the inputs, the diagnostics so far, and the classes and records
/// declared (by class path, for resolving types).
pub(super) struct Builder<'a> {
    pub(super) wasm: &'a WasmInfo,
    pub(super) wasm_path: &'a Path,
    pub(super) dts: Option<&'a Dts>,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) records: Vec<Record>,
    pub(super) classes: Vec<Class>,
    pub(super) by_path: HashMap<String, Ty>,
}

/// Builds the model of one module and checks the inputs against each other.
pub fn build(
    name: &str,
    wasm_path: &Path,
    wasm: &WasmInfo,
    dts: Option<&Dts>,
    glue: &[GlueImport],
    glue_ids: &[(AsType, u32)],
) -> Result<Model, Diagnostics> {
    let mut b = Builder {
        wasm,
        wasm_path,
        dts,
        errors: Vec::new(),
        records: Vec::new(),
        classes: Vec::new(),
        by_path: HashMap::new(),
    };
    let mut notes = Vec::new();
    if !wasm.memory {
        return Err(Diagnostic::new(
            wasm_path,
            None,
            "this does not look like an AssemblyScript module: it exports no memory",
        )
        .help("AssemblyScript modules always export `memory`; pass the .wasm that asc wrote")
        .into());
    }
    if let Some(dts) = dts
        && let Some(d) = foreign_dts(dts, wasm, wasm_path)
    {
        return Err(d.into());
    }
    let mut types = Scope::new(RESERVED_TYPES);
    let mut methods = Scope::new(RESERVED_METHODS);

    if let Some(dts) = dts {
        b.declare_records(dts, &mut types);
        b.declare_classes(dts, &mut types);
        b.record_fields(dts);
    } else {
        notes.push(format!(
            "no .d.ts beside {}: bindings use raw wasm types; compile with `asc --bindings raw` for typed bindings",
            wasm_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
        ));
    }

    let enums = b.enums(&mut types);
    let mut functions = b.functions(&mut methods, &mut notes);
    group_members(&mut functions, &b.classes, &mut notes);
    let globals = b.globals(&mut methods);
    let imports = b.imports(glue);
    let mut array_ids = Vec::new();
    for (ty, id) in glue_ids {
        let before = b.errors.len();
        if let Some(ty) = b.resolve(ty, 0, "") {
            array_ids.push((ty, *id));
        }
        b.errors.truncate(before);
    }

    let has_runtime = wasm.has_runtime();
    if !has_runtime {
        let missing = wasm.missing_runtime().join(", ");
        for f in &functions {
            if f.params.iter().any(|p| p.ty.needs_allocation()) {
                let line = dts.and_then(|d| d.functions.iter().find(|x| x.name == f.export)).map(|x| x.line);
                b.errors.push(
                    Diagnostic::new(b.dts_path(), line, format!(
                        "`{}` takes a value that must be allocated in the module, but the module does not export {missing}",
                        f.export
                    ))
                    .help("rebuild the module with `asc --exportRuntime`"),
                );
            }
        }
    }
    if !b.errors.is_empty() {
        // In file order, so the list reads like the file.
        b.errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(Diagnostics(b.errors));
    }
    Ok(Model {
        name: name.to_string(),
        wasm_path: wasm_path.to_path_buf(),
        dts_path: dts.map(|d| d.path.clone()),
        dialect: dts.map(|d| d.dialect),
        functions,
        globals,
        enums,
        records: b.records,
        classes: b.classes,
        imports,
        array_ids,
        has_runtime,
        notes,
    })
}

/// When most functions a `.d.ts` declares are not in the wasm, it describes another module:
/// one diagnostic says so instead of one per declaration.
fn foreign_dts(dts: &Dts, wasm: &WasmInfo, wasm_path: &Path) -> Option<Diagnostic> {
    let missing: Vec<&str> =
        dts.functions.iter().filter(|f| wasm.function(&f.name).is_none()).map(|f| f.name.as_str()).collect();
    if missing.len() < 3 || missing.len() * 2 < dts.functions.len() {
        return None;
    }
    let file = |p: &Path| p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let exported: Vec<&str> =
        wasm.functions.iter().map(|f| f.name.as_str()).filter(|n| !is_runtime_export(n)).take(5).collect();
    let line = dts.functions.iter().find(|f| f.name == missing[0]).map(|f| f.line);
    Some(
        Diagnostic::new(&dts.path, line, format!(
            "{} does not describe {}: {} of its {} functions (`{}`, ...) are not exported by the module, which exports `{}`{}",
            file(&dts.path),
            file(wasm_path),
            missing.len(),
            dts.functions.len(),
            missing.iter().take(3).copied().collect::<Vec<_>>().join("`, `"),
            exported.join("`, `"),
            if wasm.functions.len() > exported.len() { ", ..." } else { "" }
        ))
        .help("pass the .d.ts that asc wrote for this same .wasm (it sits beside it with the same name)"),
    )
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
