//! What the generator needs from the wasm binary: exported functions with their signatures,
//! exported globals (with constant initial values, for enum members), imports, and which parts
//! of the AssemblyScript runtime interface are exported.

use std::path::Path;

use asbind_abi::exports::{MEMORY, RTTI_BASE, RUNTIME_FUNCTIONS};
use asbind_abi::features::{FEATURES, Feature, Proposal};
use wasmparser::{ConstExpr, ExternalKind, Operator, Parser, Payload, TypeRef, ValType, Validator, WasmFeatures};

use crate::astype::WasmType;
use crate::diag::Diagnostic;

/// A wasm function signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    /// Parameter types.
    pub params: Vec<WasmType>,
    /// Result types.
    pub results: Vec<WasmType>,
}

/// An exported function.
#[derive(Debug, Clone, PartialEq)]
pub struct WasmFunc {
    /// Export name.
    pub name: String,
    /// Its signature.
    pub sig: Signature,
}

/// A constant a global starts with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Const {
    /// `i32.const`
    I32(i32),
    /// `i64.const`
    I64(i64),
    /// `f32.const`
    F32(f32),
    /// `f64.const`
    F64(f64),
}

/// An exported global.
#[derive(Debug, Clone, PartialEq)]
pub struct WasmGlobal {
    /// Export name.
    pub name: String,
    /// Value type.
    pub ty: WasmType,
    /// `mut`?
    pub mutable: bool,
    /// The initial value, when it is a plain constant.
    pub init: Option<Const>,
}

/// What an import is.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportKind {
    /// A function with this signature.
    Func(Signature),
    /// A global of this type.
    Global(WasmType),
    /// A memory.
    Memory,
    /// A table.
    Table,
    /// A tag.
    Tag,
}

/// An import.
#[derive(Debug, Clone, PartialEq)]
pub struct WasmImport {
    /// Module name.
    pub module: String,
    /// Field name.
    pub field: String,
    /// What it is.
    pub kind: ImportKind,
}

/// The parts of a wasm module the generator uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WasmInfo {
    /// Exported functions, in export order.
    pub functions: Vec<WasmFunc>,
    /// Exported globals, in export order.
    pub globals: Vec<WasmGlobal>,
    /// Whether `memory` is exported.
    pub memory: bool,
    /// Imports, in order.
    pub imports: Vec<WasmImport>,
    /// Whether the module has a start section (runs at instantiation). Without one, a module
    /// built with `--exportStart` waits for the host to call its start export.
    pub start_section: bool,
    /// The `asbind` custom section the classes transform writes, if present and readable.
    pub asbind: Option<super::section::Section>,
}

impl WasmInfo {
    /// The exported function `name`.
    pub fn function(&self, name: &str) -> Option<&WasmFunc> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The exported global `name`.
    pub fn global(&self, name: &str) -> Option<&WasmGlobal> {
        self.globals.iter().find(|g| g.name == name)
    }

    /// Whether the module exports everything needed to pass managed values in
    /// ([`RUNTIME_FUNCTIONS`] and [`RTTI_BASE`], AS_ABI §5.1).
    pub fn has_runtime(&self) -> bool {
        RUNTIME_FUNCTIONS.iter().all(|n| self.function(n).is_some()) && self.global(RTTI_BASE).is_some()
    }

    /// Runtime interface exports that are missing.
    pub fn missing_runtime(&self) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> =
            RUNTIME_FUNCTIONS.iter().copied().filter(|n| self.function(n).is_none()).collect();
        if self.global(RTTI_BASE).is_none() {
            missing.push(RTTI_BASE);
        }
        missing
    }
}

fn val(t: ValType) -> WasmType {
    match t {
        ValType::I32 => WasmType::I32,
        ValType::I64 => WasmType::I64,
        ValType::F32 => WasmType::F32,
        ValType::F64 => WasmType::F64,
        ValType::V128 => WasmType::V128,
        ValType::Ref(_) => WasmType::Ref,
    }
}

fn constant(expr: &ConstExpr<'_>) -> Option<Const> {
    let mut ops = expr.get_operators_reader();
    let value = match ops.read().ok()? {
        Operator::I32Const { value } => Const::I32(value),
        Operator::I64Const { value } => Const::I64(value),
        Operator::F32Const { value } => Const::F32(f32::from_bits(value.bits())),
        Operator::F64Const { value } => Const::F64(f64::from_bits(value.bits())),
        _ => return None,
    };
    matches!(ops.read().ok()?, Operator::End).then_some(value)
}

/// The wasmparser flags of one proposal.
fn flags(p: Proposal) -> WasmFeatures {
    match p {
        Proposal::MutableGlobal => WasmFeatures::MUTABLE_GLOBAL,
        Proposal::SignExtension => WasmFeatures::SIGN_EXTENSION,
        Proposal::SaturatingFloatToInt => WasmFeatures::SATURATING_FLOAT_TO_INT,
        Proposal::BulkMemory => WasmFeatures::BULK_MEMORY,
        Proposal::MultiValue => WasmFeatures::MULTI_VALUE,
        Proposal::Simd => WasmFeatures::SIMD,
        Proposal::RelaxedSimd => WasmFeatures::RELAXED_SIMD,
        Proposal::ReferenceTypes => WasmFeatures::REFERENCE_TYPES,
        Proposal::GcTypes => WasmFeatures::GC_TYPES,
        Proposal::FunctionReferences => WasmFeatures::FUNCTION_REFERENCES,
        Proposal::TailCall => WasmFeatures::TAIL_CALL,
        Proposal::MultiMemory => WasmFeatures::MULTI_MEMORY,
        Proposal::Memory64 => WasmFeatures::MEMORY64,
        Proposal::ExtendedConst => WasmFeatures::EXTENDED_CONST,
        Proposal::Threads => WasmFeatures::THREADS,
        Proposal::Exceptions => WasmFeatures::EXCEPTIONS,
        Proposal::Gc => WasmFeatures::GC,
        Proposal::WideArithmetic => WasmFeatures::WIDE_ARITHMETIC,
    }
}

/// What the generator validates against: exactly the proposals asbind's engine runs
/// ([`asbind_abi::features::FEATURES`]), so an accepted module is one the runtime loads.
pub fn validator_features() -> WasmFeatures {
    FEATURES.iter().filter(|f| f.supported).fold(WasmFeatures::FLOATS, |all, f| all | flags(f.proposal))
}

/// When `bytes` is valid wasm that uses proposals asbind does not run, a diagnostic naming them.
fn unsupported_feature(path: &Path, bytes: &[u8]) -> Option<Diagnostic> {
    let base = validator_features();
    let unsupported: Vec<&Feature> = FEATURES.iter().filter(|f| !f.supported).collect();
    let with = |extra: WasmFeatures| Validator::new_with_features(base | extra).validate_all(bytes).is_ok();
    let all = unsupported.iter().fold(WasmFeatures::empty(), |all, f| all | flags(f.proposal));
    if !with(all) {
        return None;
    }
    // The proposals that, alone, make it valid; else every one it may need.
    let mut used: Vec<&Feature> = unsupported.iter().copied().filter(|f| with(flags(f.proposal))).collect();
    if used.is_empty() {
        used = unsupported.iter().copied().filter(|f| !with(all - flags(f.proposal))).collect();
    }
    let names = used.iter().map(|f| format!("{} ({})", f.name, f.detail)).collect::<Vec<_>>().join("; ");
    let flags: Vec<String> = used.iter().filter_map(|f| f.asc_flag).map(|f| format!("`--enable {f}`")).collect();
    let help = if flags.is_empty() {
        "rebuild the module without these proposals".to_string()
    } else {
        format!("rebuild the module without {} (and without code that needs it)", flags.join(" or "))
    };
    Some(
        Diagnostic::new(path, None, format!("this module uses a WebAssembly proposal asbind cannot run: {names}"))
            .help(help),
    )
}

/// Reads (and validates) a wasm binary. `path` names it in diagnostics.
pub fn read(path: &Path, bytes: &[u8]) -> Result<WasmInfo, Diagnostic> {
    let bad = |e: wasmparser::BinaryReaderError| {
        Diagnostic::new(path, None, format!("not a valid WebAssembly module: {e}"))
            .help("pass the .wasm file asc wrote (--outFile), not a .wat or a truncated copy")
    };
    if let Err(e) = Validator::new_with_features(validator_features()).validate_all(bytes) {
        return Err(unsupported_feature(path, bytes).unwrap_or_else(|| bad(e)));
    }

    let mut types: Vec<Signature> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new(); // type index of every function, imports first
    let mut globals: Vec<(WasmType, bool, Option<Const>)> = Vec::new(); // imports first
    let mut exports: Vec<(String, ExternalKind, u32)> = Vec::new();
    let mut info = WasmInfo::default();

    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(bad)? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(bad)?.into_types() {
                        // Non-function types (GC proposal) keep their index with an empty signature.
                        let sig = match sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => Signature {
                                params: f.params().iter().copied().map(val).collect(),
                                results: f.results().iter().copied().map(val).collect(),
                            },
                            _ => Signature { params: vec![], results: vec![] },
                        };
                        types.push(sig);
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(bad)?;
                    let kind = match import.ty {
                        TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                            func_types.push(t);
                            ImportKind::Func(
                                types.get(t as usize).cloned().unwrap_or(Signature { params: vec![], results: vec![] }),
                            )
                        }
                        TypeRef::Global(g) => {
                            globals.push((val(g.content_type), g.mutable, None));
                            ImportKind::Global(val(g.content_type))
                        }
                        TypeRef::Memory(_) => ImportKind::Memory,
                        TypeRef::Table(_) => ImportKind::Table,
                        TypeRef::Tag(_) => ImportKind::Tag,
                    };
                    info.imports.push(WasmImport { module: import.module.into(), field: import.name.into(), kind });
                }
            }
            Payload::FunctionSection(reader) => {
                for t in reader {
                    func_types.push(t.map_err(bad)?);
                }
            }
            Payload::GlobalSection(reader) => {
                for g in reader {
                    let g = g.map_err(bad)?;
                    globals.push((val(g.ty.content_type), g.ty.mutable, constant(&g.init_expr)));
                }
            }
            Payload::ExportSection(reader) => {
                for e in reader {
                    let e = e.map_err(bad)?;
                    exports.push((e.name.into(), e.kind, e.index));
                }
            }
            Payload::StartSection { .. } => info.start_section = true,
            Payload::CustomSection(reader) if reader.name() == super::section::NAME => {
                info.asbind = super::section::parse(reader.data());
            }
            _ => {}
        }
    }

    for (name, kind, index) in exports {
        match kind {
            ExternalKind::Func | ExternalKind::FuncExact => {
                let sig = func_types
                    .get(index as usize)
                    .and_then(|t| types.get(*t as usize))
                    .cloned()
                    .ok_or_else(|| Diagnostic::new(path, None, format!("export `{name}` has no function type")))?;
                info.functions.push(WasmFunc { name, sig });
            }
            ExternalKind::Global => {
                let (ty, mutable, init) = *globals
                    .get(index as usize)
                    .ok_or_else(|| Diagnostic::new(path, None, format!("export `{name}` has no global")))?;
                info.globals.push(WasmGlobal { name, ty, mutable, init });
            }
            ExternalKind::Memory if name == MEMORY => info.memory = true,
            _ => {}
        }
    }
    Ok(info)
}
