//! The model of one module: the checked description that the passes in `model/` build from
//! the wasm, the `.d.ts` and the glue, and that `emit` turns into tokens. Every export with
//! Rust-ready types, records with their field layout, classes with their ids, enums with their
//! values, and the custom imports.

use std::path::PathBuf;

use crate::astype::{Scalar, TypedArray, WasmType};
use crate::input::dts::Dialect;
use crate::input::wasm::Signature;

mod build;
mod builder;
mod classes;
mod enum_slots;
mod functions;
mod imports;
mod naming;
mod records;

pub use build::{build, fingerprint};
pub use records::layout;

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

    /// The Rust type whose `impl` holds the methods of class `class` (index into
    /// [`Model::classes`]), or of the module when `None`.
    pub fn impl_type(&self, class: Option<usize>) -> &str {
        class.and_then(|c| self.classes.get(c)).map_or("Module", |c| c.name.as_str())
    }

    /// How the generated code names the wasm it came from (the `@generated` header, the
    /// regenerate hint): see [`crate::resolve::source_name`].
    pub fn source(&self) -> String {
        crate::resolve::source_name(&self.wasm_path)
    }
}

impl Ty {
    /// Whether a result of this type can be borrowed in place (`<name>_view`): a typed array,
    /// or an array of numbers.
    pub fn has_view(&self) -> bool {
        match self {
            Ty::TypedArray(_) => true,
            Ty::Array(e) | Ty::StaticArray(e) => {
                matches!(**e, Ty::Scalar(s) if s != crate::astype::Scalar::Bool)
            }
            _ => false,
        }
    }

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
    /// AssemblyScript name (`arg0`, ... for raw exports).
    pub as_name: String,
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
    /// Rust method name on the module (for a class member, see [`Member::name`]).
    pub name: String,
    /// Its field in the generated `Exports` struct (unique across functions and globals).
    pub field: String,
    /// The method borrowing the result in place (`<name>_view`), for module functions whose
    /// result is a typed array or an array of numbers.
    pub view: Option<String>,
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

impl Function {
    /// The generated method that calls this export: a class member's name in its class's
    /// `impl`, else the module method's. The emitter names the method with it, and
    /// `asbind inspect` shows it, so the two cannot disagree.
    pub fn rust_name(&self) -> &str {
        self.member.as_ref().map_or(&self.name, |m| &m.name)
    }

    /// The Rust type whose `impl` has the method ([`rust_name`](Self::rust_name)): the class
    /// handle of a member, else `Module`.
    pub fn rust_owner<'m>(&self, model: &'m Model) -> &'m str {
        model.impl_type(self.member.as_ref().map(|m| m.class))
    }

    /// Leading wasm parameters that are not Rust parameters: a member's object (`self`), or a
    /// classic constructor's `this` (0: allocate).
    pub fn hidden_params(&self) -> usize {
        let member = self.member.as_ref();
        usize::from(member.is_some_and(|m| m.kind.has_self() || (m.classic && m.kind == MemberKind::Constructor)))
    }
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
    /// The field holds (directly, or through `| null`) a record of the same cycle of records
    /// as its own: `Box<T>` (`Option<Box<T>>`) in Rust, so that the struct has a size.
    pub boxed: bool,
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
    /// Whether the struct can derive `Default`: not when non-nullable record fields lead
    /// into a cycle (every value of it would be infinite).
    pub default: bool,
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
    /// Whether `accepts` lists every subclass: the module records its class hierarchy (the
    /// `asbind-classes` transform's section), so the handle refuses every other id.
    pub complete: bool,
}

/// An exported global.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    /// Export name.
    pub export: String,
    /// Rust getter name (in the class's `impl` for a classic static field).
    pub name: String,
    /// Rust setter name (`set_<name>`, unless that is taken), when the global is mutable.
    pub setter: Option<String>,
    /// Its field in the generated `Exports` struct.
    pub field: String,
    /// Type.
    pub ty: Ty,
    /// Has a setter.
    pub mutable: bool,
    /// AssemblyScript type, for docs.
    pub doc: String,
    /// A classic static field `C.f`: its class (the getter and setter are in its `impl`).
    pub member: Option<usize>,
}

/// An exported enum with its member values.
///
/// When every member is a constant, the enum is a `#[repr(i32)]` Rust enum with those values,
/// and members with the value of an earlier member are associated constants naming it
/// (`Alias::B == Alias::A`). When some member is computed when the module starts
/// (`Computed = f()`: asc makes its global mutable and sets it in the start function), no value
/// is known before instantiation: the Rust enum only names the members, and the module's
/// [`EnumLookup`] methods read the values from the instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// AssemblyScript name.
    pub as_name: String,
    /// Rust type name.
    pub name: String,
    /// Members, in declaration order.
    pub members: Vec<EnumMember>,
    /// For an enum with start-time members: the module methods that read the values.
    pub lookup: Option<EnumLookup>,
}

impl Enum {
    /// Whether some member's value is only known once the module has started.
    pub fn is_start_time(&self) -> bool {
        self.members.iter().any(|m| m.value.is_none())
    }
}

/// A member of an [`Enum`].
#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    /// AssemblyScript name.
    pub as_name: String,
    /// Rust variant (or alias constant) name.
    pub name: String,
    /// The value, when it is a constant of the wasm; `None` when the start function sets it.
    pub value: Option<i32>,
    /// In an all-constant enum, the earlier member with the same value (index into
    /// [`Enum::members`]): this one is an associated constant naming it.
    pub alias_of: Option<usize>,
    /// The export of its global (`Enum.Member`).
    pub export: String,
    /// Its field in the generated `Exports` struct (read by the [`EnumLookup`] methods).
    pub field: String,
}

/// The module methods of an enum with start-time members.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumLookup {
    /// `<enum>_value(member) -> i32`: a member's value in this instance.
    pub value: String,
    /// `<enum>_member(value) -> Enum`: the (first) member with a value in this instance.
    pub member: String,
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
    /// Parameter names (the glue's JS names, `arg0`, ... without it; `cx` is reserved).
    pub param_names: Vec<String>,
    /// Result type.
    pub result: Ty,
    /// The wasm signature.
    pub sig: Signature,
    /// AssemblyScript signature, for docs.
    pub doc: String,
}

/// A parameter or result of an export that is one of the module's enums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumSlot {
    /// The export.
    pub export: String,
    /// Where in its signature.
    pub slot: crate::input::section::Slot,
    /// Index into [`Model::enums`].
    pub enum_index: usize,
}

impl Model {
    /// The enum (index into [`Model::enums`]) that `export`'s `slot` is declared as, if any.
    pub fn enum_at(&self, export: &str, slot: crate::input::section::Slot) -> Option<usize> {
        self.enum_slots.iter().find(|s| s.export == export && s.slot == slot).map(|s| s.enum_index)
    }
}

/// An imported global the host provides (`@external("host", "scale") declare const SCALE: i32`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportGlobal {
    /// Import module.
    pub module: String,
    /// Import field.
    pub field: String,
    /// Rust trait method name (shares the `Host` trait's scope with the function imports).
    pub name: String,
    /// The global's wasm type.
    pub ty: WasmType,
}

/// Which front door the model is for (changes only how the module bytes are found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// Embed the bytes with `include_bytes!` of this absolute path (the macro, build.rs).
    Bytes(PathBuf),
    /// Embed the bytes as [`Embed::Bytes`] does, and beside them the module precompiled at
    /// build time, which `compiled()` loads instead of compiling when it matches.
    Precompiled(Precompiled),
    /// Load at run time: `Module::from_file` / `from_bytes` (the CLI's output).
    Runtime,
}

/// The wasm and its precompiled artifact (`asbind::Module::precompile`'s output), for
/// [`Embed::Precompiled`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precompiled {
    /// The wasm, embedded with `include_bytes!` of this absolute path.
    pub wasm: PathBuf,
    /// The artifact.
    pub artifact: Artifact,
    /// `cfg` conditions (`target_arch = "x86_64"`, ...) under which the artifact is embedded:
    /// the target it was compiled for, when the generator cannot know whether that is the one
    /// being built (the macro runs on the host). Empty: always.
    pub only_for: Vec<(String, String)>,
}

/// Where a precompiled artifact comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Artifact {
    /// A file, embedded with `include_bytes!` of this path: absolute, or relative to the file
    /// the generated code is written to (build.rs writes both to `OUT_DIR`).
    File(PathBuf),
    /// The bytes themselves, embedded as a byte string literal (the macro).
    Inline(Vec<u8>),
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
    /// Parameters and results that are enums (from the classes transform's custom section).
    pub enum_slots: Vec<EnumSlot>,
    /// The export to call once at instantiation (`--exportStart`): the module has no start
    /// section, and its globals and runtime are uninitialised until this runs.
    pub start: Option<String>,
    /// Imported globals the user provides (through the `Host` trait); the standard `Math`
    /// constants and imported memories and tables come from the runtime.
    pub import_globals: Vec<ImportGlobal>,
    /// Remarks for the user (no `.d.ts`, skipped exports, ...).
    pub notes: Vec<String>,
    /// Problems that did not stop the bindings: exports bound with raw wasm types or as opaque
    /// handles, inputs that look stale. Each is also in the docs of the item it is about.
    pub warnings: Vec<crate::diag::Diagnostic>,
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
