//! Running the builder again writes nothing when nothing changed, and what it writes is what the
//! build script wrote into OUT_DIR.

use std::path::{Path, PathBuf};
use std::time::Duration;

fn builder(out: &Path) -> asbind_build::Builder {
    // The same modules as build.rs (paths relative to this package's Cargo.toml).
    let mut b = asbind_build::Builder::new();
    b.module("../../fixtures/hello.wasm")
        .module("../../fixtures/vector3d.wasm")
        .module_with("../../fixtures/imports.wasm", |m| {
            m.dts("../../fixtures/imports.d.ts").js("../../fixtures/imports.js").name("host_imports")
        });
    b.out_dir(out);
    b
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const FILES: [&str; 3] = ["hello.rs", "vector3d.rs", "host_imports.rs"];

#[test]
fn same_output_as_the_build_script() {
    let out = fresh_dir("asbind-build-same-output");
    builder(&out).compile().unwrap();
    let built = Path::new(env!("OUT_DIR")).join("asbind");
    for file in FILES {
        let mine = std::fs::read_to_string(out.join(file)).unwrap();
        let theirs = std::fs::read_to_string(built.join(file)).unwrap();
        assert!(mine == theirs, "{file} differs from the build script's");
    }
}

#[test]
fn unchanged_output_is_not_rewritten() {
    let out = fresh_dir("asbind-build-no-rewrite");
    builder(&out).compile().unwrap();
    let mtimes = |dir: &Path| FILES.map(|f| std::fs::metadata(dir.join(f)).unwrap().modified().unwrap());
    let first = mtimes(&out);
    std::thread::sleep(Duration::from_millis(50));
    builder(&out).compile().unwrap();
    assert_eq!(mtimes(&out), first, "a second run rewrote unchanged files");

    // A file that differs is rewritten (and only that one).
    let hello = out.join("hello.rs");
    let good = std::fs::read(&hello).unwrap();
    std::fs::write(&hello, b"// edited by hand\n").unwrap();
    let edited = mtimes(&out);
    std::thread::sleep(Duration::from_millis(50));
    builder(&out).compile().unwrap();
    assert_eq!(std::fs::read(&hello).unwrap(), good);
    let after = mtimes(&out);
    assert_ne!(after[0], edited[0]);
    assert_eq!(after[1..], edited[1..]);
}
