//! The JS glue `asc --bindings` writes (`module.js`). asbind reads one thing from it: the
//! AssemblyScript signature of each import the glue adapts, from comments such as
//! `// src/imports/host_scale(~lib/typedarray/Float64Array, f64) => ~lib/typedarray/Float64Array`.

use crate::astype::AsType;
use crate::input::dts::{matching_paren, property_name, split_top_level};

/// An import the glue adapts, with its AssemblyScript types.
#[derive(Debug, Clone, PartialEq)]
pub struct GlueImport {
    /// Import module (`env`, `host`, or the declaring file's name).
    pub module: String,
    /// Import field (`log_message`, `console.log`, ...).
    pub field: String,
    /// The internal name from the comment (`src/imports/host_scale`).
    pub internal: String,
    /// Parameter types; `bool` is whether the parameter is optional (`?`).
    pub params: Vec<(AsType, bool)>,
    /// Result type.
    pub result: AsType,
}

/// Extracts the adapted imports from the text of a glue `.js` file. Imports the glue passes
/// through unchanged (plain numbers only) do not appear: their wasm signature says everything.
///
/// Reads the `const adaptedImports = { ... };` object: each module is a key
/// (`env: Object.setPrototypeOf({`, `"my-module": Object.setPrototypeOf({`) holding methods
/// (`get_name() {`, `"console.log"(text) {`) whose first body line is the comment
/// `// <internal>(<param types>) => <result type>` (AS_ABI §8.10). Anything else, including
/// imported globals and methods without that comment, is skipped; the function never fails.
pub fn parse(text: &str) -> Vec<GlueImport> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim);
    // Find the object.
    if !lines.by_ref().any(|l| l.contains("adaptedImports = {") && brace_delta(l) > 0) {
        return out;
    }
    // Depth 1: module keys; 2: methods of a module; 3: a method body.
    let mut depth = 1i64;
    let mut module: Option<String> = None;
    let mut method: Option<String> = None;
    for line in lines {
        if depth == 3
            && let Some(field) = method.take()
            && let Some(module) = &module
            && let Some(comment) = line.strip_prefix("//")
            && let Some((internal, params, result)) = parse_signature_comment(comment)
        {
            out.push(GlueImport { module: module.clone(), field, internal, params, result });
        }
        method = None;
        if depth == 1 {
            module = module_key(line);
        } else if depth == 2 && module.is_some() {
            method = method_head(line);
        }
        depth += brace_delta(line);
        if depth <= 0 {
            break;
        }
    }
    out
}

/// `env: Object.setPrototypeOf({` / `"my-module": Object.setPrototypeOf({` → the module name.
fn module_key(line: &str) -> Option<String> {
    if !line.ends_with('{') {
        return None;
    }
    let (key, _) = split_key(line, ':')?;
    Some(key)
}

/// `get_name() {` / `"console.log"(text) {` → the field name.
fn method_head(line: &str) -> Option<String> {
    let (key, rest) = split_key(line, '(')?;
    let close = matching_paren(rest, 0)?;
    (rest[close + 1..].trim() == "{").then_some(key)
}

/// A property name (identifier or quoted) followed by `sep`: the name and the text from `sep`
/// on.
fn split_key(line: &str, sep: char) -> Option<(String, &str)> {
    let end = if let Some(quote) = line.chars().next().filter(|&c| c == '"' || c == '\'') {
        let mut escaped = false;
        let close = line.char_indices().skip(1).find(|&(_, c)| {
            let hit = !escaped && c == quote;
            escaped = !escaped && c == '\\';
            hit
        })?;
        close.0 + 1
    } else {
        line.find(sep)?
    };
    let key = property_name(&line[..end])?;
    let rest = line[end..].trim_start();
    rest.starts_with(sep).then_some((key, rest))
}

/// ` ~lib/builtins/abort(~lib/string/String | null?, u32?) => void` → internal name, params,
/// result.
fn parse_signature_comment(comment: &str) -> Option<(String, Vec<(AsType, bool)>, AsType)> {
    let comment = comment.trim();
    // The name ends at the first `(` outside generic arguments (`src/f<i32>(...)`).
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in comment.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            _ => {}
        }
    }
    let open = open?;
    let internal = comment[..open].trim();
    if internal.is_empty() || internal.contains(char::is_whitespace) {
        return None;
    }
    let close = matching_paren(comment, open)?;
    let result = comment[close + 1..].trim().strip_prefix("=>")?.trim();
    if result.is_empty() {
        return None;
    }
    let inner = comment[open + 1..close].trim();
    let mut params = Vec::new();
    if !inner.is_empty() {
        for piece in split_top_level(inner, ',') {
            // `this: T` (instance signatures) and `...T` (rest) keep their type.
            let piece = piece.strip_prefix("this:").map(str::trim_start).unwrap_or(piece);
            let piece = piece.strip_prefix("...").unwrap_or(piece);
            let (ty, optional) = match piece.strip_suffix('?') {
                Some(ty) => (ty.trim_end(), true),
                None => (piece, false),
            };
            if ty.is_empty() {
                return None;
            }
            params.push((AsType::parse(ty), optional));
        }
    }
    Some((internal.to_string(), params, AsType::parse(result)))
}

/// Net `{` minus `}` on a line of JS, ignoring strings, template literals and `//` comments.
fn brace_delta(line: &str) -> i64 {
    let mut delta = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev = '\0';
    for c in line.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' | '`' => quote = Some(c),
                '/' if prev == '/' => break,
                '{' => delta += 1,
                '}' => delta -= 1,
                _ => {}
            }
        }
        prev = c;
    }
    delta
}
