//! One checked description of a module, built from the wasm, the `.d.ts` and the glue: every
//! export with Rust-ready types, records with their field layout, classes with their ids, enums
//! with their values, and the custom imports. All problems are collected before failing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use asbind_abi::Generation;
use asbind_abi::exports::is_runtime_export;
use asbind_abi::imports::std_import;

use crate::astype::{AsType, Scalar, TypedArray, WasmType};
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::dts::{Dialect, Dts, DtsParam};
use crate::input::exports::{
    ClassicExport, INSTANCE_SEP, STATIC_SEP, classic_export, is_member, split_static, static_member,
};
use crate::input::glue::GlueImport;
use crate::input::wasm::{Const, Signature, WasmInfo};
use crate::names::{Scope, camel, snake};

/// A type as the generated code handles it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// No value.
    Void,
    /// A scalar.
    Scalar(Scalar),
    /// `String`.
    String,
    /// `ArrayBuffer`.
    ArrayBuffer,
    /// A typed array.
    TypedArray(TypedArray),
    /// `Array<T>`.
    Array(Box<Ty>),
    /// `StaticArray<T>`.
    StaticArray(Box<Ty>),
    /// `T | null`.
    Nullable(Box<Ty>),
    /// A record, by index into [`Model::records`].
    Record(usize),
    /// An opaque class, by index into [`Model::classes`].
    Class(usize),
    /// A raw wasm value whose AssemblyScript type is unknown (no `.d.ts`).
    Raw(WasmType),
    /// A reference of unknown class: the classic dialect's `usize` (`asbind::AnyRef`).
    Any,
}

impl Model {
    /// The runtime id the glue uses for the array or typed array `ty`, if known.
    pub fn array_id(&self, ty: &Ty) -> Option<u32> {
        self.array_ids.iter().find(|(t, _)| t == ty).map(|(_, id)| *id)
    }
}

impl Ty {
    /// Whether a value of this type is a managed pointer.
    pub fn is_reference(&self) -> bool {
        !matches!(self, Ty::Void | Ty::Scalar(_) | Ty::Raw(_))
    }

    /// Whether passing this type in allocates in the module.
    pub fn needs_allocation(&self) -> bool {
        match self {
            Ty::String | Ty::ArrayBuffer | Ty::TypedArray(_) | Ty::Array(_) | Ty::StaticArray(_) | Ty::Record(_) => {
                true
            }
            Ty::Nullable(t) => t.needs_allocation(),
            _ => false,
        }
    }
}

/// A parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Rust name.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Has a default value (`?`): an `Option` in Rust.
    pub optional: bool,
}

/// An exported function.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// Export name.
    pub export: String,
    /// Rust method name.
    pub name: String,
    /// Parameters.
    pub params: Vec<Param>,
    /// Result.
    pub result: Ty,
    /// The wasm signature (what the typed function is resolved as).
    pub sig: Signature,
    /// The AssemblyScript signature, for the doc comment.
    pub doc: String,
    /// When the function is a class member (a wrapper the `asbind-classes` transform added):
    /// which class, what kind of member, and its Rust name in the class's `impl`.
    pub member: Option<Member>,
}

/// A class member bound as a method of the class's handle type.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into [`Model::classes`].
    pub class: usize,
    /// What it is.
    pub kind: MemberKind,
    /// Rust method name in the class's `impl`.
    pub name: String,
    /// A classic (0.18/0.19) member export (`C#m`): its hidden `this` is not counted by
    /// `__setArgumentsLength`, and the constructor's `this` is 0 (allocate).
    pub classic: bool,
}

/// The kinds of class members (transform wrappers `C__new`, `C__m_x`, `C__s_x`, `C__get_x`,
/// `C__set_x`, `C__sget_x`, `C__sset_x`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    /// `new C(...)`.
    Constructor,
    /// An instance method: the first parameter is the object.
    Method,
    /// A static method.
    Static,
    /// An instance field or `get` accessor.
    Getter,
    /// An instance field or `set` accessor.
    Setter,
    /// A static field or accessor, read.
    StaticGetter,
    /// A static field or accessor, written.
    StaticSetter,
}

impl MemberKind {
    /// Whether the first wasm parameter is the object.
    pub fn has_self(self) -> bool {
        matches!(self, MemberKind::Method | MemberKind::Getter | MemberKind::Setter)
    }
}

/// A record field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// AssemblyScript name.
    pub as_name: String,
    /// Rust name.
    pub name: String,
    /// Type.
    pub ty: Ty,
    /// Byte offset in the object.
    pub offset: u32,
    /// AssemblyScript type, for docs.
    pub doc: String,
}

/// A record class: a Rust struct copied by value.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Runtime id.
    pub id: u32,
    /// Class path (`src/values/Point`).
    pub class: String,
    /// Rust type name.
    pub name: String,
    /// Fields in layout order.
    pub fields: Vec<Field>,
    /// Payload size (`offsetof<C>()`).
    pub size: u32,
}

/// An opaque class, held through `asbind::Ref<Name>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// Runtime id.
    pub id: u32,
    /// Class path.
    pub class: String,
    /// Rust marker type name.
    pub name: String,
    /// Base class ids, nearest first (excluding its own id and `Object`).
    pub bases: Vec<u32>,
    /// Ids accepted where this class is expected: its own and every known subclass's.
    pub accepts: Vec<u32>,
}

/// An exported global.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    /// Export name.
    pub export: String,
    /// Rust getter name (the setter is `set_<name>`).
    pub name: String,
    /// Type.
    pub ty: Ty,
    /// Has a setter.
    pub mutable: bool,
    /// AssemblyScript type, for docs.
    pub doc: String,
    /// A classic static field `C.f`: the class and the getter's name in its `impl`.
    pub member: Option<(usize, String)>,
}

/// An exported enum with its member values.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// AssemblyScript name.
    pub as_name: String,
    /// Rust type name.
    pub name: String,
    /// Members: AssemblyScript name, Rust variant name, value.
    pub members: Vec<(String, String, i32)>,
}

/// A function import the user provides through the generated `Host` trait.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// Import module.
    pub module: String,
    /// Import field.
    pub field: String,
    /// Rust trait method name.
    pub name: String,
    /// Parameter types (from the glue; raw wasm types without it).
    pub params: Vec<Ty>,
    /// Parameter names (the glue's JS names; `arg0`, ... without it).
    pub param_names: Vec<String>,
    /// Result type.
    pub result: Ty,
    /// The wasm signature.
    pub sig: Signature,
    /// AssemblyScript signature, for docs.
    pub doc: String,
}

/// Which front door the model is for (changes only how the module bytes are found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// Embed the bytes with `include_bytes!` of this absolute path (the macro, build.rs).
    Bytes(PathBuf),
    /// Load at run time: `Module::from_file` / `from_bytes` (the CLI's output).
    Runtime,
}

/// One module, checked and ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Module name (the wasm file stem).
    pub name: String,
    /// The wasm file.
    pub wasm_path: PathBuf,
    /// The `.d.ts`, when there was one.
    pub dts_path: Option<PathBuf>,
    /// Dialect of the `.d.ts`.
    pub dialect: Option<Dialect>,
    /// Exported functions.
    pub functions: Vec<Function>,
    /// Exported globals.
    pub globals: Vec<Global>,
    /// Exported enums.
    pub enums: Vec<Enum>,
    /// Record classes.
    pub records: Vec<Record>,
    /// Opaque classes.
    pub classes: Vec<Class>,
    /// Custom function imports (everything not provided by the runtime's defaults).
    pub imports: Vec<Import>,
    /// Runtime ids of array and typed-array classes, from the glue (checked against the
    /// module's RTTI at run time; without them the RTTI is searched).
    pub array_ids: Vec<(Ty, u32)>,
    /// Whether the runtime interface is exported.
    pub has_runtime: bool,
    /// Remarks for the user (no `.d.ts`, skipped exports, ...).
    pub notes: Vec<String>,
}

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

struct Builder<'a> {
    wasm: &'a WasmInfo,
    wasm_path: &'a Path,
    dts: Option<&'a Dts>,
    errors: Vec<Diagnostic>,
    records: Vec<Record>,
    classes: Vec<Class>,
    by_path: HashMap<String, Ty>,
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
        b.classes_and_records(dts, &mut types);
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

/// Recognises the wrappers the `asbind-classes` transform adds (`C__new`, `C__m_method`,
/// `C__s_static`, `C__get_field`, `C__set_field`, `C__sget_field`, `C__sset_field`) and makes them
/// members of class `C`, when their signatures fit (the object first, or a `C` result for the
/// constructor). Classes left without members get a note on how to add them.
fn group_members(functions: &mut [Function], classes: &[Class], notes: &mut Vec<String>) {
    const TAGS: [(&str, MemberKind); 7] = [
        ("sget_", MemberKind::StaticGetter),
        ("sset_", MemberKind::StaticSetter),
        ("get_", MemberKind::Getter),
        ("set_", MemberKind::Setter),
        ("m_", MemberKind::Method),
        ("s_", MemberKind::Static),
        ("new", MemberKind::Constructor),
    ];
    let mut scopes = class_scopes(classes);
    for f in functions.iter_mut() {
        let Some((prefix, rest)) = f.export.split_once("__") else { continue };
        let Some(ci) = classes.iter().position(|c| class_name(&c.class) == prefix) else { continue };
        let Some((kind, member)) = TAGS.iter().find_map(|(tag, kind)| {
            let m =
                if *kind == MemberKind::Constructor { (rest == *tag).then_some("") } else { rest.strip_prefix(tag) };
            m.map(|m| (*kind, m))
        }) else {
            continue;
        };
        let fits = match kind {
            MemberKind::Constructor => f.result == Ty::Class(ci),
            k if k.has_self() => f.params.first().is_some_and(|p| !p.optional && p.ty == Ty::Class(ci)),
            _ => true,
        };
        if !fits || (kind != MemberKind::Constructor && member.is_empty()) {
            continue;
        }
        let wanted = match kind {
            MemberKind::Constructor => "new".to_string(),
            MemberKind::Setter | MemberKind::StaticSetter => format!("set_{}", snake(member)),
            _ => snake(member),
        };
        let what = match kind {
            MemberKind::Constructor => format!("`new {prefix}(..)`"),
            MemberKind::Method | MemberKind::Getter | MemberKind::Setter => format!("`{prefix}#{member}`"),
            _ => format!("`{prefix}.{member}`"),
        };
        f.doc = format!("{what}, through the transform's export {}", f.doc);
        f.member = Some(Member { class: ci, kind, name: scopes[ci].unique(&wanted), classic: false });
    }
    let without: Vec<&str> = classes
        .iter()
        .enumerate()
        .filter(|(i, _)| !functions.iter().any(|f| f.member.as_ref().is_some_and(|m| m.class == *i)))
        .map(|(_, c)| class_name(&c.class))
        .collect();
    if !without.is_empty() {
        notes.push(format!(
            "classes without methods in these bindings: {}; compile the module with `asc --transform <asbind>/transform/asbind-classes.mjs` to call their constructors, methods and fields from Rust",
            without.join(", ")
        ));
    }
}

/// One name scope per class handle type, with the methods every handle has (emit's `class`)
/// already taken.
fn class_scopes(classes: &[Class]) -> Vec<Scope> {
    classes.iter().map(|_| Scope::new(&["handle", "ptr", "any", "wrap"])).collect()
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

/// Field layout of a record (AS_ABI §4.1): declaration order, each field aligned to its own
/// size, no tail padding. Returns the offsets and the size.
pub fn layout(fields: &[AsType]) -> (Vec<u32>, u32) {
    let mut off = 0u32;
    let offsets = fields
        .iter()
        .map(|f| {
            let size = f.slot_size();
            off = (off + size - 1) & !(size - 1);
            let at = off;
            off += size;
            at
        })
        .collect();
    (offsets, off)
}

impl Builder<'_> {
    fn dts_path(&self) -> &Path {
        self.dts.map(|d| d.path.as_path()).unwrap_or(self.wasm_path)
    }

    fn classes_and_records(&mut self, dts: &Dts, types: &mut Scope) {
        for r in &dts.records {
            let name = types.unique(&camel(class_name(&r.class)));
            self.by_path.insert(r.class.clone(), Ty::Record(self.records.len()));
            self.records.push(Record { id: r.id, class: r.class.clone(), name, fields: Vec::new(), size: 0 });
        }
        for c in &dts.internrefs {
            let name = types.unique(&camel(class_name(&c.class)));
            // The chain ends with `Object`'s id on the generations that have one.
            let bases =
                c.chain.iter().copied().skip(1).filter(|&id| Some(id) != Generation::V0_24.object_id()).collect();
            self.by_path.insert(c.class.clone(), Ty::Class(self.classes.len()));
            self.classes.push(Class { id: c.id, class: c.class.clone(), name, bases, accepts: vec![c.id] });
        }
        // Classic modules: exported classes, their ids from the class-id globals (AS_ABI §10.1).
        for c in &dts.classes {
            let Some(Const::I32(id)) = self.wasm.global(&c.name).and_then(|g| g.init) else { continue };
            let mut bases = Vec::new();
            let mut base = c.extends.clone();
            while let Some(b) = base.take() {
                if let Some(Const::I32(bid)) = self.wasm.global(&b).and_then(|g| g.init) {
                    bases.push(bid as u32);
                }
                base = dts.classes.iter().find(|x| x.name == b).and_then(|x| x.extends.clone());
                if bases.len() > 64 {
                    break;
                }
            }
            let name = types.unique(&camel(&c.name));
            self.by_path.insert(c.name.clone(), Ty::Class(self.classes.len()));
            self.classes.push(Class { id: id as u32, class: c.name.clone(), name, bases, accepts: vec![id as u32] });
        }
        // A subclass instance is valid where a base class is expected.
        let pairs: Vec<(u32, Vec<u32>)> = self.classes.iter().map(|c| (c.id, c.bases.clone())).collect();
        for class in &mut self.classes {
            for (id, bases) in &pairs {
                if bases.contains(&class.id) {
                    class.accepts.push(*id);
                }
            }
        }
        // Fields after every class is known (records nest).
        for (i, r) in dts.records.iter().enumerate() {
            let as_types: Vec<AsType> = r.fields.iter().map(|(_, t)| t.clone()).collect();
            let (offsets, size) = layout(&as_types);
            let mut scope = Scope::default();
            let mut fields = Vec::new();
            for ((as_name, ty), offset) in r.fields.iter().zip(offsets) {
                let what = format!("field `{as_name}` of record `{}`", r.class);
                let Some(resolved) = self.resolve(ty, r.line, &what) else { continue };
                if is_buffer(&resolved) {
                    self.errors.push(
                        Diagnostic::new(
                            &dts.path,
                            Some(r.line),
                            format!("{what} is an ArrayBuffer, which asbind cannot marshal inside a record yet"),
                        )
                        .help("use a typed array (e.g. Uint8Array) for the field"),
                    );
                }
                fields.push(Field {
                    as_name: as_name.clone(),
                    name: scope.unique(&snake(as_name)),
                    ty: resolved,
                    offset,
                    doc: ty.to_string(),
                });
            }
            self.records[i].fields = fields;
            self.records[i].size = size;
        }
    }

    /// Resolves an AssemblyScript type; unsupported ones are reported against `line`.
    fn resolve(&mut self, ty: &AsType, line: u32, what: &str) -> Option<Ty> {
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

    fn enums(&mut self, types: &mut Scope) -> Vec<Enum> {
        let Some(dts) = self.dts else { return Vec::new() };
        let mut out = Vec::new();
        for e in &dts.enums {
            let mut members = Vec::new();
            let mut variants = Scope::default();
            for m in &e.members {
                let export = static_member(&e.name, m);
                match self.wasm.global(&export).and_then(|g| g.init) {
                    Some(Const::I32(v)) => members.push((m.clone(), variants.unique(&camel(m)), v)),
                    _ => self.errors.push(
                        Diagnostic::new(
                            &dts.path,
                            Some(e.line),
                            format!("enum member `{export}` is not an exported constant global of the wasm module"),
                        )
                        .help("pass the .d.ts that asc wrote for this same .wasm"),
                    ),
                }
            }
            out.push(Enum { as_name: e.name.clone(), name: types.unique(&camel(&e.name)), members });
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
        let mut scope = Scope::new(&["self", "cx", "argc"]);
        let mut out = Vec::new();
        let mut ok = true;
        for p in params {
            let what = format!("parameter `{}` of `{export}`", p.name);
            match self.resolve(&p.ty, line, &what) {
                Some(ty) => out.push(Param { name: scope.unique(&snake(&p.name)), ty, optional: p.optional }),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn functions(&mut self, methods: &mut Scope, notes: &mut Vec<String>) -> Vec<Function> {
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
                    name: methods.unique(&snake(&f.name)),
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
        let mut class_scopes: Vec<Scope> = class_scopes(&self.classes);
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
            if let Some(typed) = self.classic_member(&f.name, &f.sig, &mut class_scopes) {
                out.push(typed);
                continue;
            }
            let params = f
                .sig
                .params
                .iter()
                .enumerate()
                .map(|(i, t)| Param { name: format!("arg{i}"), ty: Ty::Raw(*t), optional: false })
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
                name: methods.unique(&snake(&f.name)),
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
    fn classic_member(&mut self, export: &str, sig: &Signature, scopes: &mut [Scope]) -> Option<Function> {
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
        let this = Param { name: "this".into(), ty: Ty::Class(ci), optional: false };
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
        let mut scope = Scope::new(&["self", "cx", "argc", "m", "this"]);
        let mut all = Vec::new();
        if kind != MemberKind::Static {
            all.push(if kind == MemberKind::Constructor {
                Param { name: "this".into(), ty: Ty::Raw(WasmType::I32), optional: false }
            } else {
                this.clone()
            });
        }
        for p in &params {
            let ty = self.resolve(&p.ty, 0, "")?;
            all.push(Param { name: scope.unique(&snake(&p.name)), ty, optional: p.optional });
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
        let name = scopes[ci].unique(&wanted);
        Some(Function {
            export: export.to_string(),
            name: snake(export),
            params: all,
            result,
            sig: sig.clone(),
            doc,
            member: Some(Member { class: ci, kind, name, classic: true }),
        })
    }

    fn globals(&mut self, methods: &mut Scope) -> Vec<Global> {
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
                        let member = split_static(&g.name)
                            .filter(|_| classic)
                            .and_then(|(c, f)| Some((self.classes.iter().position(|x| x.class == c)?, snake(f))));
                        let name = if member.is_some() { snake(&g.name) } else { methods.unique(&snake(&g.name)) };
                        out.push(Global { export: g.name.clone(), name, ty, mutable, doc: g.ty.to_string(), member });
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
                name: methods.unique(&snake(&w.name)),
                ty: Ty::Raw(w.ty),
                mutable: w.mutable,
                doc: format!("{} (raw wasm global)", w.ty),
                member: None,
            });
        }
        out
    }

    fn imports(&mut self, glue: &[GlueImport]) -> Vec<Import> {
        let mut out = Vec::new();
        let mut scope = Scope::default();
        for imp in &self.wasm.imports {
            let crate::input::wasm::ImportKind::Func(sig) = &imp.kind else { continue };
            if std_import(&imp.module, &imp.field).is_some() {
                continue;
            }
            let typed = glue.iter().find(|g| g.module == imp.module && g.field == imp.field);
            let (params, result, doc) = match typed {
                Some(g) => {
                    let what = format!("import `{}.{}`", imp.module, imp.field);
                    let params: Option<Vec<Ty>> = g.params.iter().map(|(t, _)| self.resolve(t, 0, &what)).collect();
                    let result = self.resolve(&g.result, 0, &what);
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
                        self.wasm_path,
                        None,
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
            let mut arg_scope = Scope::new(&["self", "cx", "r"]);
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
        out
    }
}

fn class_name(path: &str) -> &str {
    let base = path.split('<').next().unwrap_or(path);
    base.rsplit('/').next().unwrap_or(base)
}

/// `ArrayBuffer` or `ArrayBuffer | null`: not marshalled inside arrays and records yet.
fn is_buffer(ty: &Ty) -> bool {
    match ty {
        Ty::ArrayBuffer => true,
        Ty::Nullable(t) => is_buffer(t),
        _ => false,
    }
}

/// The wasm type a value of `ty` travels as.
pub fn wasm_of(ty: &Ty) -> WasmType {
    ty_wasm(ty).unwrap_or(WasmType::I32)
}

fn ty_wasm(ty: &Ty) -> Option<WasmType> {
    match ty {
        Ty::Void => None,
        Ty::Scalar(s) => Some(s.wasm()),
        Ty::Raw(w) => Some(*w),
        _ => Some(WasmType::I32),
    }
}

fn join(types: &[WasmType]) -> String {
    types.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_the_abi() {
        // AS_ABI §4.2: class Mixed { a:u8 b:f64 c:i32 s:string t:bool h:u16 n:string|null big:i64 ub:u64 u:u32 f:f32 arr:i32[] inner:Inner|null }
        let t = |s: &str| AsType::parse(s);
        let fields = [
            t("u8"),
            t("f64"),
            t("i32"),
            t("~lib/string/String"),
            t("bool"),
            t("u16"),
            t("~lib/string/String | null"),
            t("i64"),
            t("u64"),
            t("u32"),
            t("f32"),
            t("~lib/array/Array<i32>"),
            t("src/values/Inner | null"),
        ];
        let (offsets, size) = layout(&fields);
        assert_eq!(offsets, [0, 8, 16, 20, 24, 26, 28, 32, 40, 48, 52, 56, 60]);
        assert_eq!(size, 64);
        assert_eq!(layout(&[t("i8"), t("i16")]), (vec![0, 2], 4));
    }
}
