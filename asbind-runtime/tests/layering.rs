//! The runtime's modules form layers: no module imports, directly or through others, one that
//! imports it back. This test reads the sources, builds the graph of `crate::<module>`
//! references (in `use` items, `use crate::{a, b::c}` groups and inline paths, comments and
//! string literals aside) and fails naming a cycle if there is one. Paths through the crate
//! root (`crate::Item`) are rejected: they go through `lib.rs`'s re-exports and would hide
//! which module an item comes from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/a.rs`, `src/a/mod.rs`, `src/a/b.rs`:
/// `a`), or `None` for the crate root.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first),
    }
}

/// `code` with comments and the contents of string and char literals blanked out.
fn strip(code: &str) -> String {
    let b = code.as_bytes();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &code[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(b.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if code[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if code[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if let Some(len) = raw_string_len(rest) {
            out.push_str("\"\"");
            i += len;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && char_literal_len(rest).is_some() {
            i += char_literal_len(rest).unwrap_or(1);
            out.push_str("' '");
        } else {
            let ch = rest.chars().next().expect("not empty");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Length of a raw string literal (`r"..."`, `r#"..."#`) at the start of `s`.
fn raw_string_len(s: &str) -> Option<usize> {
    let after_r = s.strip_prefix('r')?;
    let hashes = after_r.bytes().take_while(|&c| c == b'#').count();
    let body = after_r[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    Some(1 + hashes + 1 + body.find(&close)? + close.len())
}

/// Length of a char literal (`'a'`, `'\n'`, `'\u{1F}'`) at the start of `s`; `None` for a
/// lifetime.
fn char_literal_len(s: &str) -> Option<usize> {
    let body = &s[1..];
    if let Some(esc) = body.strip_prefix('\\') {
        return Some(2 + esc.find('\'')? + 1);
    }
    let c = body.chars().next()?;
    body[c.len_utf8()..].starts_with('\'').then(|| 1 + c.len_utf8() + 1)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first segments of the paths after each `crate::` in `code` (a group `crate::{a, b::c}`
/// gives `a` and `b`). `$crate::` (macro bodies, expanded in other crates) does not count.
fn crate_references(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let start = from + at;
        from = start + "crate::".len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == '$') {
            continue;
        }
        let rest = code[from..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group, up to its matching brace.
            let (mut depth, mut item, mut end) = (0, String::new(), group.len());
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = i;
                        break;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            for part in split_top_level(&group[..end]) {
                item.clear();
                item.extend(part.trim().chars().take_while(|&c| is_ident(c)));
                if !item.is_empty() {
                    out.push(item.clone());
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// `s` split at the commas outside braces.
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut last) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[last..]);
    parts
}

/// Module → the modules it references; root paths (`crate::Item`) as errors.
fn graph(src: &Path) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut files = Vec::new();
    sources(src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    let mut root_paths = Vec::new();
    for file in &files {
        let Some(module) = module_of(src, file) else { continue };
        let code = strip(&std::fs::read_to_string(file).expect("read source"));
        for name in crate_references(&code) {
            if modules.contains(&name) {
                if name != module {
                    edges.get_mut(&module).expect("known module").insert(name);
                }
            } else {
                root_paths.push(format!("{}: crate::{name}", file.display()));
            }
        }
    }
    (edges, root_paths)
}

/// A cycle in `edges`, as the list of modules along it (first = last), if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<&'a str>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|&n| n == node) {
            let mut cycle: Vec<String> = stack[pos..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|start| visit(start, edges, &mut done, &mut Vec::new()))
}

#[test]
fn modules_import_no_cycle_and_no_root_paths() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (edges, root_paths) = graph(&src);
    assert!(edges.len() > 5, "found the modules: {edges:?}");
    assert!(
        root_paths.is_empty(),
        "use items from their defining module, not through the crate root:\n{}",
        root_paths.join("\n")
    );
    if let Some(cycle) = find_cycle(&edges) {
        panic!("the runtime's modules import in a cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_checker_sees_groups_and_inline_paths_but_not_comments() {
    let code = strip(
        "use crate::{a, b::{C, d}, e as f};\n/// [`X`](crate::x)\nfn g() { crate::h::i(); let s = \"crate::j\"; }\n\
         // crate::k\n/* crate::l */ macro_rules! m { () => { $crate::n }; }\nlet c = '\"'; crate::o::p;",
    );
    assert_eq!(crate_references(&code), ["a", "b", "e", "h", "o"]);
}

#[test]
fn the_checker_finds_a_cycle() {
    let edges: BTreeMap<String, BTreeSet<String>> =
        [("a", &["b"][..]), ("b", &["c"][..]), ("c", &["a"][..]), ("d", &[][..])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
    assert_eq!(find_cycle(&edges), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}
