//! The generator over every real module of `corpus/out/`: each binds (warnings allowed, listed
//! here) and the generated code parses.

use std::path::Path;

use asbind_codegen::{Embed, Options};

/// Modules the generator still refuses, with the start of the first error.
const REFUSED: &[(&str, &str)] = &[("rabin_wasm", "was written by AssemblyScript 0.17 or older")];

#[test]
fn every_corpus_module_binds_and_parses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/out");
    let mut wasms: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/out")
        .filter_map(|e| Some(e.ok()?.path()).filter(|p| p.extension().is_some_and(|x| x == "wasm")))
        .collect();
    wasms.sort();
    assert!(wasms.len() >= 14, "{wasms:?}");
    for wasm in wasms {
        let stem = wasm.file_stem().unwrap().to_string_lossy().to_string();
        let result = asbind_codegen::generate(&Options::new(&wasm, Embed::Runtime));
        if let Some((_, why)) = REFUSED.iter().find(|(n, _)| *n == stem) {
            let e = result.expect_err(&stem);
            assert!(e.0.len() == 1 && e.0[0].message.contains(why), "{stem}: {e}");
            continue;
        }
        let g = result.unwrap_or_else(|e| panic!("{stem} does not bind:\n{e}"));
        for w in &g.model.warnings {
            eprintln!("{stem}: warning: {w}");
        }
        let text = asbind_codegen::format(&g.tokens, &stem).unwrap_or_else(|e| panic!("{stem}: {e}"));
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{stem}: generated code does not parse: {e}"));
    }
}

/// The two modules refused before for a function-typed parameter bind every export now.
#[test]
fn function_typed_parameters_no_longer_refuse_a_module() {
    for (stem, export, handle) in [("as_uuid", "rng", "FnUint8ArrayToVoid"), ("as_option", "orElse", "FnToI32")] {
        let wasm = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../corpus/out/{stem}.wasm"));
        let g = asbind_codegen::generate(&Options::new(&wasm, Embed::Runtime)).expect(stem);
        assert!(g.model.functions.iter().any(|f| f.export == export), "{stem}");
        assert!(g.model.classes.iter().any(|c| c.name == handle), "{stem}: {:?}", g.model.classes);
        assert_eq!(g.model.warnings.len(), 1, "{stem}: {:?}", g.model.warnings);
    }
}
