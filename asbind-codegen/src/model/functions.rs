//! The export pass: functions, globals and enums typed from the `.d.ts` and checked against
//! the wasm (classic class members included); exports it does not describe get raw wasm types.

use asbind_abi::exports::{START, is_runtime_export};

use crate::astype::{AsType, WasmType};
use crate::diag::{Diagnostic, decode};
use crate::input::dts::{Dialect, DtsParam};
use crate::input::exports::{
    ClassicExport, INSTANCE_SEP, STATIC_SEP, classic_export, is_member, split_static, static_member,
};
use crate::input::wasm::{Const, Signature};
use crate::names::{Scope, camel, snake};

use super::builder::{Builder, join};
use super::{Enum, EnumMember, Function, Global, Member, MemberKind, Param, Ty, ty_wasm, wasm_of};

/// `arg0`, `arg1`, ... with raw wasm types.
fn raw_params(sig: &Signature) -> Vec<Param> {
    sig.params
        .iter()
        .enumerate()
        .map(|(i, t)| Param { as_name: format!("arg{i}"), name: format!("arg{i}"), ty: Ty::Raw(*t), optional: false })
        .collect()
}

/// What to do when the .d.ts and the .wasm disagree.
const REBUILD: &str = "if the .d.ts (or .js) is from an older build, rebuild the .wasm, .d.ts and .js together with \
                       the same asc command";

/// Whether an export with this signature can be bound with raw wasm types.
fn raw_bindable(sig: &Signature) -> bool {
    !sig.params.iter().chain(&sig.results).any(|t| matches!(t, WasmType::Ref)) && sig.results.len() <= 1
}

impl Function {
    /// Export `export` under its wanted Rust name (`snake` of the export): the naming pass
    /// allocates the final name, the `Exports` field and the view once every export is known.
    fn wanted(
        export: &str,
        params: Vec<Param>,
        result: Ty,
        sig: Signature,
        doc: String,
        member: Option<Member>,
    ) -> Self {
        let (field, view) = (String::new(), None);
        Function { export: export.to_string(), name: snake(export), field, view, params, result, sig, doc, member }
    }
}

impl Builder<'_> {
    /// `export`, whose AssemblyScript types cannot be marshalled (`why`), bound with its raw wasm
    /// signature instead, with a warning; `None` (and the reasons as errors) when even that
    /// cannot be done.
    fn raw_instead(&mut self, export: &str, line: u32, as_doc: &str, why: Vec<Diagnostic>) -> Option<Function> {
        let Some(f) = self.wasm.function(export).filter(|f| raw_bindable(&f.sig)) else {
            self.errors.extend(why);
            return None;
        };
        let reasons = why.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ");
        let raw = format!("({}) -> ({})", join(&f.sig.params), join(&f.sig.results));
        let message = format!("{reasons}: `{export}` is bound with its raw wasm signature {raw}");
        let help = why.iter().find_map(|d| d.help.clone()).unwrap_or_default();
        self.warnings.push(Diagnostic::warning(self.dts_path(), Some(line), &message).help(help));
        let result = f.sig.results.first().map_or(Ty::Void, |t| Ty::Raw(*t));
        let doc = format!("{as_doc}\n\nWarning: {message}.");
        Some(Function::wanted(export, raw_params(&f.sig), result, f.sig.clone(), doc, None))
    }

    pub(super) fn enums(&mut self, types: &mut Scope) -> Vec<Enum> {
        let Some(dts) = self.dts else { return Vec::new() };
        let mut out = Vec::new();
        for e in &dts.enums {
            let mut members: Vec<EnumMember> = Vec::new();
            // Variants and alias constants share the enum's namespace.
            let mut variants = Scope::default();
            for m in &e.members {
                let export = static_member(&e.name, m);
                let value = match self.wasm.global(&export) {
                    // A constant: the value is known now.
                    Some(g) if !g.mutable && g.ty == WasmType::I32 && matches!(g.init, Some(Const::I32(_))) => {
                        match g.init {
                            Some(Const::I32(v)) => Some(v),
                            _ => None,
                        }
                    }
                    // Computed at start-up (`M = f()`: a mutable global the start function sets) or
                    // from an import: read from the instance.
                    Some(g) if g.ty == WasmType::I32 => None,
                    _ => {
                        self.errors.push(
                            Diagnostic::new(
                                &dts.path,
                                Some(e.line),
                                format!("enum member `{export}` is not an exported i32 global of the wasm module"),
                            )
                            .help("pass the .d.ts that asc wrote for this same .wasm"),
                        );
                        continue;
                    }
                };
                members.push(EnumMember {
                    as_name: m.clone(),
                    name: variants.unique(&camel(m)),
                    value,
                    alias_of: None,
                    export,
                    field: String::new(),
                });
            }
            // In an all-constant enum, a repeated value is an alias of its first member.
            if members.iter().all(|m| m.value.is_some()) {
                for i in 0..members.len() {
                    members[i].alias_of = members[..i].iter().position(|x| x.value == members[i].value);
                }
            }
            out.push(Enum { as_name: e.name.clone(), name: types.unique(&camel(&e.name)), members, lookup: None });
        }
        out
    }

    fn check_sig(&mut self, export: &str, line: u32, params: &[Ty], result: &Ty) -> Option<Signature> {
        let Some(f) = self.wasm.function(export) else {
            // An `@lazy` function nothing called is compiled out; or the .d.ts is stale.
            self.warnings.push(
                Diagnostic::warning(
                    self.dts_path(),
                    Some(line),
                    format!(
                        "the .d.ts declares `{export}`, but the wasm module exports no such function (an `@lazy` \
                         function the module never uses is compiled out): it is not bound"
                    ),
                )
                .help(REBUILD),
            );
            return None;
        };
        let want = Signature {
            params: params.iter().map(wasm_of).collect(),
            results: match result {
                Ty::Void => vec![],
                t => vec![wasm_of(t)],
            },
        };
        if want != f.sig {
            self.errors.push(
                Diagnostic::new(
                    self.dts_path(),
                    Some(line),
                    format!(
                        "`{export}` is declared as ({}) -> ({}) but the wasm function is ({}) -> ({})",
                        join(&want.params),
                        join(&want.results),
                        join(&f.sig.params),
                        join(&f.sig.results)
                    ),
                )
                .help(REBUILD),
            );
            return None;
        }
        Some(f.sig.clone())
    }

    fn params(&mut self, params: &[DtsParam], line: u32, export: &str) -> Option<Vec<Param>> {
        // `cx` is the context every marshalling expression uses; other locals are `__`-prefixed.
        let mut scope = Scope::new(&["cx"]);
        let mut out = Vec::new();
        let mut ok = true;
        for p in params {
            let what = format!("parameter `{}` of `{export}`", p.name);
            match self.resolve(&p.ty, line, &what) {
                Some(ty) => out.push(Param {
                    as_name: p.name.clone(),
                    name: scope.unique(&snake(&p.name)),
                    ty,
                    optional: p.optional,
                }),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// The exported functions, typed; their Rust names are the wanted ones until `naming` runs.
    pub(super) fn functions(&mut self, notes: &mut Vec<String>) -> Vec<Function> {
        let mut out = Vec::new();
        let mut declared: Vec<&str> = Vec::new();
        if let Some(dts) = self.dts {
            for f in &dts.functions {
                declared.push(&f.name);
                let classic = dts.dialect == Dialect::Classic;
                let args = f
                    .params
                    .iter()
                    .map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, p.ty))
                    .collect::<Vec<_>>()
                    .join(", ");
                let internal = f.internal.as_deref().unwrap_or(&f.name);
                let mut doc = format!("`{internal}({args}): {}`", f.result);
                // A type asbind cannot marshal does not cost the module its other bindings: the
                // export is bound with its raw wasm signature, with a warning.
                let before = self.errors.len();
                let params = self.params(&f.params, f.line, &f.name);
                let result = self.resolve(&f.result, f.line, &format!("the result of `{}`", f.name));
                let (Some(params), Some(result)) = (params, result) else {
                    let why: Vec<Diagnostic> = self.errors.drain(before..).collect();
                    if let Some(raw) = self.raw_instead(&f.name, f.line, &doc, why) {
                        out.push(raw);
                    }
                    continue;
                };
                let tys: Vec<Ty> = params.iter().map(|p| p.ty.clone()).collect();
                let Some(sig) = self.check_sig(&f.name, f.line, &tys, &result) else { continue };
                if classic {
                    doc.push_str(" (classic .d.ts: references are raw pointers)");
                }
                for (p, dp) in params.iter().zip(&f.params) {
                    if let Ty::Class(i) = p.ty
                        && super::builder::function_signature(&self.classes[i].class).is_some()
                    {
                        let handle = self.classes[i].name.clone();
                        let text = format!(
                            "parameter `{}` of `{}` is a function (`{}`, an AssemblyScript function reference): it is \
                             bound as the opaque handle `{handle}`, which only the module can make (an export that \
                             returns a function); a Rust closure cannot be passed",
                            dp.name, f.name, dp.ty
                        );
                        doc.push_str(&format!("\n\nWarning: {text}."));
                        self.warnings.push(Diagnostic::warning(self.dts_path(), Some(f.line), text).help(
                            "export a function that returns the AssemblyScript function you want to pass, and pass \
                             its result back",
                        ));
                    }
                }
                out.push(Function::wanted(&f.name, params, result, sig, doc, None));
            }
        }
        // Exports the .d.ts does not describe: classic class members, or everything without
        // a .d.ts. They get raw wasm types; with a modern .d.ts, which describes every export,
        // each is also a warning (an export alias asc left out, or a .d.ts from an older build).
        let mut skipped = Vec::new();
        for f in &self.wasm.functions {
            if is_runtime_export(&f.name) || declared.contains(&f.name.as_str()) || self.start == Some(f.name.as_str())
            {
                continue;
            }
            let classic_member = is_member(&f.name);
            let modern = self.dts.is_some_and(|d| d.dialect != Dialect::Classic);
            // `START` that is not the start export (the module has a start section): never an API.
            if f.name == START || !raw_bindable(&f.sig) {
                skipped.push(f.name.clone());
                continue;
            }
            if modern && !classic_member {
                self.warnings.push(
                    Diagnostic::warning(
                        self.wasm_path,
                        None,
                        format!(
                            "the wasm exports `{}`, which the .d.ts does not declare: bound with its raw wasm \
                             signature ({}) -> ({})",
                            decode(&f.name),
                            join(&f.sig.params),
                            join(&f.sig.results)
                        ),
                    )
                    .help(REBUILD),
                );
            }
            if let Some(typed) = self.classic_member(&f.name, &f.sig) {
                out.push(typed);
                continue;
            }
            if classic_member && self.dts.is_some_and(|d| d.dialect == Dialect::Classic) {
                // asc 0.18/0.19's `-d` leaves out members it cannot describe (inherited from a
                // base declared elsewhere, or of types it cannot print): say so, do not hide it.
                let class = classic_export(&f.name).map(|(c, _)| c.to_string()).unwrap_or_default();
                let line = self.dts.and_then(|d| d.classes.iter().find(|c| c.name == class)).map(|c| c.line);
                self.warnings.push(
                    Diagnostic::warning(
                        self.dts_path(),
                        line,
                        format!(
                            "the wasm exports `{}`, a member of class `{class}` the .d.ts does not describe: bound \
                             on the module with its raw wasm signature ({}) -> ({})",
                            decode(&f.name),
                            join(&f.sig.params),
                            join(&f.sig.results)
                        ),
                    )
                    .help("asc 0.18/0.19 leave out members inherited from a base class declared in another file; declare the member in the class (or re-export the base class) to get a typed method"),
                );
            }
            let params = raw_params(&f.sig);
            let result = f.sig.results.first().map_or(Ty::Void, |t| Ty::Raw(*t));
            let doc = format!(
                "`{}` with its raw wasm signature ({}) -> ({}): the .d.ts does not describe it",
                f.name,
                join(&f.sig.params),
                join(&f.sig.results)
            );
            out.push(Function::wanted(&f.name, params, result, f.sig.clone(), doc, None));
        }
        if !skipped.is_empty() {
            notes.push(format!("exports not in the .d.ts were skipped: {}", skipped.join(", ")));
        }
        out
    }

    /// A classic member export (`C#constructor`, `C#m`, `C#get:f`, `C#set:f`, `C.s`) typed from
    /// the class in the classic `.d.ts` (walking `extends` for inherited members), as a member of
    /// the class's handle type. `None` when it cannot be typed: it is then bound raw.
    fn classic_member(&mut self, export: &str, sig: &Signature) -> Option<Function> {
        let dts = self.dts.filter(|d| d.dialect == Dialect::Classic)?;
        let (cname, what) = classic_export(export)?;
        let is_static = matches!(what, ClassicExport::Static(_));
        let ci = self.classes.iter().position(|c| c.class == cname)?;
        // The class and its bases, nearest first.
        let mut chain = Vec::new();
        let mut next = Some(cname.to_string());
        while let Some(n) = next.take() {
            let c = dts.classes.iter().find(|c| c.name == n)?;
            next = c.extends.clone();
            chain.push(c);
            if chain.len() > 64 {
                return None;
            }
        }
        let this = Param { as_name: "this".into(), name: "this".into(), ty: Ty::Class(ci), optional: false };
        let (kind, member, params, result): (MemberKind, &str, Vec<DtsParam>, AsType) = match what {
            ClassicExport::Static(rest) => {
                let m = chain[0].methods.iter().find(|m| m.is_static && !m.getter && !m.setter && m.name == rest)?;
                (MemberKind::Static, rest, m.params.clone(), m.result.clone())
            }
            ClassicExport::Constructor => {
                let ctor = chain[0].constructor.clone().unwrap_or_default();
                (MemberKind::Constructor, "", ctor, AsType::Void)
            }
            ClassicExport::Getter(field) => {
                let ty = chain.iter().find_map(|c| {
                    c.fields.iter().find(|(n, _, _)| n == field).map(|(_, t, _)| t.clone()).or_else(|| {
                        c.methods.iter().find(|m| m.getter && !m.is_static && m.name == field).map(|m| m.result.clone())
                    })
                })?;
                (MemberKind::Getter, field, vec![], ty)
            }
            ClassicExport::Setter(field) => {
                let ty = chain.iter().find_map(|c| {
                    c.fields.iter().find(|(n, _, ro)| n == field && !ro).map(|(_, t, _)| t.clone()).or_else(|| {
                        c.methods
                            .iter()
                            .find(|m| m.setter && !m.is_static && m.name == field)
                            .and_then(|m| m.params.first().map(|p| p.ty.clone()))
                    })
                })?;
                (MemberKind::Setter, field, vec![DtsParam { name: "value".into(), ty, optional: false }], AsType::Void)
            }
            ClassicExport::Method(rest) => {
                let m = chain.iter().find_map(|c| {
                    c.methods.iter().find(|m| !m.is_static && !m.getter && !m.setter && m.name == rest)
                })?;
                (MemberKind::Method, rest, m.params.clone(), m.result.clone())
            }
        };
        // `cx` is the marshalling context, `m` the module parameter, `this` the object.
        let mut scope = Scope::new(&["cx", "m", "this"]);
        let mut all = Vec::new();
        if kind != MemberKind::Static {
            all.push(if kind == MemberKind::Constructor {
                Param { as_name: "this".into(), name: "this".into(), ty: Ty::Raw(WasmType::I32), optional: false }
            } else {
                this.clone()
            });
        }
        // The class's line: the classic dialect's members are reported against their class.
        let line = chain[0].line;
        for p in &params {
            let ty = self.resolve(&p.ty, line, &format!("parameter `{}` of `{export}`", p.name))?;
            all.push(Param { as_name: p.name.clone(), name: scope.unique(&snake(&p.name)), ty, optional: p.optional });
        }
        let as_result = result;
        let result = match kind {
            MemberKind::Constructor => Ty::Class(ci),
            _ => self.resolve(&as_result, line, &format!("the result of `{export}`"))?,
        };
        let want = Signature {
            params: all.iter().map(|p| wasm_of(&p.ty)).collect(),
            results: match &result {
                Ty::Void => vec![],
                t => vec![wasm_of(t)],
            },
        };
        if want != *sig {
            return None;
        }
        let args = params
            .iter()
            .map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, p.ty))
            .collect::<Vec<_>>()
            .join(", ");
        let doc = match kind {
            MemberKind::Constructor => format!("`new {cname}({args})` (export `{export}`)"),
            MemberKind::Getter => format!("`{cname}#{member}: {as_result}` (export `{export}`)"),
            MemberKind::Setter => format!("`{cname}#{member} = value` (export `{export}`)"),
            _ => format!(
                "`{cname}{sep}{member}({args}): {as_result}` (export `{export}`)",
                sep = if is_static { STATIC_SEP } else { INSTANCE_SEP }
            ),
        };
        let wanted = match kind {
            MemberKind::Constructor => "new".to_string(),
            MemberKind::Setter => format!("set_{}", snake(member)),
            _ => snake(member),
        };
        let member = Member { class: ci, kind, name: wanted, classic: true };
        Some(Function::wanted(export, all, result, sig.clone(), doc, Some(member)))
    }

    /// The exported globals, typed; their Rust names are the wanted ones until `naming` runs.
    pub(super) fn globals(&mut self) -> Vec<Global> {
        let mut out = Vec::new();
        let mut declared = Vec::new();
        if let Some(dts) = self.dts {
            for g in &dts.globals {
                declared.push(g.name.clone());
                let Some(ty) = self.resolve(&g.ty, g.line, &format!("global `{}`", g.name)) else { continue };
                match self.wasm.global(&g.name) {
                    Some(w) if Some(w.ty) == ty_wasm(&ty) => {
                        let mutable = g.mutable && w.mutable;
                        // Classic: a class's id global is in its handle type; `C.f` is a static of `C`.
                        let classic = dts.dialect == Dialect::Classic;
                        if classic && self.classes.iter().any(|c| c.class == g.name) {
                            continue;
                        }
                        let static_field = split_static(&g.name)
                            .filter(|_| classic)
                            .and_then(|(c, f)| Some((self.classes.iter().position(|x| x.class == c)?, f)));
                        let name = static_field.map_or_else(|| snake(&g.name), |(_, f)| snake(f));
                        out.push(Global {
                            export: g.name.clone(),
                            name,
                            setter: None,
                            field: String::new(),
                            ty,
                            mutable,
                            doc: g.ty.to_string(),
                            member: static_field.map(|(c, _)| c),
                        });
                    }
                    Some(w) => self.errors.push(
                        Diagnostic::new(
                            &dts.path,
                            Some(g.line),
                            format!("global `{}` is declared as `{}` but the wasm global is {}", g.name, g.ty, w.ty),
                        )
                        .help("the .d.ts does not match the .wasm; rebuild both with the same asc command"),
                    ),
                    None => self.errors.push(
                        Diagnostic::new(
                            &dts.path,
                            Some(g.line),
                            format!(
                                "the .d.ts declares global `{}`, but the wasm module exports no such global",
                                g.name
                            ),
                        )
                        .help("pass the .d.ts that asc wrote for this same .wasm"),
                    ),
                }
            }
        }
        let enum_members: Vec<String> = self
            .dts
            .map(|d| d.enums.iter().flat_map(|e| e.members.iter().map(move |m| static_member(&e.name, m))).collect())
            .unwrap_or_default();
        for w in &self.wasm.globals {
            if is_runtime_export(&w.name) || declared.contains(&w.name) || enum_members.contains(&w.name) {
                continue;
            }
            if matches!(w.ty, WasmType::Ref) {
                continue;
            }
            if self.dts.is_some_and(|d| d.dialect != Dialect::Classic) {
                self.warnings.push(
                    Diagnostic::warning(
                        self.wasm_path,
                        None,
                        format!(
                            "the wasm exports global `{}`, which the .d.ts does not declare: bound with its raw wasm \
                             type {}",
                            decode(&w.name),
                            w.ty
                        ),
                    )
                    .help(REBUILD),
                );
            }
            // A classic class's id global: the id is in the handle type's `Class::IDS`.
            if self.classes.iter().any(|c| c.class == w.name) {
                continue;
            }
            out.push(Global {
                export: w.name.clone(),
                name: snake(&w.name),
                setter: None,
                field: String::new(),
                ty: Ty::Raw(w.ty),
                mutable: w.mutable,
                doc: format!("{} (raw wasm global)", w.ty),
                member: None,
            });
        }
        out
    }
}
