//! Rust names for AssemblyScript names: snake_case for functions and fields, CamelCase for
//! types, keywords escaped, collisions resolved.
//!
//! # The naming scheme
//!
//! Every name the bindings show is allocated through one [`Scope`] per Rust namespace, so two
//! AssemblyScript names that become one Rust name (`getValue` / `get_value`), a name and a
//! derived name (`count`'s setter `set_count` beside an export `set_count`), or a name and one
//! of the generated items (`Module`, `collect`) never collide: the later one gets `_2`, `_3`, ....
//! The passes in `model/` own the scopes (`model/naming.rs` lists them and their order).
//!
//! Names come out of [`snake`] and [`camel`] as ASCII identifiers: characters outside
//! `[A-Za-z0-9]` separate words, other letters and digits (`é`) become words of their own
//! (`ue9`), a leading digit gets `_` (snake) or `T` (camel), and an empty name is `unnamed` /
//! `Unnamed`. [`Scope::unique`] escapes the keywords that cannot be raw identifiers
//! (`self`, `Self`, `super`, `crate` get a trailing `_`); the other keywords stay as they are and
//! are written `r#type` by [`ident`].
//!
//! # Internal names cannot collide
//!
//! [`snake`] joins words with single underscores and adds at most one leading `_`, [`camel`]
//! writes no underscores, keyword escapes and [`Scope`] suffixes append to a name, and
//! [`Scope::unique`] folds any leading run of underscores to one. So no allocated name starts
//! with `__`, and the generated code's own locals (`__exports`, `__target`, `__r`, `__argc`,
//! `__v`, `__id`, `__p`, `__item`, ...) cannot be shadowed by, or shadow, an AssemblyScript name.
//! The one unprefixed local is the context `cx` that every marshalling expression uses, so it is
//! reserved in every parameter scope, like the class members' module parameter `m`.

use std::collections::HashSet;

use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be written as raw identifiers (`r#self` is an error).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Whether `name` must be written `r#name`.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            // Other letters and digits are kept, as an ASCII word of their own.
            if c.is_alphanumeric() {
                words.push(format!("u{:x}", c as u32));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `getHelloString` / `get_hello_string` / `Vector3d#get:x` → `get_hello_string` / `vector3d_get_x`.
/// Always an ASCII identifier (perhaps a keyword); never starts with `__`.
pub fn snake(name: &str) -> String {
    let mut s = words(name).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_");
    if s.is_empty() {
        s.push_str("unnamed");
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// `vector3d` / `my_class` / `Float32Array_ID` → `Vector3d` / `MyClass` / `Float32ArrayId`.
/// Always an ASCII identifier without underscores (perhaps `Self`).
pub fn camel(name: &str) -> String {
    let mut s: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if s.is_empty() {
        s.push_str("Unnamed");
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    s
}

/// Whether `name` is an ASCII identifier token (`_` alone is not one).
fn is_ascii_ident(name: &str) -> bool {
    let mut cs = name.chars();
    cs.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
}

/// `name` as an identifier: raw (`r#type`) when it is a keyword, `self_` for the keywords that
/// cannot be raw, and made of its words ([`snake`]) when it is no identifier at all. Never
/// panics, whatever `name` is.
pub fn ident(name: &str) -> Ident {
    if !is_ascii_ident(name) {
        return ident(&snake(name));
    }
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Hands out names that are unique within one scope.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope where `reserved` are already taken.
    pub fn new(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// `wanted`, or `wanted_2`, `wanted_3`, ... if taken. The result is always a valid
    /// identifier (see [`ident`] for how it is written) that does not start with `__`: a
    /// non-identifier is made one with [`snake`], the keywords that cannot be raw get a
    /// trailing `_` (`self_`), and a leading run of underscores is folded to one.
    pub fn unique(&mut self, wanted: &str) -> String {
        let mut base = if is_ascii_ident(wanted) { wanted.to_string() } else { snake(wanted) };
        while base.starts_with("__") {
            base.remove(0);
        }
        if base == "_" {
            base.push_str("unnamed");
        }
        let mut name = if NOT_RAW.contains(&base.as_str()) { format!("{base}_") } else { base.clone() };
        let mut n = 2;
        while self.taken.contains(&name) {
            // `x_2`, and `self_2` rather than `self__2`.
            name = if base.ends_with('_') { format!("{base}{n}") } else { format!("{base}_{n}") };
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake("get_hello_string"), "get_hello_string");
        assert_eq!(snake("getHelloString"), "get_hello_string");
        assert_eq!(snake("Vector3d#get:x"), "vector3d_get_x");
        assert_eq!(snake("Float32Array_ID"), "float32_array_id");
        assert_eq!(snake("HTMLParser"), "html_parser");
        assert_eq!(camel("vector3d"), "Vector3d");
        assert_eq!(camel("Color"), "Color");
        assert_eq!(camel("my_class"), "MyClass");
        let mut scope = Scope::new(&["new"]);
        assert_eq!(scope.unique("new"), "new_2");
        assert_eq!(scope.unique("x"), "x");
        assert_eq!(scope.unique("x"), "x_2");
    }

    #[test]
    fn any_name_becomes_an_identifier() {
        assert_eq!(snake("odd-name.with:chars"), "odd_name_with_chars");
        assert_eq!(snake("élan"), "ue9_lan");
        assert_eq!(camel("élan"), "Ue9Lan");
        assert_eq!(snake(""), "unnamed");
        assert_eq!(snake("..."), "unnamed");
        assert_eq!(snake("2d"), "_2d");
        assert_eq!(camel("2d"), "T2d");
        assert_eq!(snake("Self"), "self");
        for odd in
            ["", "_", "__", "a b", "2", "élan", "日本", "self", "Self", "crate", "super", "type", "x²", "-", "a__b"]
        {
            // Neither panics, and the result parses as an identifier.
            let i = ident(odd);
            syn::parse_str::<syn::Ident>(&i.to_string()).unwrap_or_else(|e| panic!("{odd:?} → {i}: {e}"));
            let s = Scope::default().unique(odd);
            let i = ident(&s);
            syn::parse_str::<syn::Ident>(&i.to_string()).unwrap_or_else(|e| panic!("{odd:?} → {s}: {e}"));
            assert!(!s.starts_with("__"), "{odd:?} → {s}");
        }
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
    }

    #[test]
    fn keywords_that_cannot_be_raw_are_escaped_once() {
        let mut scope = Scope::default();
        assert_eq!(scope.unique("self"), "self_");
        assert_eq!(scope.unique("self_"), "self_2");
        assert_eq!(scope.unique("self"), "self_3");
        assert_eq!(scope.unique("Self"), "Self_");
        assert_eq!(scope.unique("type"), "type");
        assert_eq!(scope.unique("__x"), "_x");
    }

    #[test]
    fn no_generated_name_starts_with_two_underscores() {
        for name in ["_", "__init", "_1", "1", "__", "x__y", "__proto__", "Foo__Bar", "C__m_x", "_ _", "é"] {
            assert!(!snake(name).starts_with("__"), "{name} → {}", snake(name));
            assert!(!snake(name).contains("__"), "{name} → {}", snake(name));
            assert!(!camel(name).contains('_'), "{name} → {}", camel(name));
        }
    }
}
