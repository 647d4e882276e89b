//! Compile-fail tests for `asbind::include!`: each case in `tests/ui/` must fail with the
//! committed `.stderr`. After changing a message, run `TRYBUILD=overwrite cargo test --test ui`
//! and review the diff.
//!
//! trybuild compiles the cases as one crate in `<target>/tests/trybuild/asbind/`, and that is
//! the `CARGO_MANIFEST_DIR` the macro resolves paths against; so the cases reach the repository
//! through `../../../../`, and the expected messages mention that directory. Both hold for the
//! default target directory only, so with another one (`CARGO_TARGET_DIR`, `build.target-dir`)
//! the test is skipped.

use std::path::Path;

#[test]
fn ui() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("CARGO_TARGET_TMPDIR is <target>/tmp");
    if target.canonicalize().ok() != repo.join("target").canonicalize().ok() {
        eprintln!("skipped: the ui cases expect the target directory {}", repo.join("target").display());
        return;
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
