//! Partial support: a module with exports asbind cannot fully type still gets bindings for
//! everything, with warnings; function references are opaque handles that go back in; export
//! aliases are bound.

use std::path::Path;

asbind::include!("fixtures/partial.wasm");

#[test]
fn function_references_are_handles_that_go_back_in() -> asbind::Result<()> {
    let mut m = partial::Module::new()?;
    let double: partial::FnI32ToI32 = m.double_fn()?;
    assert_eq!(m.apply(&double, 21)?, 42);
    let square = m.square_fn()?;
    m.collect()?;
    // The handles keep the function objects alive across collections.
    assert_eq!(m.apply(&double, 5)?, 10);
    assert_eq!(m.apply(&square, 5)?, 25);
    let seven: partial::FnToI32 = m.seven()?;
    assert_eq!(m.run(&seven)?, 8);
    assert_eq!(m.greet("rust")?, "hello rust");
    Ok(())
}

#[test]
fn export_aliases_are_bound() -> asbind::Result<()> {
    let mut m = partial::Module::new()?;
    assert_eq!(m.renamed_add(2, 3)?, 5);
    assert_eq!(m.total_alias()?, 5);
    m.set_total_alias(7)?;
    assert_eq!(m.total_alias()?, 7);
    Ok(())
}

#[test]
fn function_typed_parameters_are_warnings_in_the_model_and_docs() {
    let options = asbind_codegen::Options::new("fixtures/partial.wasm", asbind_codegen::Embed::Runtime);
    let g = asbind_codegen::generate(&options).expect("binds");
    let warnings: Vec<String> =
        g.model.warnings.iter().map(|w| asbind_codegen::Diagnostics(vec![w.clone()]).to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].starts_with("warning: fixtures/partial.d.ts:16: "), "{}", warnings[0]);
    assert!(warnings[0].contains("parameter `f` of `apply` is a function (`(i32) => i32`"), "{}", warnings[0]);
    assert!(warnings[0].contains("opaque handle `FnI32ToI32`"), "{}", warnings[0]);
    assert!(warnings[1].contains("parameter `action` of `run`"), "{}", warnings[1]);
    let apply = g.model.functions.iter().find(|f| f.export == "apply").unwrap();
    assert!(apply.doc.contains("Warning: parameter `f` of `apply`"), "{}", apply.doc);
    let text = asbind_codegen::format(&g.tokens, "partial.wasm").unwrap();
    assert!(text.contains("AssemblyScript class `~lib/function/Function<(i32)=>i32>`"), "decoded in docs");
}

/// A `.d.ts` without the internref of a function type (hand-cut here): the export is bound with
/// its raw wasm signature and a warning; the other exports are typed.
#[test]
fn an_unmarshallable_type_binds_raw_with_a_warning() {
    let dir = std::env::temp_dir().join(format!("asbind-partial-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("fixtures/partial.wasm", dir.join("partial.wasm")).unwrap();
    let dts = std::fs::read_to_string("fixtures/partial.d.ts").unwrap();
    // Drop the `declare class __InternrefN` blocks of the function types.
    let mut cut = String::new();
    let mut skipping = false;
    for line in dts.lines() {
        skipping |= line.starts_with("/** ~lib/function/Function");
        if !skipping {
            cut.push_str(line);
            cut.push('\n');
        }
        skipping &= line != "}";
    }
    std::fs::write(dir.join("partial.d.ts"), cut).unwrap();
    let options = asbind_codegen::Options::new(dir.join("partial.wasm"), asbind_codegen::Embed::Runtime);
    let g = asbind_codegen::generate(&options);
    std::fs::remove_dir_all(&dir).ok();
    let g = g.expect("binds the rest");
    let apply = g.model.functions.iter().find(|f| f.export == "apply").unwrap();
    assert!(apply.params.iter().all(|p| matches!(p.ty, asbind_codegen::model::Ty::Raw(_))), "{apply:?}");
    let greet = g.model.functions.iter().find(|f| f.export == "greet").unwrap();
    assert_eq!(greet.result, asbind_codegen::model::Ty::String);
    let w = g.model.warnings.iter().find(|w| w.message.contains("`apply` is bound with its raw wasm signature"));
    let w = w.unwrap_or_else(|| panic!("{:#?}", g.model.warnings));
    assert!(w.message.contains("AssemblyScript function reference"), "{w}");
    assert_eq!(w.file, Path::new(&dir).join("partial.d.ts"));
}

/// Bindings given another build of the module say so, instead of failing at the first export.
#[test]
fn bindings_refuse_a_module_they_were_not_generated_from() {
    let other = asbind::Module::from_file("fixtures/hello.wasm").unwrap();
    let err = partial::Module::from_module(&other, asbind::Imports::new()).err().expect("refused");
    let text = err.to_string();
    assert!(matches!(err, asbind::Error::Mismatch(_)), "{err:?}");
    assert!(
        text.starts_with("this wasm does not match the bindings generated from partial.wasm (it lacks exports `apply`"),
        "{text}"
    );
    // The same fingerprint on both sides for the module itself.
    let own = asbind::Module::new(partial::Module::wasm()).unwrap();
    assert!(partial::Module::from_module(&own, asbind::Imports::new()).is_ok());
    // A module with the same export names but another signature.
    let options = asbind_codegen::Options::new("fixtures/partial.wasm", asbind_codegen::Embed::Runtime);
    let model = asbind_codegen::model(&options).unwrap();
    let funcs: Vec<&str> = model.functions.iter().map(|f| f.export.as_str()).collect();
    let globals: Vec<&str> = model.globals.iter().map(|g| g.export.as_str()).collect();
    assert_eq!(own.fingerprint(&funcs, &globals), asbind_codegen::model::fingerprint(&model));
    let wat = r#"(module (memory (export "memory") 1) (func (export "greet") (param i64) (result i32) i32.const 0))"#;
    let changed = asbind::Module::new(wat::parse_str(wat).unwrap()).unwrap();
    let err = changed.check_bindings(1, &["greet"], &[], "m.wasm", "regenerate them with `asbind gen m.wasm`");
    assert_eq!(
        err.unwrap_err().to_string(),
        "this wasm does not match the bindings generated from m.wasm (the signatures of its exports differ); \
         regenerate them with `asbind gen m.wasm`"
    );
}
