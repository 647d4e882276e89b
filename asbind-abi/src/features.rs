//! The WebAssembly proposals a module may use, and which of them asbind runs: one list that
//! the runtime's engine configuration (`asbind-runtime`'s `default_engine()`) and the
//! generator's validator (`asbind-codegen`'s wasm reader) are both built from, so a module the
//! generator accepts is a module the engine loads.
//!
//! The engine is wasmtime 48 with the workspace's trimmed cargo features (`cranelift`, `runtime`,
//! `std`, `backtrace`): without wasmtime's `threads` and `gc` features it cannot load shared
//! memories, atomics, `externref` (a GC type in wasmtime), exceptions or the GC proposal.

/// A WebAssembly proposal (or feature of the core spec past the MVP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proposal {
    /// Mutable imported and exported globals.
    MutableGlobal,
    /// `i32.extend8_s` and friends.
    SignExtension,
    /// `i32.trunc_sat_f32_s` and friends.
    SaturatingFloatToInt,
    /// `memory.copy`, `memory.fill`, passive segments.
    BulkMemory,
    /// Functions and blocks with several results.
    MultiValue,
    /// 128-bit SIMD (`v128`).
    Simd,
    /// Relaxed SIMD.
    RelaxedSimd,
    /// Reference types: tables of `funcref`, `table.*` instructions.
    ReferenceTypes,
    /// `externref` (and other reference types wasmtime treats as GC types).
    GcTypes,
    /// Typed function references.
    FunctionReferences,
    /// `return_call`.
    TailCall,
    /// Several memories.
    MultiMemory,
    /// 64-bit memories.
    Memory64,
    /// Extended constant expressions.
    ExtendedConst,
    /// Shared memories and atomics.
    Threads,
    /// Exception handling (`try`/`throw`).
    Exceptions,
    /// The GC proposal (structs, arrays).
    Gc,
    /// 128-bit arithmetic (`i64.add128`).
    WideArithmetic,
}

/// One proposal: its name, the `asc --enable` flag that makes AssemblyScript emit it, and
/// whether asbind's engine runs modules that use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    /// Which proposal.
    pub proposal: Proposal,
    /// Its name in messages (`simd`, `threads`).
    pub name: &'static str,
    /// The `asc --enable` / `--disable` flag, when AssemblyScript has one.
    pub asc_flag: Option<&'static str>,
    /// Whether the runtime loads modules that use it (and the generator accepts them).
    pub supported: bool,
    /// What it is for the user (and, when unsupported, why not).
    pub detail: &'static str,
}

const fn f(
    proposal: Proposal,
    name: &'static str,
    asc_flag: Option<&'static str>,
    supported: bool,
    detail: &'static str,
) -> Feature {
    Feature { proposal, name, asc_flag, supported, detail }
}

/// Every proposal asbind knows of, supported first.
pub const FEATURES: &[Feature] = &[
    f(Proposal::MutableGlobal, "mutable-globals", Some("mutable-globals"), true, "mutable imported/exported globals"),
    f(Proposal::SignExtension, "sign-extension", Some("sign-extension"), true, "sign-extension operators"),
    f(Proposal::SaturatingFloatToInt, "nontrapping-f2i", Some("nontrapping-f2i"), true, "saturating conversions"),
    f(Proposal::BulkMemory, "bulk-memory", Some("bulk-memory"), true, "memory.copy, memory.fill"),
    f(Proposal::MultiValue, "multi-value", Some("multi-value"), true, "several results"),
    f(Proposal::Simd, "simd", Some("simd"), true, "v128 SIMD"),
    f(Proposal::RelaxedSimd, "relaxed-simd", Some("relaxed-simd"), true, "relaxed SIMD"),
    f(Proposal::ReferenceTypes, "reference-types", Some("reference-types"), true, "funcref tables"),
    f(Proposal::FunctionReferences, "function-references", None, true, "typed function references"),
    f(Proposal::TailCall, "tail-calls", Some("tail-calls"), true, "return_call"),
    f(Proposal::MultiMemory, "multi-memory", None, true, "several memories"),
    f(Proposal::Memory64, "memory64", None, true, "64-bit memories"),
    f(Proposal::ExtendedConst, "extended-const", Some("extended-const"), true, "extended constant expressions"),
    f(
        Proposal::GcTypes,
        "externref",
        Some("reference-types"),
        false,
        "`externref` values (AssemblyScript's `externref`/`anyref`): wasmtime treats them as GC types, and \
         asbind's wasmtime is built without its `gc` feature",
    ),
    f(
        Proposal::Threads,
        "threads",
        Some("threads"),
        false,
        "shared memories and atomics: asbind's wasmtime is built without its `threads` feature",
    ),
    f(
        Proposal::Exceptions,
        "exception-handling",
        Some("exception-handling"),
        false,
        "exception handling: asbind's wasmtime is built without its `gc` feature, which exceptions need",
    ),
    f(Proposal::Gc, "gc", Some("gc"), false, "the GC proposal: asbind's wasmtime is built without its `gc` feature"),
    f(Proposal::WideArithmetic, "wide-arithmetic", None, false, "128-bit arithmetic: not enabled in asbind's engine"),
];

/// The entry of `proposal` in [`FEATURES`].
pub fn feature(proposal: Proposal) -> &'static Feature {
    FEATURES.iter().find(|f| f.proposal == proposal).expect("every proposal is listed in FEATURES")
}

/// Whether asbind runs modules that use `proposal`.
pub fn supported(proposal: Proposal) -> bool {
    feature(proposal).supported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_proposal_is_listed_once() {
        for f in FEATURES {
            assert_eq!(FEATURES.iter().filter(|g| g.proposal == f.proposal).count(), 1, "{f:?}");
            assert_eq!(feature(f.proposal), f);
        }
        assert!(supported(Proposal::Simd));
        assert!(!supported(Proposal::Threads));
    }
}
