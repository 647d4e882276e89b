//! Building the model: the order the passes run in, and the checks over whole inputs (a `.d.ts`
//! of another module, a missing runtime).

use std::collections::HashMap;
use std::path::Path;

use asbind_abi::exports::{START, is_runtime_export};

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::dts::Dts;
use crate::input::glue::Glue;
use crate::input::wasm::WasmInfo;
use crate::names::Scope;

use super::Model;
use super::builder::Builder;
use super::classes::group_members;
use super::naming;
use super::records::drop_record_wrappers;

/// Builds the model of one module and checks the inputs against each other.
pub fn build(
    name: &str,
    wasm_path: &Path,
    wasm: &WasmInfo,
    dts: Option<&Dts>,
    glue: Option<&Glue>,
) -> Result<Model, Diagnostics> {
    // The export the glue calls, or by convention `_start`, if it is a `() -> ()` function and
    // the module has no start section of its own.
    let start = glue
        .and_then(|g| g.start.as_deref())
        .or(Some(START).filter(|_| !wasm.start_section))
        .filter(|name| wasm.function(name).is_some_and(|f| f.sig.params.is_empty() && f.sig.results.is_empty()));
    let mut b = Builder {
        wasm,
        wasm_path,
        dts,
        start,
        errors: Vec::new(),
        warnings: Vec::new(),
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
    let mut types = Scope::new(naming::MODULE_TYPES);

    if let Some(dts) = dts {
        b.declare_records(dts, &mut types);
        b.declare_classes(dts, &mut types);
        b.record_fields(dts);
    } else {
        notes.push(format!(
            "no .d.ts beside {}: bindings use raw wasm types; for typed bindings compile with `asc --bindings raw` \
             (asc 0.20+) or `asc -d <module>.d.ts` (asc 0.18/0.19)",
            wasm_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
        ));
    }

    let mut enums = b.enums(&mut types);
    let mut functions = b.functions(&mut notes);
    drop_record_wrappers(&mut functions, &b.records, &mut notes);
    group_members(&mut functions, &b.classes, &mut notes);
    let mut globals = b.globals();
    naming::allocate(&mut functions, &mut globals, &mut enums, &b.classes);
    let (imports, import_globals) = b.imports(glue);
    let enum_slots = super::enum_slots::enum_slots(wasm.asbind.as_ref(), &functions, &enums);
    // Glue for imports the wasm does not have: the .js is from another build.
    for (path, g) in glue.iter().flat_map(|glue| glue.imports.iter().map(|g| (&glue.path, g))) {
        if !wasm.imports.iter().any(|i| i.module == g.module && i.field == g.field) {
            b.warnings.push(
                Diagnostic::warning(
                    path,
                    Some(g.line),
                    format!(
                        "the JS glue adapts import `{}.{}`, which the wasm module does not import",
                        g.module, g.field
                    ),
                )
                .help("the .js looks like it is from an older build: rebuild the .wasm, .d.ts and .js together"),
            );
        }
    }
    let mut array_ids = Vec::new();
    for (ty, id) in glue.map_or(&[][..], |g| &g.ids) {
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
        enum_slots,
        start: start.map(str::to_string),
        import_globals,
        notes,
        warnings: b.warnings,
    })
}

/// The fingerprint ([`asbind_abi::fingerprint`]) of the exports the bindings of `model` use,
/// with the wasm signatures the generator read: the generated constructor compares it with the
/// module it is given (`asbind::Module::check_bindings`).
pub fn fingerprint(model: &Model) -> u64 {
    use crate::astype::WasmType;
    use asbind_abi::fingerprint::{ValType, fingerprint, func_line, global_line};
    let val = |t: &WasmType| match t {
        WasmType::I32 => ValType::I32,
        WasmType::I64 => ValType::I64,
        WasmType::F32 => ValType::F32,
        WasmType::F64 => ValType::F64,
        WasmType::V128 => ValType::V128,
        WasmType::Ref => ValType::Ref,
    };
    let list = |ts: &[WasmType]| ts.iter().map(val).collect::<Vec<_>>();
    let funcs = model.functions.iter().map(|f| func_line(&f.export, &list(&f.sig.params), &list(&f.sig.results)));
    let globals = model.globals.iter().map(|g| global_line(&g.export, val(&super::wasm_of(&g.ty))));
    fingerprint(funcs.chain(globals))
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
