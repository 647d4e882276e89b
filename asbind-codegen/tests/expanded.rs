//! Expanded-code snapshots: the formatted bindings `asbind gen` writes for every fixture,
//! compared with the committed files in `tests/expanded/`. A change to the generator shows up
//! as a readable diff here; after checking it, accept it with
//! `ASBIND_BLESS=1 cargo test -p asbind-codegen --test expanded`.

use std::path::{Path, PathBuf};

use asbind_codegen::{Embed, Options, format, generate};

/// Every compiled fixture in `fixtures/`.
const FIXTURES: &[&str] = &[
    "hello",
    "values",
    "values_minimal",
    "values_stub",
    "vector3d",
    "imports",
    "stdlib",
    "readonly",
    "vector3d_0_19",
    "classes",
    "classes_plain",
    "classes_0_19",
    "start",
    "torture",
    "env_globals",
    "enums",
    "partial",
    "records",
    "nested",
    "names",
    "subclasses",
    "subclasses_plain",
    "subclasses_0_19",
];

/// Changed lines shown when a snapshot differs.
const MAX_DIFF_LINES: usize = 40;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("asbind-codegen is inside the workspace")
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expanded")
}

fn bless() -> bool {
    std::env::var_os("ASBIND_BLESS").is_some_and(|v| v == "1")
}

/// The bindings for `fixtures/<name>.wasm`, generated from the repository root with relative
/// paths so that nothing machine-specific ends up in them.
fn expand(name: &str) -> String {
    expand_path(&format!("fixtures/{name}.wasm"))
}

/// The bindings for `wasm`, a path as a user would type it in the repository root.
fn expand_path(wasm: &str) -> String {
    // Every test in this binary sets the same directory, so running them in parallel is fine.
    std::env::set_current_dir(root()).expect("enter the repository root");
    let options = Options { wasm: PathBuf::from(&wasm), dts: None, js: None, embed: Embed::Runtime };
    let generated = generate(&options).unwrap_or_else(|e| panic!("{wasm}: {e}"));
    format(&generated.tokens, &generated.model.source())
        .unwrap_or_else(|e| panic!("{wasm}: the generated code does not parse: {e}"))
}

fn check(name: &str) {
    let fresh = expand(name);
    assert!(!fresh.contains(&root().display().to_string()), "{name}: an absolute path got into the bindings");
    let path = snapshot_dir().join(format!("{name}.rs"));
    if bless() {
        std::fs::create_dir_all(snapshot_dir()).unwrap();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    let committed = match std::fs::read_to_string(&path) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(e) => panic!(
            "no snapshot {} ({e}); create it with `ASBIND_BLESS=1 cargo test -p asbind-codegen --test expanded`",
            path.display()
        ),
    };
    if committed != fresh {
        let shown = format!("tests/expanded/{name}.rs");
        panic!(
            "the bindings for fixtures/{name}.wasm changed:\n{}\nif the change is intended, accept it with \
             `ASBIND_BLESS=1 cargo test -p asbind-codegen --test expanded` and review the diff of {shown}",
            unified(&committed, &fresh, &format!("{shown} (committed)"), "generated now", MAX_DIFF_LINES)
        );
    }
}

macro_rules! snapshots {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
        #[test]
        fn the_list_covers_every_test() {
            assert_eq!([$(stringify!($name)),*], FIXTURES);
        }
    };
}

snapshots!(
    hello,
    values,
    values_minimal,
    values_stub,
    vector3d,
    imports,
    stdlib,
    readonly,
    vector3d_0_19,
    classes,
    classes_plain,
    classes_0_19,
    start,
    torture,
    env_globals,
    enums,
    partial,
    records,
    nested,
    names,
    subclasses,
    subclasses_plain,
    subclasses_0_19
);

#[test]
fn the_bindings_do_not_depend_on_how_the_wasm_path_is_spelled() {
    let plain = expand("classes");
    let folder = root().file_name().expect("the root has a name").to_string_lossy().to_string();
    let spellings = [
        "./fixtures/classes.wasm".to_string(),
        root().join("fixtures/classes.wasm").display().to_string(),
        format!("../{folder}/fixtures/classes.wasm"),
        "asbind-codegen/../fixtures/classes.wasm".to_string(),
    ];
    for wasm in spellings {
        assert!(expand_path(&wasm) == plain, "{wasm}: the bindings differ from those of fixtures/classes.wasm");
    }
}

#[test]
fn every_fixture_has_a_snapshot_and_every_snapshot_a_fixture() {
    let stems = |dir: &Path, ext: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok()?.path().to_str().map(str::to_owned))
            .filter_map(|p| Some(Path::new(p.strip_suffix(ext)?).file_name()?.to_str()?.to_owned()))
            .collect();
        v.sort();
        v
    };
    let mut expected: Vec<&str> = FIXTURES.to_vec();
    expected.sort();
    assert_eq!(stems(&root().join("fixtures"), ".wasm"), expected, "add new fixtures to FIXTURES");
    if !bless() {
        assert_eq!(stems(&snapshot_dir(), ".rs"), expected, "tests/expanded/ has missing or stale snapshots");
    }
}

#[test]
fn every_snapshot_parses() {
    for name in FIXTURES {
        let path = snapshot_dir().join(format!("{name}.rs"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(bless(), "no snapshot {}", path.display());
            continue;
        };
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(text.starts_with(&format!("// This file is @generated by asbind from {name}.wasm.")));
    }
}

/// One line of an edit script: indices into the old and the new lines.
#[derive(Clone, Copy)]
enum Op {
    Same(usize, usize),
    Old(usize),
    New(usize),
}

/// A unified diff of `old` and `new` with line numbers, cut after `max_changes` changed lines.
fn unified(old: &str, new: &str, old_name: &str, new_name: &str, max_changes: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Common prefix and suffix, then a longest-common-subsequence table for the middle.
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let w = mb.len() + 1;
    let mut lcs = vec![0u32; (ma.len() + 1) * w];
    for i in (0..ma.len()).rev() {
        for j in (0..mb.len()).rev() {
            lcs[i * w + j] = if ma[i] == mb[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut ops: Vec<Op> = (0..pre).map(|i| Op::Same(i, i)).collect();
    let (mut i, mut j) = (0, 0);
    while i < ma.len() || j < mb.len() {
        if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
            ops.push(Op::Same(pre + i, pre + j));
            (i, j) = (i + 1, j + 1);
        } else if i < ma.len() && (j == mb.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            ops.push(Op::Old(pre + i));
            i += 1;
        } else {
            ops.push(Op::New(pre + j));
            j += 1;
        }
    }
    ops.extend((0..suf).map(|k| Op::Same(a.len() - suf + k, b.len() - suf + k)));

    let changed: Vec<usize> = (0..ops.len()).filter(|&k| !matches!(ops[k], Op::Same(..))).collect();
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    let (mut k, mut shown) = (0, 0);
    while k < changed.len() && shown < max_changes {
        let start = changed[k].saturating_sub(3);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 7 {
            end = changed[k];
            k += 1;
        }
        let hunk = &ops[start..(end + 4).min(ops.len())];
        let old_start = hunk.iter().find_map(|op| match op {
            Op::Same(i, _) | Op::Old(i) => Some(i + 1),
            Op::New(_) => None,
        });
        let new_start = hunk.iter().find_map(|op| match op {
            Op::Same(_, j) | Op::New(j) => Some(j + 1),
            Op::Old(_) => None,
        });
        let old_len = hunk.iter().filter(|op| !matches!(op, Op::New(_))).count();
        let new_len = hunk.iter().filter(|op| !matches!(op, Op::Old(_))).count();
        out +=
            &format!("@@ -{},{old_len} +{},{new_len} @@\n", old_start.unwrap_or(a.len()), new_start.unwrap_or(b.len()));
        for op in hunk {
            match *op {
                Op::Same(i, _) => out += &format!(" {}\n", a[i]),
                Op::Old(i) => {
                    out += &format!("-{}\n", a[i]);
                    shown += 1;
                }
                Op::New(j) => {
                    out += &format!("+{}\n", b[j]);
                    shown += 1;
                }
            }
            if shown >= max_changes {
                break;
            }
        }
    }
    if changed.len() > shown {
        out += &format!("... and {} more changed lines\n", changed.len() - shown);
    }
    if changed.is_empty() {
        out += "(only the final newline differs)\n";
    }
    out
}

#[test]
fn the_diff_is_readable() {
    let d = unified("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n", "old", "new", 10);
    assert_eq!(d, "--- old\n+++ new\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n");
}
