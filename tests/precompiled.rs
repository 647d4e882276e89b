//! `asbind::include!` with asbind's `precompile` feature embeds an artifact that `compiled()`
//! loads; `precompile = false` opts one module out. (The workspace enables the feature through
//! asbind-bench; `cargo test -p asbind` alone runs the same checks without it. The fallbacks are
//! tested on build.rs bindings, in tests/build-script/tests/precompiled.rs.)

asbind::include!("fixtures/hello.wasm");
asbind::include!("fixtures/vector3d.wasm", precompile = false);

#[test]
fn the_macro_embeds_an_artifact_with_the_feature() -> asbind::Result<()> {
    assert_eq!(hello::Module::precompiled().is_some(), cfg!(feature = "precompile"));
    let module = hello::Module::compiled()?;
    assert_eq!(module.is_precompiled(), cfg!(feature = "precompile"), "{module:?}");
    let mut m = hello::Module::new()?;
    assert_eq!(m.expand_string("abc")?, "a b c");
    Ok(())
}

#[test]
fn precompile_false_embeds_only_the_wasm() -> asbind::Result<()> {
    assert!(vector3d::Module::precompiled().is_none());
    assert!(!vector3d::Module::compiled()?.is_precompiled());
    assert_eq!(vector3d::Module::new()?.get_random_vectors(2)?.len(), 2);
    Ok(())
}
