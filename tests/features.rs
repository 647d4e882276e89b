//! The generator and the runtime agree on WebAssembly proposals: both derive their feature set
//! from `asbind_abi::features::FEATURES`, so a module the generator binds is one the engine loads,
//! and a module the engine cannot load is refused by the generator with the proposal's name.

use std::path::Path;

use asbind_abi::features::{FEATURES, Proposal, feature};

/// One small module per proposal, using it.
const CASES: &[(Proposal, &str)] = &[
    (Proposal::Simd, r#"(module (func (export "f") (result v128) v128.const i32x4 1 2 3 4))"#),
    (
        Proposal::RelaxedSimd,
        r#"(module (func (export "f") (param v128 v128 v128) (result v128)
            local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd))"#,
    ),
    (Proposal::GcTypes, r#"(module (func (export "f") (param externref) (result externref) local.get 0))"#),
    (Proposal::ReferenceTypes, r#"(module (table 1 funcref) (func (export "f") (result i32) table.size 0))"#),
    (Proposal::Threads, r#"(module (memory 1 1 shared))"#),
    (Proposal::BulkMemory, r#"(module (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.copy))"#),
    (Proposal::SignExtension, r#"(module (func (param i32) (result i32) local.get 0 i32.extend8_s))"#),
    (Proposal::SaturatingFloatToInt, r#"(module (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s))"#),
    (Proposal::MutableGlobal, r#"(module (global (export "g") (mut i32) (i32.const 0)))"#),
    (Proposal::MultiValue, r#"(module (func (result i32 i32) i32.const 0 i32.const 1))"#),
    (Proposal::TailCall, r#"(module (func $f (result i32) return_call $f))"#),
    (Proposal::MultiMemory, r#"(module (memory 1) (memory 1))"#),
    (Proposal::Memory64, r#"(module (memory i64 1))"#),
    (Proposal::ExtendedConst, r#"(module (global i32 (i32.add (i32.const 1) (i32.const 2))))"#),
    (Proposal::Exceptions, r#"(module (tag $t) (func throw $t))"#),
    (Proposal::Gc, r#"(module (type (struct)) (func (result (ref null 0)) ref.null 0))"#),
    (Proposal::FunctionReferences, r#"(module (type $t (func)) (func (param (ref null $t)) local.get 0 call_ref $t))"#),
];

#[test]
fn generator_and_runtime_accept_the_same_proposals() {
    for (proposal, wat) in CASES {
        let bytes = wat::parse_str(wat).expect("test wat");
        let f = feature(*proposal);
        let generator = asbind_codegen::input::wasm::read(Path::new("case.wasm"), &bytes);
        let runtime = asbind::Module::new(&bytes);
        assert_eq!(generator.is_ok(), f.supported, "generator on {}: {generator:?}", f.name);
        assert_eq!(runtime.is_ok(), f.supported, "runtime on {}: {:?}", f.name, runtime.err());
        if let Err(d) = generator {
            assert!(d.message.contains("a WebAssembly proposal asbind cannot run"), "{d}");
            assert!(d.message.contains(f.name), "{} not named in {d}", f.name);
        }
    }
    // Every proposal has a case.
    for f in FEATURES {
        if f.proposal != Proposal::WideArithmetic {
            assert!(CASES.iter().any(|(p, _)| *p == f.proposal), "no case for {}", f.name);
        }
    }
}

#[test]
fn unsupported_proposal_errors_name_the_asc_flag() {
    let shared = wat::parse_str(r#"(module (memory (export "memory") 1 1 shared))"#).unwrap();
    let d = asbind_codegen::input::wasm::read(Path::new("threads.wasm"), &shared).unwrap_err();
    assert!(d.message.contains("threads (shared memories and atomics"), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("rebuild the module without `--enable threads` (and without code that needs it)")
    );
    let externref = wat::parse_str(r#"(module (global (export "g") externref (ref.null extern)))"#).unwrap();
    let d = asbind_codegen::input::wasm::read(Path::new("x.wasm"), &externref).unwrap_err();
    assert!(d.message.contains("externref"), "{d}");
    // Invalid wasm is still reported as such.
    let bad = wat::parse_str(r#"(module (func (result i32)))"#).unwrap();
    let d = asbind_codegen::input::wasm::read(Path::new("bad.wasm"), &bad).unwrap_err();
    assert!(d.message.starts_with("not a valid WebAssembly module"), "{d}");
}

/// A module with SIMD code goes through the whole generator (bindings with raw types) and runs.
#[test]
fn simd_module_binds_and_runs() {
    let wat = r#"(module
        (memory (export "memory") 1)
        (func (export "dot4") (param f32 f32 f32 f32) (result f32)
            (local v128)
            (local.set 4 (f32x4.mul
                (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
                    (f32x4.splat (local.get 0)) (local.get 1)) (local.get 2)) (local.get 3))
                (v128.const f32x4 1 2 3 4)))
            (f32.add (f32.add (f32x4.extract_lane 0 (local.get 4)) (f32x4.extract_lane 1 (local.get 4)))
                     (f32.add (f32x4.extract_lane 2 (local.get 4)) (f32x4.extract_lane 3 (local.get 4))))))"#;
    let bytes = wat::parse_str(wat).unwrap();
    let dir = std::env::temp_dir().join(format!("asbind-simd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("simd.wasm");
    std::fs::write(&path, &bytes).unwrap();
    let options = asbind_codegen::Options::new(&path, asbind_codegen::Embed::Runtime);
    let generated = asbind_codegen::generate(&options).expect("the generator accepts SIMD");
    assert!(generated.model.functions.iter().any(|f| f.export == "dot4"));
    let module = asbind::Module::new(&bytes).expect("the runtime loads SIMD");
    let mut instance = asbind::Instance::new(&module).expect("instantiates");
    let dot4 = instance.func::<(f32, f32, f32, f32), f32>("dot4").unwrap();
    assert_eq!(instance.call(&dot4, (1.0, 1.0, 1.0, 1.0)).unwrap(), 10.0);
    std::fs::remove_dir_all(&dir).ok();
}
