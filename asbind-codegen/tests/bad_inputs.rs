//! Bad inputs give diagnostics that name the file, the line and what to do — never a panic.

use std::path::{Path, PathBuf};

use asbind_codegen::{Diagnostics, Embed, Options, generate};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn errors(wasm: &str, dts: Option<&str>) -> Diagnostics {
    let mut options = Options::new(repo(wasm), Embed::Runtime);
    options.dts = dts.map(repo);
    match generate(&options) {
        Ok(_) => panic!("{wasm} with {dts:?} should not bind"),
        Err(d) => d,
    }
}

#[test]
fn truncated_wasm() {
    let d = errors("asbind-codegen/tests/data/truncated.wasm", None);
    assert_eq!(d.0.len(), 1);
    let text = d.to_string();
    assert!(text.contains("truncated.wasm: not a valid WebAssembly module"), "{text}");
    assert!(text.contains("help: pass the .wasm file asc wrote"), "{text}");
}

#[test]
fn wasm_that_is_not_assemblyscript() {
    let text = errors("asbind-codegen/tests/data/empty.wasm", None).to_string();
    assert!(text.contains("does not look like an AssemblyScript module"), "{text}");
}

#[test]
fn dts_of_another_module_is_one_clear_error() {
    let d = errors("fixtures/hello.wasm", Some("fixtures/values.d.ts"));
    assert_eq!(d.0.len(), 1, "{d}");
    let first = &d.0[0];
    assert!(first.file.ends_with("fixtures/values.d.ts"));
    assert!(first.line.is_some_and(|l| l > 1));
    assert!(first.message.starts_with("values.d.ts does not describe hello.wasm:"), "{first}");
    assert!(first.message.contains("(`not_bool`, `neg_i8`, `neg_i16`, ...)"), "{first}");
    assert!(first.message.contains("which exports `sqrt_sum_square`"), "{first}");
    assert!(first.help.as_deref().is_some_and(|h| h.contains("same .wasm")));
}

#[test]
fn a_dts_that_almost_matches_lists_each_mismatch() {
    // hello.d.ts with one parameter type changed: one precise diagnostic at its line.
    let d = errors("fixtures/hello.wasm", Some("asbind-codegen/tests/data/hello_wrong_param.d.ts"));
    assert_eq!(d.0.len(), 1, "{d}");
    let text = d.to_string();
    assert!(text.contains("hello_wrong_param.d.ts:"), "{text}");
    assert!(
        text.contains(
            "`sqrt_sum_square` is declared as (f64, f32) -> (f32) but the wasm function is (f32, f32) -> (f32)"
        ),
        "{text}"
    );
}

#[test]
fn wrong_js_glue() {
    let mut options = Options::new(repo("fixtures/hello.wasm"), Embed::Runtime);
    options.js = Some(repo("fixtures/hello.d.ts"));
    let text = generate(&options).unwrap_err().to_string();
    assert!(text.contains("hello.d.ts: this is not the JS glue asc writes"), "{text}");
}

#[test]
fn lowering_into_a_module_without_runtime_exports() {
    let d = errors("fixtures/readonly.wasm", Some("asbind-codegen/tests/data/readonly_with_string_param.d.ts"));
    assert_eq!(d.0.len(), 1, "{d}");
    let text = d.to_string();
    assert!(
        text.contains("readonly_with_string_param.d.ts:14: `string_length` takes a value that must be allocated"),
        "{text}"
    );
    assert!(text.contains("__new, __pin, __unpin, __collect, __rtti_base"), "{text}");
    assert!(text.contains("help: rebuild the module with `asc --exportRuntime`"), "{text}");
}

#[test]
fn missing_files() {
    let text = errors("fixtures/nope.wasm", None).to_string();
    assert!(text.contains("nope.wasm: cannot read the wasm module"), "{text}");
    let text = errors("fixtures/hello.wasm", Some("fixtures/nope.d.ts")).to_string();
    assert!(text.contains("nope.d.ts: cannot read the .d.ts file"), "{text}");
}

#[test]
fn garbage_dts() {
    let text = errors("fixtures/hello.wasm", Some("fixtures/hello.wasm")).to_string();
    assert!(text.contains("hello.wasm:"), "{text}");
}

/// A copy of `fixtures/imports.js` with `edit` applied, in a temp dir.
fn edited_glue(name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("asbind-bad-inputs-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("imports.js");
    std::fs::write(&path, edit(&std::fs::read_to_string(repo("fixtures/imports.js")).unwrap())).unwrap();
    path
}

#[test]
fn import_problems_point_at_the_glues_line() {
    let js = edited_glue("sig", |t| {
        t.replace("host_scale(~lib/typedarray/Float64Array, f64)", "host_scale(~lib/typedarray/Float64Array, f64, i32)")
    });
    let mut options = Options::new(repo("fixtures/imports.wasm"), Embed::Runtime);
    options.js = Some(js.clone());
    let Err(d) = generate(&options) else { panic!("a glue that does not match the wasm's imports must not bind") };
    let e = d.0.iter().find(|e| e.message.contains("host.scale")).unwrap_or_else(|| panic!("{d}"));
    assert_eq!(e.file, js, "{d}");
    let text = std::fs::read_to_string(&js).unwrap();
    let line = text.lines().nth(e.line.expect("a line") as usize - 1).unwrap();
    assert!(line.trim_start().starts_with("scale("), "line {:?} is {line:?}", e.line);
    assert!(e.message.contains("the glue describes (i32, f64, i32) but the wasm imports (i32, f64)"), "{d}");
}

#[test]
fn glue_from_another_build_is_a_warning_at_its_line() {
    let mut options = Options::new(repo("fixtures/hello.wasm"), Embed::Runtime);
    options.js = Some(repo("fixtures/imports.js"));
    let Ok(generated) = generate(&options) else { panic!("a stale glue is a warning, not an error") };
    let w =
        generated.model.warnings.iter().find(|w| w.message.contains("host.scale")).expect("a warning for host.scale");
    assert!(w.file.ends_with("fixtures/imports.js") && w.line.is_some_and(|l| l > 1), "{w}");
}

#[test]
fn classic_members_the_dts_leaves_out_are_a_warning() {
    // asc 0.19's `-d` leaves out what it cannot describe; here `Shape#describe` is cut.
    let dir = std::env::temp_dir().join(format!("asbind-bad-inputs-{}-classic", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dts = dir.join("classes_0_19.d.ts");
    let text = std::fs::read_to_string(repo("fixtures/classes_0_19.d.ts")).unwrap();
    std::fs::write(&dts, text.replacen("  describe(): usize;\n", "", 1)).unwrap();
    let mut options = Options::new(repo("fixtures/classes_0_19.wasm"), Embed::Runtime);
    options.dts = Some(dts.clone());
    let Ok(generated) = generate(&options) else { panic!("a member left out is a warning, not an error") };
    let w = generated.model.warnings.iter().find(|w| w.message.contains("Shape#describe")).expect("a warning");
    assert_eq!((w.file.as_path(), w.line), (dts.as_path(), Some(14)), "{w}");
    assert!(w.message.contains("a member of class `Shape` the .d.ts does not describe"), "{w}");
}

#[test]
fn record_field_problems_point_at_the_field() {
    // `w` of src/values/Inner becomes a type asbind cannot marshal: the error is at its line.
    let dir = std::env::temp_dir().join(format!("asbind-bad-inputs-{}-field", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dts = dir.join("values.d.ts");
    let text = std::fs::read_to_string(repo("fixtures/values.d.ts")).unwrap();
    let edited =
        text.replacen("  /** @type `i16` */\n  w: number", "  /** @type `~lib/map/Map<i32,i32>` */\n  w: number", 1);
    assert_ne!(edited, text);
    std::fs::write(&dts, &edited).unwrap();
    let d = errors("fixtures/values.wasm", Some(dts.to_str().unwrap()));
    let e = d.0.iter().find(|e| e.message.contains("field `w` of record")).unwrap_or_else(|| panic!("{d}"));
    let line = edited.lines().nth(e.line.expect("a line") as usize - 1).unwrap();
    assert!(line.trim_start().starts_with("w: "), "line {:?} is {line:?}", e.line);
}
