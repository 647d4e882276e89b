//! The export pass: functions, globals and enums typed from the `.d.ts` and checked against
//! the wasm (classic class members included); exports it does not describe get raw wasm types.

use asbind_abi::exports::is_runtime_export;

use crate::astype::{AsType, WasmType};
use crate::diag::Diagnostic;
use crate::input::dts::{Dialect, DtsParam};
use crate::input::exports::{
    ClassicExport, INSTANCE_SEP, STATIC_SEP, classic_export, is_member, split_static, static_member,
};
use crate::input::wasm::{Const, Signature};
use crate::names::{Scope, camel, snake};

use super::builder::{Builder, join};
use super::{Enum, EnumMember, Function, Global, Member, MemberKind, Param, Ty, ty_wasm, wasm_of};

impl Builder<'_> {
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
            self.errors.push(
                Diagnostic::new(
                    self.dts_path(),
                    Some(line),
                    format!("the .d.ts declares `{export}`, but the wasm module exports no such function"),
                )
                .help(
                    "pass the .d.ts that asc wrote for this same .wasm (is it from another module or an older build?)",
                ),
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
                .help("the .d.ts does not match the .wasm; rebuild both with the same asc command"),
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
                let Some(params) = self.params(&f.params, f.line, &f.name) else { continue };
                let result = match self.resolve(&f.result, f.line, &format!("the result of `{}`", f.name)) {
                    Some(t) => t,
                    None => continue,
                };
                let tys: Vec<Ty> = params.iter().map(|p| p.ty.clone()).collect();
                let Some(sig) = self.check_sig(&f.name, f.line, &tys, &result) else { continue };
                let args = f
                    .params
                    .iter()
                    .map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, p.ty))
                    .collect::<Vec<_>>()
                    .join(", ");
                let internal = f.internal.as_deref().unwrap_or(&f.name);
                let mut doc = format!("`{internal}({args}): {}`", f.result);
                if classic {
                    doc.push_str(" (classic .d.ts: references are raw pointers)");
                }
                out.push(Function {
                    export: f.name.clone(),
                    // The wanted name: `naming` allocates it once members are known.
                    name: snake(&f.name),
                    field: String::new(),
                    view: None,
                    params,
                    result,
                    sig,
                    doc,
                    member: None,
                });
            }
        }
        // Exports the .d.ts does not describe: classic class members, or everything without
        // a .d.ts. They get raw wasm types.
        let mut skipped = Vec::new();
        for f in &self.wasm.functions {
            if is_runtime_export(&f.name) || declared.contains(&f.name.as_str()) {
                continue;
            }
            let classic_member = is_member(&f.name);
            if self.dts.is_some_and(|d| d.dialect != Dialect::Classic) && !classic_member {
                skipped.push(f.name.clone());
                continue;
            }
            if f.sig.params.iter().chain(&f.sig.results).any(|t| matches!(t, WasmType::V128 | WasmType::Ref))
                || f.sig.results.len() > 1
            {
                skipped.push(f.name.clone());
                continue;
            }
            if let Some(typed) = self.classic_member(&f.name, &f.sig) {
                out.push(typed);
                continue;
            }
            let params = f
                .sig
                .params
                .iter()
                .enumerate()
                .map(|(i, t)| Param {
                    as_name: format!("arg{i}"),
                    name: format!("arg{i}"),
                    ty: Ty::Raw(*t),
                    optional: false,
                })
                .collect();
            let result = f.sig.results.first().map_or(Ty::Void, |t| Ty::Raw(*t));
            let doc = format!(
                "`{}` with its raw wasm signature ({}) -> ({}): the .d.ts does not describe it",
                f.name,
                join(&f.sig.params),
                join(&f.sig.results)
            );
            out.push(Function {
                export: f.name.clone(),
                name: snake(&f.name),
                field: String::new(),
                view: None,
                params,
                result,
                sig: f.sig.clone(),
                doc,
                member: None,
            });
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
        for p in &params {
            let ty = self.resolve(&p.ty, 0, "")?;
            all.push(Param { as_name: p.name.clone(), name: scope.unique(&snake(&p.name)), ty, optional: p.optional });
        }
        let as_result = result;
        let result = if kind == MemberKind::Constructor { Ty::Class(ci) } else { self.resolve(&as_result, 0, "")? };
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
        Some(Function {
            export: export.to_string(),
            name: snake(export),
            field: String::new(),
            view: None,
            params: all,
            result,
            sig: sig.clone(),
            doc,
            member: Some(Member { class: ci, kind, name: wanted, classic: true }),
        })
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
            if self.dts.is_some_and(|d| d.dialect != Dialect::Classic) {
                continue;
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
