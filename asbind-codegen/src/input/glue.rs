//! The JS glue `asc --bindings` writes (`module.js`). asbind reads one thing from it: the
//! AssemblyScript signature of each import the glue adapts, from comments such as
//! `// src/imports/host_scale(~lib/typedarray/Float64Array, f64) => ~lib/typedarray/Float64Array`.

use crate::astype::AsType;
use crate::input::lex::{Quotes, matching_paren, property_name, split_top_level};

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
    /// The glue method's parameter names (the JS names of the wasm parameters).
    pub names: Vec<String>,
    /// 1-based line of the method in the `.js`.
    pub line: u32,
}

/// What the generator reads from the JS glue, with the file it came from (for diagnostics).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glue {
    /// The `.js` file.
    pub path: std::path::PathBuf,
    /// The adapted imports ([`parse`]).
    pub imports: Vec<GlueImport>,
    /// Exact runtime ids of array types ([`type_ids`]).
    pub ids: Vec<(AsType, u32)>,
    /// The start export ([`start_export`]).
    pub start: Option<String>,
}

impl Glue {
    /// Reads the glue text of `path`; `records` are the `.d.ts` records (for [`type_ids`]).
    pub fn read(path: &std::path::Path, text: &str, records: &[(u32, Vec<(String, AsType)>)]) -> Self {
        Glue { path: path.to_path_buf(), imports: parse(text), ids: type_ids(text, records), start: start_export(text) }
    }
}

/// The export the glue calls once inside `instantiate` (`exports._start();`): a module built
/// with `--exportStart NAME` has no start section and must have NAME called before anything
/// else (AS_ABI §5.1).
pub fn start_export(text: &str) -> Option<String> {
    text.lines().map(str::trim).find_map(|line| {
        let name = line.strip_prefix("exports.")?.strip_suffix("();")?;
        let ident = !name.is_empty() && name.chars().all(|c| c == '_' || c == '$' || c.is_alphanumeric());
        ident.then(|| name.to_string())
    })
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
    let mut lines = text.lines().map(str::trim).enumerate();
    // Find the object.
    if !lines.by_ref().any(|(_, l)| l.contains("adaptedImports = {") && brace_delta(l) > 0) {
        return out;
    }
    // Depth 1: module keys; 2: methods of a module; 3: a method body.
    let mut depth = 1i64;
    let mut module: Option<String> = None;
    let mut method: Option<(String, Vec<String>)> = None;
    for (line_no, line) in lines {
        if depth == 3
            && let Some((field, names)) = method.take()
            && let Some(module) = &module
            && let Some(comment) = line.strip_prefix("//")
            && let Some((internal, params, result)) = parse_signature_comment(comment)
        {
            // The method's head is the line before its comment.
            let line = line_no as u32;
            out.push(GlueImport { module: module.clone(), field, internal, params, result, names, line });
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

/// `get_name() {` / `"console.log"(text) {` → the field name and the parameter names.
fn method_head(line: &str) -> Option<(String, Vec<String>)> {
    let (key, rest) = split_key(line, '(')?;
    let close = matching_paren(rest, 0)?;
    let names = rest[1..close].split(',').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect();
    (rest[close + 1..].trim() == "{").then_some((key, names))
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

/// Internal name, parameter types with their optional flag, result type.
type SignatureComment = (String, Vec<(AsType, bool)>, AsType);

/// ` ~lib/builtins/abort(~lib/string/String | null?, u32?) => void` → internal name, params,
/// result.
fn parse_signature_comment(comment: &str) -> Option<SignatureComment> {
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
    let mut quotes = Quotes::new("\"'`");
    let mut prev = '\0';
    for c in line.chars() {
        if !quotes.in_string(c) {
            match c {
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

/// The exact runtime ids the glue uses to allocate arrays and typed arrays, by AssemblyScript
/// type: read from its `__lowerArray(elem, ID, ALIGN, expr)`, `__lowerTypedArray(Ctor, ID, ALIGN,
/// expr)` and `__lowerStaticArray(elem, ID, ALIGN, expr)` calls, typed through the signature
/// comment of the export or import they sit in, or the record (`records`: id and fields) whose
/// `__lowerRecordN` they sit in. Element types come from nested calls on `value`.
pub fn type_ids(text: &str, records: &[(u32, Vec<(String, AsType)>)]) -> Vec<(AsType, u32)> {
    let mut out: Vec<(AsType, u32)> = Vec::new();
    // What the current line's expressions refer to.
    let mut params: Vec<(String, AsType)> = Vec::new();
    let mut result: Option<AsType> = None;
    let mut record: Option<&Vec<(String, AsType)>> = None;
    let mut pending_names: Option<Vec<String>> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("function __lowerRecord") {
            let id: String = rest.chars().take_while(char::is_ascii_digit).collect();
            record = id.parse::<u32>().ok().and_then(|id| records.iter().find(|(r, _)| *r == id)).map(|(_, f)| f);
            params.clear();
            result = None;
            continue;
        }
        if let Some((_, names)) = method_head(line) {
            pending_names = Some(names);
            continue;
        }
        if let Some(names) = pending_names.take()
            && let Some(comment) = line.strip_prefix("//")
            && let Some((_, types, ret)) = parse_signature_comment(comment)
        {
            params = names.into_iter().zip(types.into_iter().map(|(t, _)| t)).collect();
            result = Some(ret);
            record = None;
            continue;
        }
        for call in lowering_calls(line) {
            let ty = if let Some((_, t)) = params.iter().find(|(n, _)| *n == call.expr) {
                Some(t.clone())
            } else if call.expr.starts_with("__module") {
                result.clone()
            } else if let (Some(fields), Some(field)) = (record, call.expr.strip_prefix("value.")) {
                fields.iter().find(|(n, _)| n == field).map(|(_, t)| t.clone())
            } else {
                None
            };
            if let Some(ty) = ty {
                assign(&ty, &call, &mut out);
            }
        }
    }
    out
}

fn assign(ty: &AsType, call: &LowerCall<'_>, out: &mut Vec<(AsType, u32)>) {
    let ty = match ty {
        AsType::Nullable(inner) => inner,
        t => t,
    };
    if !out.iter().any(|(t, _)| t == ty) {
        out.push((ty.clone(), call.id));
    }
    if let AsType::Array(elem) | AsType::StaticArray(elem) = ty {
        for nested in lowering_calls(call.elem).into_iter().filter(|c| c.expr == "value") {
            assign(elem, &nested, out);
        }
    }
}

/// One `__lower*Array(elem, id, align, expr)` call.
struct LowerCall<'a> {
    elem: &'a str,
    id: u32,
    expr: &'a str,
}

/// The lowering calls in `text` that are not nested inside another one.
fn lowering_calls(text: &str) -> Vec<LowerCall<'_>> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = ["__lowerArray(", "__lowerTypedArray(", "__lowerStaticArray("]
        .iter()
        .filter_map(|name| text[from..].find(name).map(|i| (from + i, name.len())))
        .min()
    {
        let (start, len) = found;
        let open = start + len - 1;
        let Some(close) = js_matching_paren(text, open) else { break };
        let args = split_top_level(&text[open + 1..close], ',');
        if let [elem, id, _align, expr, ..] = args.as_slice()
            && let Ok(id) = id.parse::<u32>()
        {
            calls.push(LowerCall { elem, id, expr });
        }
        from = close + 1;
    }
    calls
}

/// Index of the `)` matching the `(` at byte `open` in JS code (parentheses, brackets and braces
/// only; strings skipped).
fn js_matching_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quotes = Quotes::new("\"'`");
    for (i, c) in text.get(open..)?.char_indices() {
        if quotes.in_string(c) {
            continue;
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (c == ')').then_some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_export_is_the_call_inside_instantiate() {
        let glue = "  const { exports } = await WebAssembly.instantiate(module, adaptedImports);\n  exports._start();\n  return adaptedExports;\n";
        assert_eq!(start_export(glue).as_deref(), Some("_start"));
        assert_eq!(start_export("exports.memory.buffer;\nexports.f(1);\n"), None);
    }
    use crate::astype::{Scalar, TypedArray};

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/", $name))
        };
    }

    fn import(module: &str, field: &str, internal: &str, params: Vec<(AsType, bool)>, result: AsType) -> GlueImport {
        GlueImport {
            module: module.into(),
            field: field.into(),
            internal: internal.into(),
            params,
            result,
            names: vec![],
            line: 0,
        }
    }

    /// [`super::parse`] with the lines left out, for comparing with the expectations above
    /// (`lines_are_the_methods_lines` checks them).
    fn parse(text: &str) -> Vec<GlueImport> {
        super::parse(text).into_iter().map(|i| GlueImport { line: 0, ..i }).collect()
    }

    #[test]
    fn lines_are_the_methods_lines() {
        let text = fixture!("imports.js");
        for import in super::parse(text) {
            let head = text.lines().nth(import.line as usize - 1).unwrap().trim();
            assert!(
                head.contains(&import.field) && head.ends_with('{'),
                "{}: line {}: {head}",
                import.field,
                import.line
            );
        }
    }

    /// The same import with the JS parameter names the glue gives it.
    fn named(mut import: GlueImport, names: &[&str]) -> GlueImport {
        import.names = names.iter().map(|n| n.to_string()).collect();
        import
    }

    fn abort() -> GlueImport {
        let opt_string = (AsType::Nullable(Box::new(AsType::String)), true);
        let opt_u32 = (AsType::Scalar(Scalar::U32), true);
        named(
            import(
                "env",
                "abort",
                "~lib/builtins/abort",
                vec![opt_string.clone(), opt_string, opt_u32.clone(), opt_u32],
                AsType::Void,
            ),
            &["message", "fileName", "lineNumber", "columnNumber"],
        )
    }

    fn seed() -> GlueImport {
        import("env", "seed", "~lib/builtins/seed", vec![], AsType::Scalar(Scalar::F64))
    }

    #[test]
    fn imports() {
        let float64 = AsType::TypedArray(TypedArray::Float64);
        assert_eq!(
            parse(fixture!("imports.js")),
            [
                abort(),
                named(
                    import(
                        "imports",
                        "log_message",
                        "src/imports/log_message",
                        vec![(AsType::String, false)],
                        AsType::Void
                    ),
                    &["msg"]
                ),
                import("host", "get_name", "src/imports/get_name", vec![], AsType::String),
                named(
                    import(
                        "host",
                        "scale",
                        "src/imports/host_scale",
                        vec![(float64.clone(), false), (AsType::Scalar(Scalar::F64), false)],
                        float64
                    ),
                    &["values", "k"]
                ),
            ]
        );
    }

    #[test]
    fn stdlib() {
        let imports = parse(fixture!("stdlib.js"));
        let fields: Vec<_> = imports.iter().map(|i| (i.module.as_str(), i.field.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("env", "trace"),
                ("env", "abort"),
                ("env", "seed"),
                ("env", "Date.now"),
                ("env", "performance.now"),
                ("env", "console.log"),
                ("env", "console.debug"),
                ("env", "console.info"),
                ("env", "console.warn"),
                ("env", "console.error"),
            ]
        );
        let f64_opt = (AsType::Scalar(Scalar::F64), true);
        assert_eq!(
            imports[0].params,
            [
                (AsType::String, false),
                (AsType::Scalar(Scalar::I32), true),
                f64_opt.clone(),
                f64_opt.clone(),
                f64_opt.clone(),
                f64_opt.clone(),
                f64_opt
            ]
        );
        assert_eq!(imports[1], abort());
        assert_eq!(imports[2], seed());
        assert_eq!(
            imports[5],
            named(
                import(
                    "env",
                    "console.log",
                    "~lib/bindings/dom/console.log",
                    vec![(AsType::String, false)],
                    AsType::Void
                ),
                &["text"]
            )
        );
        assert_eq!(imports[3].internal, "~lib/bindings/dom/Date.now");
        assert_eq!(imports[3].result, AsType::Scalar(Scalar::F64));
    }

    #[test]
    fn other_fixtures() {
        assert_eq!(parse(fixture!("hello.js")), [abort(), seed()]);
        assert_eq!(parse(fixture!("vector3d.js")), [abort(), seed()]);
        for text in [fixture!("values.js"), fixture!("values_minimal.js"), fixture!("values_stub.js")] {
            // The adapted *exports* (`greet(who) { // src/...`) are not imports.
            assert_eq!(parse(text), [abort()]);
        }
    }

    #[test]
    fn tricky_names_and_types() {
        let text = r#"
  const adaptedImports = {
    env: Object.assign(Object.create(globalThis), imports.env || {}),
    "my-mod\"x": Object.setPrototypeOf({
      "do.it"(m, f, g, a) {
        // src/index/do_it<i32>(~lib/map/Map<~lib/string/String,i32>, (i32, f64) => i32, ((i32) => void) | null?, ~lib/array/Array<~lib/string/String|null>) => ~lib/string/String | null
        m = __liftInternref(m >>> 0);
        return __lowerString(`${"}"}`) || __notnull();
      },
      CONST: (
        // src/index/CONST: i32
        __module0.CONST
      ),
      "weird global": {
        // src/index/weird: ~lib/string/String
        // not supported: cannot lower before instantiate completes
      },
      nocomment(x) {
        return x != 0;
      },
      after() {
        // src/index/after() => bool
        return __module0.after() ? 1 : 0;
      },
    }, __module0),
  };
  const adaptedExports = Object.setPrototypeOf({
    fake(x) {
      // src/index/fake(i32) => bool
    },
  }, exports);
"#;
        let imports = parse(text);
        assert_eq!(imports.len(), 2, "{imports:#?}");
        let i = &imports[0];
        assert_eq!(
            (i.module.as_str(), i.field.as_str(), i.internal.as_str()),
            ("my-mod\"x", "do.it", "src/index/do_it<i32>")
        );
        assert_eq!(i.params.len(), 4);
        assert!(matches!(&i.params[0], (AsType::Other(o), false) if o == "~lib/map/Map<~lib/string/String,i32>"));
        assert!(matches!(&i.params[1], (AsType::Other(o), false) if o == "(i32, f64) => i32"));
        assert!(matches!(&i.params[2], (AsType::Nullable(_), true)));
        assert_eq!(i.params[3], (AsType::Array(Box::new(AsType::Nullable(Box::new(AsType::String)))), false));
        assert_eq!(i.result, AsType::Nullable(Box::new(AsType::String)));
        assert_eq!(imports[1], import("my-mod\"x", "after", "src/index/after", vec![], AsType::Scalar(Scalar::Bool)));
    }

    #[test]
    fn crlf_is_tolerated() {
        assert_eq!(parse(&fixture!("imports.js").replace('\n', "\r\n")), parse(fixture!("imports.js")));
    }

    #[test]
    fn garbage_and_truncation_never_panic() {
        assert!(parse("").is_empty());
        assert!(parse("const adaptedImports = {").is_empty());
        assert!(parse("}}}} adaptedImports = { {{ \"\\").is_empty());
        let text = fixture!("stdlib.js");
        for cut in text.char_indices().map(|(i, _)| i).step_by(5) {
            let imports = parse(&text[..cut]);
            assert!(imports.len() <= 10);
        }
        // Cut inside the fourth import's body: the first three are complete.
        let cut = text.find("return Date.now();").unwrap();
        assert_eq!(parse(&text[..cut]).len(), 4);
    }

    #[test]
    fn signature_comments() {
        let (internal, params, result) = parse_signature_comment(" a/b() => void").unwrap();
        assert_eq!((internal.as_str(), params.len(), result), ("a/b", 0, AsType::Void));
        let (_, params, _) = parse_signature_comment("a/b(this: a/C, ...~lib/string/String) => void").unwrap();
        assert_eq!(params, [(AsType::Class("a/C".into()), false), (AsType::String, false)]);
        assert!(parse_signature_comment("@external.js").is_none());
        assert!(parse_signature_comment("a/b(i32 => void").is_none());
        assert!(parse_signature_comment("a/b(i32)").is_none());
        assert!(parse_signature_comment("a/b(i32, ) => i32").is_none());
    }

    #[test]
    fn exact_array_ids() {
        let dts = crate::input::dts::parse(std::path::Path::new("values.d.ts"), fixture!("values.d.ts")).unwrap();
        let records: Vec<_> = dts.records.iter().map(|r| (r.id, r.fields.clone())).collect();
        let ids = type_ids(fixture!("values.js"), &records);
        let id = |t: &str| ids.iter().find(|(ty, _)| *ty == AsType::parse(t)).map(|(_, id)| *id);
        // The ids the glue passes to __lowerTypedArray / __lowerArray / __lowerStaticArray.
        assert_eq!(id("~lib/typedarray/Uint8ClampedArray"), Some(10));
        assert_eq!(id("~lib/typedarray/Uint8Array"), Some(12));
        assert_eq!(id("~lib/array/Array<~lib/string/String|null>"), Some(9));
        assert_eq!(id("~lib/array/Array<~lib/array/Array<i32>>"), Some(35));
        assert_eq!(id("~lib/array/Array<i32>"), Some(5), "nested element and record field");
        assert_eq!(id("~lib/array/Array<src/values/Point>"), Some(8));
        assert_eq!(id("~lib/array/Array<src/values/Counter>"), Some(43));
        assert_eq!(id("~lib/array/Array<~lib/string/String>"), Some(6));
        assert_eq!(id("~lib/staticarray/StaticArray<~lib/string/String>"), Some(37));
        assert_eq!(id("~lib/staticarray/StaticArray<u16>"), Some(11));
        // An import's result.
        let ids = type_ids(fixture!("imports.js"), &[]);
        assert_eq!(ids, vec![(AsType::TypedArray(TypedArray::Float64), 4)]);
    }
}
