//! Rust names for AssemblyScript names: snake_case for functions and fields, CamelCase for
//! types, keywords escaped, collisions resolved.

use std::collections::HashSet;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Whether `name` must be written `r#name`.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
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
pub fn snake(name: &str) -> String {
    let mut s = words(name).iter().map(|w| w.to_lowercase()).collect::<Vec<_>>().join("_");
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// `vector3d` / `my_class` / `Float32Array_ID` → `Vector3d` / `MyClass` / `Float32ArrayId`.
pub fn camel(name: &str) -> String {
    let mut s: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    s
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

    /// `wanted`, or `wanted_2`, `wanted_3`, ... if taken.
    pub fn unique(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{wanted}_{n}");
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
}
