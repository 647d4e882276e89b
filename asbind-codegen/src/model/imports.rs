//! The import pass: the function imports the user provides, typed from the glue and checked
//! against the wasm, and the globals the user provides; the standard imports and `Math`
//! constants (asbind-abi) and imported memories and tables are left to the runtime.

use asbind_abi::imports::{std_global, std_import};

use crate::astype::WasmType;
use crate::diag::Diagnostic;
use crate::input::glue::{Glue, GlueImport};
use crate::input::wasm::ImportKind;
use crate::names::{Scope, snake};

use super::builder::{Builder, join};
use super::{Import, ImportGlobal, Ty, wasm_of};

impl Builder<'_> {
    /// The function imports and the global imports the user provides; both become methods of
    /// the `Host` trait, so they share one scope.
    pub(super) fn imports(&mut self, glue: Option<&Glue>) -> (Vec<Import>, Vec<ImportGlobal>) {
        let glue_imports: &[GlueImport] = glue.map_or(&[], |g| &g.imports);
        let mut out = Vec::new();
        let mut globals = Vec::new();
        let mut scope = Scope::default();
        for imp in &self.wasm.imports {
            if let ImportKind::Global(ty) = &imp.kind {
                if std_global(&imp.module, &imp.field).is_none() {
                    let name = scope.unique(&snake(&imp.field));
                    globals.push(ImportGlobal { module: imp.module.clone(), field: imp.field.clone(), name, ty: *ty });
                }
                continue;
            }
            let ImportKind::Func(sig) = &imp.kind else { continue };
            if std_import(&imp.module, &imp.field).is_some() {
                continue;
            }
            let typed = glue_imports.iter().find(|g| g.module == imp.module && g.field == imp.field);
            // Problems with an import's types are the glue's lines.
            let (file, line) = match (glue, typed) {
                (Some(glue), Some(g)) => (glue.path.as_path(), Some(g.line)),
                _ => (self.wasm_path, None),
            };
            let (params, result, doc) = match typed {
                Some(g) => {
                    let what = format!("import `{}.{}`", imp.module, imp.field);
                    let params: Option<Vec<Ty>> =
                        g.params.iter().map(|(t, _)| self.resolve_at(t, file, g.line, &what)).collect();
                    let result = self.resolve_at(&g.result, file, g.line, &what);
                    match (params, result) {
                        (Some(p), Some(r)) => {
                            let args = g.params.iter().map(|(t, _)| t.to_string()).collect::<Vec<_>>().join(", ");
                            (p, r, format!("`{}({args}) => {}`", g.internal, g.result))
                        }
                        _ => continue,
                    }
                }
                None => (
                    sig.params.iter().map(|t| Ty::Raw(*t)).collect(),
                    sig.results.first().map_or(Ty::Void, |t| Ty::Raw(*t)),
                    format!("raw wasm signature ({}) -> ({})", join(&sig.params), join(&sig.results)),
                ),
            };
            let want: Vec<WasmType> = params.iter().map(wasm_of).collect();
            if want != sig.params {
                self.errors.push(
                    Diagnostic::new(
                        file,
                        line,
                        format!(
                            "import `{}.{}`: the glue describes ({}) but the wasm imports ({})",
                            imp.module,
                            imp.field,
                            join(&want),
                            join(&sig.params)
                        ),
                    )
                    .help("pass the .js glue asc wrote for this same .wasm"),
                );
                continue;
            }
            let name = scope.unique(&snake(&imp.field));
            // `cx` is the callback's context; its other locals are `__`-prefixed.
            let mut arg_scope = Scope::new(&["cx"]);
            let param_names = (0..params.len())
                .map(|i| {
                    let js = typed.and_then(|g| g.names.get(i)).map(|n| snake(n)).unwrap_or_else(|| format!("arg{i}"));
                    arg_scope.unique(&js)
                })
                .collect();
            out.push(Import {
                module: imp.module.clone(),
                field: imp.field.clone(),
                name,
                params,
                param_names,
                result,
                sig: sig.clone(),
                doc,
            });
        }
        (out, globals)
    }
}
