//! Compile-fail tests for `asbind::include!`: each case in `tests/ui/` must fail with the
//! committed `.stderr`. After changing a message, run `TRYBUILD=overwrite cargo test --test ui`
//! and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
