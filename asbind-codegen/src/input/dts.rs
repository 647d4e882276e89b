//! The `.d.ts` that `asc` writes beside a module, in its three dialects (AS_ABI §8.2, §8.3,
//! §10.2): ESM bindings, raw bindings, and the classic 0.18/0.19 `-d` file.

use std::path::{Path, PathBuf};

use asbind_abi::exports::is_runtime_export;

use crate::astype::{AsType, Scalar};
use crate::diag::Diagnostic;
use crate::input::exports::{STATIC_SEP, static_member};

/// Which `.d.ts` dialect a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `--bindings esm` (0.20+): `export declare function ...` with JSDoc AS types.
    Esm,
    /// `--bindings raw` (0.20+): the same inside `declare namespace __AdaptedExports { ... }`.
    Raw,
    /// `-d` / `--tsdFile` of 0.18/0.19: TS types only, every reference is `usize`.
    Classic,
}

impl Dialect {
    /// The AssemblyScript releases that write this dialect, as minor versions of 0.x: the first,
    /// and the last when later releases no longer write it (classic: 0.18 – 0.19; ESM and raw:
    /// 0.20 on).
    pub fn releases(self) -> (u32, Option<u32>) {
        match self {
            Dialect::Classic => (18, Some(19)),
            Dialect::Esm | Dialect::Raw => (20, None),
        }
    }
}

/// A parsed `.d.ts`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dts {
    /// Where it was read from (for diagnostics).
    pub path: PathBuf,
    /// Its dialect.
    pub dialect: Dialect,
    /// Exported functions, in file order.
    pub functions: Vec<DtsFunction>,
    /// Exported globals (`export declare const X: { get value(): ... }`, classic `export var`).
    pub globals: Vec<DtsGlobal>,
    /// Exported enums.
    pub enums: Vec<DtsEnum>,
    /// `__RecordN` interfaces.
    pub records: Vec<DtsRecord>,
    /// `__InternrefN` classes.
    pub internrefs: Vec<DtsInternref>,
    /// Classic dialect only: exported classes with their members.
    pub classes: Vec<ClassicClass>,
    /// Raw dialect only: the import module names listed in `instantiate(...)`.
    pub import_modules: Vec<String>,
}

/// An exported function.
#[derive(Debug, Clone, PartialEq)]
pub struct DtsFunction {
    /// Export name.
    pub name: String,
    /// The compiler's internal name from the JSDoc (`src/values/concat`), if any.
    pub internal: Option<String>,
    /// Parameters, in order.
    pub params: Vec<DtsParam>,
    /// Result type (`AsType::Void` for none).
    pub result: AsType,
    /// 1-based line of the `export ... function` declaration.
    pub line: u32,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct DtsParam {
    /// Its name.
    pub name: String,
    /// Its AssemblyScript type.
    pub ty: AsType,
    /// Declared with `?` (has a default value).
    pub optional: bool,
}

/// An exported global.
#[derive(Debug, Clone, PartialEq)]
pub struct DtsGlobal {
    /// Export name.
    pub name: String,
    /// The compiler's internal name, if any.
    pub internal: Option<String>,
    /// Its type.
    pub ty: AsType,
    /// Whether it has a setter (`let`/`var`) rather than only a getter (`const`).
    pub mutable: bool,
    /// 1-based line of the declaration.
    pub line: u32,
}

/// An exported enum. Member values are not in the `.d.ts`; they are the `Enum.Member` globals.
#[derive(Debug, Clone, PartialEq)]
pub struct DtsEnum {
    /// Export name.
    pub name: String,
    /// The compiler's internal name, if any.
    pub internal: Option<String>,
    /// Member names, in order.
    pub members: Vec<String>,
    /// 1-based line of the declaration.
    pub line: u32,
}

/// A record class (`__RecordN`): copied by value, fields in layout order.
#[derive(Debug, Clone, PartialEq)]
pub struct DtsRecord {
    /// Runtime class id (`N`).
    pub id: u32,
    /// The class path from its JSDoc (`src/values/Point`).
    pub class: String,
    /// Fields in layout order, with their AS types.
    pub fields: Vec<(String, AsType)>,
    /// 1-based line of `declare interface __RecordN`.
    pub line: u32,
}

/// An opaque class (`__InternrefN`).
#[derive(Debug, Clone, PartialEq)]
pub struct DtsInternref {
    /// Runtime class id (`N`).
    pub id: u32,
    /// The class path from its JSDoc (`src/values/Counter`).
    pub class: String,
    /// The `__nominal` ids: its own id first, then each base class id (ending with 0 =
    /// `Object` in 0.24+).
    pub chain: Vec<u32>,
    /// 1-based line of `declare class __InternrefN`.
    pub line: u32,
}

/// Classic dialect: an exported class.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassicClass {
    /// Class name.
    pub name: String,
    /// Base class from `extends`, if any.
    pub extends: Option<String>,
    /// Instance fields (constructor parameter properties included): name, type, readonly.
    pub fields: Vec<(String, AsType, bool)>,
    /// Constructor parameters, if a constructor is declared.
    pub constructor: Option<Vec<DtsParam>>,
    /// Methods and accessors (instance and static).
    pub methods: Vec<ClassicMethod>,
    /// 1-based line of `export class`.
    pub line: u32,
}

/// Classic dialect: a class member function.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassicMethod {
    /// Member name.
    pub name: String,
    /// `static`?
    pub is_static: bool,
    /// `get` accessor?
    pub getter: bool,
    /// `set` accessor?
    pub setter: bool,
    /// Parameters.
    pub params: Vec<DtsParam>,
    /// Result.
    pub result: AsType,
    /// 1-based line.
    pub line: u32,
}

/// Parses a `.d.ts` (any dialect, detected from its content). `path` is used for diagnostics.
/// Every problem is reported, not just the first.
///
/// In the classic dialect, every global is printed as `export var` (const or not, AS_ABI
/// §10.2), so [`DtsGlobal::mutable`] is `true` for `export var` and only `false` for an
/// explicit `export const`; the wasm global's own mutability is authoritative. Classic static
/// fields become globals named `Class.field` and namespace members are named `ns.member`, as
/// their wasm exports are.
pub fn parse(path: &Path, text: &str) -> Result<Dts, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let dialect = detect_dialect(text);
    let mut parser = Parser {
        path,
        dts: Dts {
            path: path.to_path_buf(),
            dialect,
            functions: Vec::new(),
            globals: Vec::new(),
            enums: Vec::new(),
            records: Vec::new(),
            internrefs: Vec::new(),
            classes: Vec::new(),
            import_modules: Vec::new(),
        },
        diags: Vec::new(),
        stack: Vec::new(),
        doc: None,
        after_instantiate: false,
        saw_instantiate: false,
    };
    for token in tokenize(text) {
        parser.token(token);
    }
    parser.finish(text);
    if parser.diags.is_empty() { Ok(parser.dts) } else { Err(parser.diags) }
}

const HELP_MODERN: &str =
    "this does not look like a .d.ts written by asc; regenerate it with `asc --bindings raw` (or esm)";
const HELP_CLASSIC: &str = "this does not look like a `-d` .d.ts written by asc 0.18/0.19; regenerate it with \
     `asc <entry> --outFile <module>.wasm -d <module>.d.ts` (or move to asc 0.20+ with `--bindings raw`)";
const HELP_TRUNCATED: &str = "the file looks truncated; regenerate it with asc";

/// Detects the dialect from marker lines (AS_ABI §8.2, §8.3, §10.2).
fn detect_dialect(text: &str) -> Dialect {
    let mut classic = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("declare namespace __AdaptedExports") {
            return Dialect::Raw;
        }
        if line.starts_with("type i8 = number;") || line.contains("static wrap(ptr: usize)") {
            classic = true;
        }
    }
    if classic { Dialect::Classic } else { Dialect::Esm }
}

// ---------------------------------------------------------------------------------------------
// Tokens: the `.d.ts` is cut at `{`, `}`, `;` and comments, whitespace runs collapsed.

/// One piece of the file.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A `/** ... */` comment: its text without the delimiters.
    Doc(String),
    /// A `/*` without `*/`.
    UnterminatedComment,
    /// The text before a `{` (may be empty).
    Open(String),
    /// A `}`.
    Close,
    /// The text before a `;`, a `}` or a comment (never empty).
    Stmt(String),
}

/// A token and the 1-based line its first character is on.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    tok: Tok,
    line: u32,
}

/// Cuts `text` into tokens. `//` comments are dropped.
fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut pending_line = 1;
    let mut line = 1u32;
    let mut chars = text.chars().peekable();

    fn flush(out: &mut Vec<Token>, pending: &mut String, line: u32) {
        let text = pending.trim();
        if !text.is_empty() {
            out.push(Token { tok: Tok::Stmt(text.to_string()), line });
        }
        pending.clear();
    }

    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line = line.saturating_add(1);
                if !pending.is_empty() && !pending.ends_with(' ') {
                    pending.push(' ');
                }
            }
            '/' if chars.peek() == Some(&'/') => while chars.next_if(|&n| n != '\n').is_some() {},
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                flush(&mut out, &mut pending, pending_line);
                let start = line;
                let mut body = String::new();
                let mut closed = false;
                while let Some(n) = chars.next() {
                    if n == '*' && chars.peek() == Some(&'/') {
                        chars.next();
                        closed = true;
                        break;
                    }
                    if n == '\n' {
                        line = line.saturating_add(1);
                    }
                    body.push(n);
                }
                if !closed {
                    out.push(Token { tok: Tok::UnterminatedComment, line: start });
                } else if let Some(doc) = body.strip_prefix('*') {
                    out.push(Token { tok: Tok::Doc(doc.to_string()), line: start });
                }
            }
            '{' => {
                let head_line = if pending.trim().is_empty() { line } else { pending_line };
                out.push(Token { tok: Tok::Open(pending.trim().to_string()), line: head_line });
                pending.clear();
            }
            '}' => {
                flush(&mut out, &mut pending, pending_line);
                out.push(Token { tok: Tok::Close, line });
            }
            ';' => flush(&mut out, &mut pending, pending_line),
            c if c.is_whitespace() => {
                if !pending.is_empty() && !pending.ends_with(' ') {
                    pending.push(' ');
                }
            }
            c => {
                if pending.is_empty() {
                    pending_line = line;
                }
                pending.push(c);
            }
        }
    }
    flush(&mut out, &mut pending, pending_line);
    out
}

// ---------------------------------------------------------------------------------------------
// JSDoc

/// What a JSDoc block says.
#[derive(Debug, Clone, Default, PartialEq)]
struct Doc {
    /// The first line that is not a tag (the internal name).
    internal: Option<String>,
    /// `@param NAME `TYPE``.
    params: Vec<(String, String)>,
    /// `@returns `TYPE``.
    returns: Option<String>,
    /// `@type `TYPE``.
    ty: Option<String>,
}

/// Reads the text of a `/** ... */` block.
fn parse_doc(body: &str) -> Doc {
    let mut doc = Doc::default();
    for line in body.lines() {
        let line = line.trim();
        let line = line.strip_prefix('*').unwrap_or(line).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@param") {
            let rest = rest.trim_start();
            let name = rest.split(|c: char| c.is_whitespace() || c == '`').next().unwrap_or("");
            if let Some(ty) = backticked(rest) {
                doc.params.push((name.to_string(), ty.to_string()));
            }
        } else if let Some(rest) = line.strip_prefix("@returns").or_else(|| line.strip_prefix("@return")) {
            doc.returns = backticked(rest).map(str::to_string);
        } else if let Some(rest) = line.strip_prefix("@type") {
            doc.ty = backticked(rest).map(str::to_string);
        } else if line.starts_with('@') {
            // Some other tag: not written by asc, harmless.
        } else if doc.internal.is_none() {
            doc.internal = Some(line.to_string());
        }
    }
    doc
}

/// The text between the first and the last backtick.
fn backticked(text: &str) -> Option<&str> {
    let start = text.find('`')?;
    let end = text.rfind('`')?;
    (end > start).then(|| text[start + 1..end].trim())
}

// ---------------------------------------------------------------------------------------------
// Small text helpers (shared with the glue parser)

/// Splits `text` at `sep` where it is outside any `<>`, `()`, `[]`, `{}` and quotes; `=>` does
/// not close an angle bracket. Pieces are trimmed; empty pieces are kept.
pub(super) fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut quotes = Quotes::new("\"'");
    let mut prev = '\0';
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !quotes.in_string(c) {
            match c {
                '<' | '(' | '[' | '{' => depth += 1,
                '>' if prev == '=' => {}
                '>' | ')' | ']' | '}' => depth = depth.saturating_sub(1),
                c if c == sep && depth == 0 => {
                    pieces.push(text[start..i].trim());
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        prev = c;
    }
    pieces.push(text[start..].trim());
    pieces
}

/// Tracks whether a scan is inside a quoted string (backslash escapes honoured).
pub(super) struct Quotes {
    delimiters: &'static str,
    open: Option<char>,
    escaped: bool,
}

impl Quotes {
    /// A scanner for strings delimited by any of `delimiters`.
    pub(super) fn new(delimiters: &'static str) -> Self {
        Quotes { delimiters, open: None, escaped: false }
    }

    /// Feeds the next character; `true` when it belongs to a string (its quotes included).
    pub(super) fn in_string(&mut self, c: char) -> bool {
        if let Some(q) = self.open {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' {
                self.escaped = true;
            } else if c == q {
                self.open = None;
            }
            return true;
        }
        if self.delimiters.contains(c) {
            self.open = Some(c);
            return true;
        }
        false
    }
}

/// Index of the `)` matching the `(` at byte `open` (skipping `=>`), if any.
pub(super) fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut prev = '\0';
    for (i, c) in text.get(open..)?.char_indices() {
        match c {
            '(' | '<' | '[' | '{' => depth += 1,
            '>' if prev == '=' => {}
            ')' | '>' | ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (c == ')').then_some(open + i);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// `text` without a leading keyword `word` followed by whitespace (so a member named `get` or
/// `static` is not mistaken for the keyword).
fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(word)?;
    let trimmed = rest.trim_start();
    (rest.len() != trimmed.len() && !trimmed.is_empty()).then_some(trimmed)
}

/// Drops leading `export` / `declare`.
fn strip_modifiers(mut text: &str) -> &str {
    while let Some(rest) = strip_word(text, "export").or_else(|| strip_word(text, "declare")) {
        text = rest;
    }
    text
}

/// A JS identifier (ASCII and Unicode letters, digits, `_`, `$`).
fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// A JS/TS property name: an identifier or a double/single-quoted string (unescaped).
pub(super) fn property_name(text: &str) -> Option<String> {
    let text = text.trim();
    if is_ident(text) {
        return Some(text.to_string());
    }
    let quote = text.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
            }
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// `name(params): ret` (`: ret` optional), as written in a `.d.ts` declaration.
struct Sig {
    name: String,
    /// name, optional (`?`), TS type (if written)
    params: Vec<(String, bool, Option<String>)>,
    ret: Option<String>,
}

/// Splits a declaration such as `f(a: number, b?: number): number` into a [`Sig`].
fn parse_sig(text: &str) -> Option<Sig> {
    let open = text.find('(')?;
    let name = text[..open].trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let close = matching_paren(text, open)?;
    let inner = text[open + 1..close].trim();
    let mut params = Vec::new();
    if !inner.is_empty() {
        for piece in split_top_level(inner, ',') {
            let (pname, ty) = match piece.split_once(':') {
                Some((n, t)) => (n.trim(), Some(t.trim().to_string()).filter(|t| !t.is_empty())),
                None => (piece, None),
            };
            let (pname, optional) = match pname.strip_suffix('?') {
                Some(p) => (p.trim_end(), true),
                None => (pname, false),
            };
            let pname = pname.strip_prefix("...").unwrap_or(pname);
            if !is_ident(pname) {
                return None;
            }
            params.push((pname.to_string(), optional, ty));
        }
    }
    let after = text[close + 1..].trim();
    let ret = if after.is_empty() {
        None
    } else {
        Some(after.strip_prefix(':')?.trim().to_string()).filter(|r| !r.is_empty())
    };
    if !after.is_empty() && ret.is_none() {
        return None;
    }
    Some(Sig { name: name.to_string(), params, ret })
}

/// `name[?]: type` → (name, optional, type).
fn parse_typed_name(text: &str) -> Option<(&str, bool, &str)> {
    let colon = text.find(':')?;
    let name = text[..colon].trim();
    let ty = text[colon + 1..].trim();
    let (name, optional) = match name.strip_suffix('?') {
        Some(n) => (n.trim_end(), true),
        None => (name, false),
    };
    (is_ident(name) && !ty.is_empty()).then_some((name, optional, ty))
}

/// A type as the classic dialect writes it: the scalar aliases of its header, `void`, or
/// something kept verbatim.
fn classic_type(ts: &str) -> AsType {
    let ts = ts.trim();
    match ts {
        "void" => AsType::Void,
        "boolean" => AsType::Scalar(Scalar::Bool),
        _ => Scalar::from_name(ts).map(AsType::Scalar).unwrap_or_else(|| AsType::Other(ts.to_string())),
    }
}

// ---------------------------------------------------------------------------------------------
// The parser: a stack of open blocks, fed one token at a time.

/// A block being read.
#[derive(Debug)]
enum Ctx {
    /// `declare namespace __AdaptedExports {`
    Namespace,
    /// `export declare const X: {`
    Global(DtsGlobal, bool),
    /// `export declare enum E {`
    Enum(DtsEnum),
    /// `declare interface __RecordN<TOmittable> {`, with the `@type` of the next field.
    Record(DtsRecord, Option<AsType>),
    /// `declare class __InternrefN extends Number {`
    Internref(DtsInternref),
    /// `export declare function instantiate(module: WebAssembly.Module, imports: {`
    Instantiate,
    /// Classic `export class C {`.
    Class(ClassicClass),
    /// Classic `export namespace ns {`, with the export-name prefix (`ns.`).
    ClassicNamespace(String),
    /// A block that was already reported; its content is skipped.
    Skip,
}

struct Parser<'p> {
    path: &'p Path,
    dts: Dts,
    diags: Vec<Diagnostic>,
    /// Open blocks with the line they opened on.
    stack: Vec<(Ctx, u32)>,
    /// The JSDoc just read, for the next declaration.
    doc: Option<Doc>,
    /// Right after the `}` of `instantiate(..., imports: { ... }`: expect `): Promise<...>`.
    after_instantiate: bool,
    saw_instantiate: bool,
}

impl Parser<'_> {
    fn help(&self) -> &'static str {
        match self.dts.dialect {
            Dialect::Classic => HELP_CLASSIC,
            _ => HELP_MODERN,
        }
    }

    fn error(&mut self, line: u32, message: impl Into<String>, help: &str) {
        self.diags.push(Diagnostic::new(self.path, Some(line), message).help(help));
    }

    /// Reports an unexpected piece of text with what was expected there.
    fn unexpected(&mut self, line: u32, text: &str, expected: &str) {
        let shown: String = text.chars().take(80).collect();
        let ellipsis = if shown.len() < text.len() { "…" } else { "" };
        let help = self.help();
        self.error(line, format!("unexpected `{shown}{ellipsis}`: expected {expected}"), help);
    }

    /// The export-name prefix of the enclosing classic namespaces (`ns.`).
    fn prefix(&self) -> String {
        self.stack
            .iter()
            .rev()
            .find_map(|(ctx, _)| match ctx {
                Ctx::ClassicNamespace(p) => Some(p.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    fn token(&mut self, token: Token) {
        let Token { tok, line } = token;
        if !matches!(tok, Tok::Doc(_)) && std::mem::take(&mut self.after_instantiate) {
            // The import list's `}` is followed by `): Promise<typeof __AdaptedExports>;`.
            if let Tok::Stmt(text) = &tok
                && text.starts_with(')')
                && self.stack.is_empty()
            {
                return;
            }
        }
        match tok {
            Tok::Doc(body) => self.on_doc(&body),
            Tok::UnterminatedComment => {
                self.error(line, "a `/*` comment is never closed", HELP_TRUNCATED);
            }
            Tok::Open(head) => {
                self.on_open(&head, line);
                self.doc = None;
            }
            Tok::Close => {
                self.on_close(line);
                self.doc = None;
            }
            Tok::Stmt(text) => {
                self.on_stmt(&text, line);
                self.doc = None;
            }
        }
    }

    fn on_doc(&mut self, body: &str) {
        let doc = parse_doc(body);
        match self.stack.last_mut() {
            Some((Ctx::Global(global, has_type), _)) => {
                if let Some(ty) = &doc.ty {
                    global.ty = AsType::parse(ty);
                    *has_type = true;
                }
            }
            Some((Ctx::Record(_, next), _)) => {
                if let Some(ty) = &doc.ty {
                    *next = Some(AsType::parse(ty));
                }
            }
            _ => self.doc = Some(doc),
        }
    }

    fn on_open(&mut self, head: &str, line: u32) {
        let ctx = match self.stack.last() {
            Some((Ctx::Skip, _)) => Ctx::Skip,
            None | Some((Ctx::Namespace, _)) if self.dts.dialect != Dialect::Classic => self.open_modern(head, line),
            None | Some((Ctx::ClassicNamespace(_), _)) if self.dts.dialect == Dialect::Classic => {
                self.open_classic(head, line)
            }
            _ => {
                self.unexpected(line, &format!("{head} {{"), "a member declaration or `}`");
                Ctx::Skip
            }
        };
        self.stack.push((ctx, line));
    }

    fn open_modern(&mut self, head: &str, line: u32) -> Ctx {
        let at_top = self.stack.is_empty();
        let decl = strip_modifiers(head);
        let doc = self.doc.take();
        let internal = doc.as_ref().and_then(|d| d.internal.clone());
        if at_top && decl == "namespace __AdaptedExports" {
            return Ctx::Namespace;
        }
        if let Some(rest) = strip_word(decl, "const")
            && let Some(name) = rest.strip_suffix(':').map(str::trim)
            && is_ident(name)
        {
            let global = DtsGlobal { name: name.to_string(), internal, ty: AsType::Void, mutable: false, line };
            return Ctx::Global(global, false);
        }
        if let Some(name) = strip_word(decl, "enum")
            && is_ident(name)
        {
            return Ctx::Enum(DtsEnum { name: name.to_string(), internal, members: Vec::new(), line });
        }
        if let Some(rest) = strip_word(decl, "interface")
            && let Some(rest) = rest.strip_prefix("__Record")
            && let Some((id, generic)) = rest.split_once('<')
            && generic.ends_with('>')
            && let Ok(id) = id.trim().parse::<u32>()
        {
            let class = self.class_path(internal, line, &format!("__Record{id}"));
            return Ctx::Record(DtsRecord { id, class, fields: Vec::new(), line }, None);
        }
        if let Some(rest) = strip_word(decl, "class")
            && let Some(rest) = rest.strip_prefix("__Internref")
            && let Some((id, base)) = rest.split_once(char::is_whitespace)
            && base.trim() == "extends Number"
            && let Ok(id) = id.parse::<u32>()
        {
            let class = self.class_path(internal, line, &format!("__Internref{id}"));
            return Ctx::Internref(DtsInternref { id, class, chain: Vec::new(), line });
        }
        if at_top
            && let Some(rest) = strip_word(decl, "function")
            && rest.starts_with("instantiate(")
        {
            self.saw_instantiate = true;
            return Ctx::Instantiate;
        }
        self.unexpected(
            line,
            &format!("{head} {{"),
            "`export declare const NAME: {`, `export declare enum NAME {`, `declare interface __RecordN<TOmittable> {`, \
             `declare class __InternrefN extends Number {` or `declare namespace __AdaptedExports {`",
        );
        Ctx::Skip
    }

    /// The class path from a record's / internref's JSDoc.
    fn class_path(&mut self, internal: Option<String>, line: u32, what: &str) -> String {
        internal.unwrap_or_else(|| {
            self.error(
                line,
                format!("`{what}` has no `/** path/to/Class */` comment before it"),
                "asc writes the class path in a comment before every record and internref type; regenerate \
                 the .d.ts with `asc --bindings raw` (or esm)",
            );
            String::new()
        })
    }

    fn open_classic(&mut self, head: &str, line: u32) -> Ctx {
        let prefix = self.prefix();
        let decl = strip_modifiers(head);
        if let Some(rest) = strip_word(decl, "class") {
            let (name, extends) = match rest.split_once(" extends ") {
                Some((name, base)) => (name.trim(), Some(base.trim())),
                None => (rest.trim(), None),
            };
            if is_ident(name) && extends.is_none_or(|b| !b.is_empty() && !b.contains(char::is_whitespace)) {
                return Ctx::Class(ClassicClass {
                    name: format!("{prefix}{name}"),
                    extends: extends.map(str::to_string),
                    fields: Vec::new(),
                    constructor: None,
                    methods: Vec::new(),
                    line,
                });
            }
        }
        if let Some(name) = strip_word(decl, "namespace")
            && is_ident(name)
        {
            return Ctx::ClassicNamespace(format!("{prefix}{name}{STATIC_SEP}"));
        }
        if let Some(name) = strip_word(decl, "enum").or_else(|| strip_word(decl, "const enum").map(str::trim))
            && is_ident(name)
        {
            return Ctx::Enum(DtsEnum { name: format!("{prefix}{name}"), internal: None, members: Vec::new(), line });
        }
        self.unexpected(
            line,
            &format!("{head} {{"),
            "`export class NAME {`, `export namespace NAME {` or `export enum NAME {`",
        );
        Ctx::Skip
    }

    fn on_close(&mut self, line: u32) {
        let Some((ctx, _)) = self.stack.pop() else {
            let help = self.help();
            self.error(line, "unmatched `}`", help);
            return;
        };
        match ctx {
            Ctx::Global(global, has_type) => {
                if has_type {
                    self.dts.globals.push(global);
                } else {
                    let name = global.name.clone();
                    self.error(
                        global.line,
                        format!("global `{name}` has no `/** @type `TYPE` */` line"),
                        "asc writes the AssemblyScript type of every global in a `@type` comment; regenerate the \
                         .d.ts with `asc --bindings raw` (or esm)",
                    );
                }
            }
            Ctx::Enum(e) => self.dts.enums.push(e),
            Ctx::Record(r, _) => self.dts.records.push(r),
            Ctx::Internref(i) => {
                if i.chain.is_empty() {
                    let id = i.id;
                    self.error(
                        i.line,
                        format!("`__Internref{id}` lists no `private __nominalN: symbol;` members"),
                        HELP_MODERN,
                    );
                }
                self.dts.internrefs.push(i);
            }
            Ctx::Instantiate => self.after_instantiate = true,
            Ctx::Class(c) => self.dts.classes.push(c),
            Ctx::Namespace | Ctx::ClassicNamespace(_) | Ctx::Skip => {}
        }
    }

    fn on_stmt(&mut self, text: &str, line: u32) {
        let classic = self.dts.dialect == Dialect::Classic;
        match self.stack.last_mut() {
            Some((Ctx::Skip, _)) => {}
            None | Some((Ctx::Namespace, _)) if !classic => self.stmt_modern(text, line),
            None | Some((Ctx::ClassicNamespace(_), _)) if classic => self.stmt_classic(text, line),
            Some((Ctx::Global(global, _), _)) => {
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                if compact.starts_with("setvalue(") {
                    global.mutable = true;
                } else if !(compact == "getvalue()" || compact.starts_with("getvalue():")) {
                    self.unexpected(line, text, "`get value(): TYPE` or `set value(value: TYPE)`");
                }
            }
            Some((Ctx::Enum(e), _)) => {
                let mut bad = None;
                for member in split_top_level(text, ',') {
                    let name = member.split('=').next().unwrap_or("").trim();
                    if is_ident(name) {
                        e.members.push(name.to_string());
                    } else if !member.is_empty() {
                        bad = Some(member.to_string());
                    }
                }
                if let Some(bad) = bad {
                    self.unexpected(line, &bad, "an enum member name followed by `,`");
                }
            }
            Some((Ctx::Record(record, next), _)) => match (parse_typed_name(text), next.take()) {
                (Some((name, _, _)), Some(ty)) => record.fields.push((name.to_string(), ty)),
                (Some((name, _, _)), None) => {
                    let message = format!("record field `{name}` has no `/** @type `TYPE` */` line before it");
                    self.error(
                        line,
                        message,
                        "asc writes the AssemblyScript type of every record field in a `@type` comment; regenerate \
                         the .d.ts with `asc --bindings raw` (or esm)",
                    );
                }
                (None, _) => self.unexpected(line, text, "a record field `NAME: TYPE;`"),
            },
            Some((Ctx::Internref(internref), _)) => {
                let id = strip_word(text, "private")
                    .and_then(parse_typed_name)
                    .filter(|(_, _, ty)| *ty == "symbol")
                    .and_then(|(name, _, _)| name.strip_prefix("__nominal"))
                    .and_then(|id| id.parse::<u32>().ok());
                match id {
                    Some(id) => internref.chain.push(id),
                    None => self.unexpected(line, text, "`private __nominalN: symbol;`"),
                }
            }
            Some((Ctx::Instantiate, _)) => {
                for entry in split_top_level(text, ',') {
                    if entry.is_empty() {
                        continue;
                    }
                    let module = entry.rsplit_once(':').and_then(|(name, _)| property_name(name));
                    match module {
                        Some(module) => self.dts.import_modules.push(module),
                        None => self.unexpected(line, entry, "an import module entry `NAME: unknown,`"),
                    }
                }
            }
            Some((Ctx::Class(_), _)) => self.stmt_class_member(text, line),
            _ => self.unexpected(line, text, "a declaration"),
        }
    }

    fn stmt_modern(&mut self, text: &str, line: u32) {
        let decl = strip_modifiers(text);
        let doc = self.doc.take();
        if let Some(rest) = strip_word(decl, "function") {
            let Some(sig) = parse_sig(rest) else {
                self.unexpected(line, text, "`export declare function NAME(PARAM: TYPE, ...): TYPE;`");
                return;
            };
            if is_runtime_export(&sig.name) {
                return;
            }
            self.modern_function(sig, doc, line);
            return;
        }
        if let Some(rest) = strip_word(decl, "const")
            && let Some((name, _, _)) = parse_typed_name(rest)
            && is_runtime_export(name)
        {
            return;
        }
        self.unexpected(
            line,
            text,
            "a JSDoc comment followed by `export declare function NAME(...): TYPE;`, `export declare const NAME: {` \
             or `export declare enum NAME {`",
        );
    }

    fn modern_function(&mut self, sig: Sig, doc: Option<Doc>, line: u32) {
        let name = sig.name;
        let Some(doc) = doc else {
            self.error(
                line,
                format!("function `{name}` has no JSDoc comment with its AssemblyScript types"),
                "asc writes `/** internal/name @param NAME `TYPE` @returns `TYPE` */` before every exported \
                 function; regenerate the .d.ts with `asc --bindings raw` (or esm)",
            );
            return;
        };
        let mut params = Vec::new();
        let mut ok = true;
        for (pname, optional, _) in sig.params {
            match doc.params.iter().find(|(n, _)| *n == pname) {
                Some((_, ty)) => params.push(DtsParam { name: pname, ty: AsType::parse(ty), optional }),
                None => {
                    ok = false;
                    self.error(
                        line,
                        format!("parameter `{pname}` of `{name}` has no `@param {pname} `TYPE`` line in its JSDoc"),
                        HELP_MODERN,
                    );
                }
            }
        }
        let result = match (&doc.returns, sig.ret.as_deref()) {
            (Some(ty), _) => AsType::parse(ty),
            (None, None | Some("void")) => AsType::Void,
            (None, Some(ts)) => {
                ok = false;
                self.error(
                    line,
                    format!("`{name}` returns `{ts}` but its JSDoc has no `@returns `TYPE`` line"),
                    HELP_MODERN,
                );
                AsType::Void
            }
        };
        if ok {
            self.dts.functions.push(DtsFunction { name, internal: doc.internal, params, result, line });
        }
    }

    fn stmt_classic(&mut self, text: &str, line: u32) {
        if self.stack.is_empty() && strip_word(text, "type").is_some_and(|rest| rest.contains('=')) {
            return; // the `type i32 = number;` header
        }
        let prefix = self.prefix();
        let decl = strip_modifiers(text);
        if let Some(rest) = strip_word(decl, "function") {
            match parse_sig(rest).and_then(|sig| classic_params(sig.params).map(|p| (sig.name, p, sig.ret))) {
                Some((name, _, _)) if prefix.is_empty() && is_runtime_export(&name) => {}
                Some((name, params, ret)) => self.dts.functions.push(DtsFunction {
                    name: format!("{prefix}{name}"),
                    internal: None,
                    params,
                    result: ret.as_deref().map_or(AsType::Void, classic_type),
                    line,
                }),
                None => self.unexpected(line, text, "`export function NAME(PARAM: TYPE, ...): TYPE;`"),
            }
            return;
        }
        let var = [("var", true), ("let", true), ("const", false)]
            .into_iter()
            .find_map(|(kw, mutable)| strip_word(decl, kw).map(|rest| (rest, mutable)));
        if let Some((rest, mutable)) = var {
            match parse_typed_name(rest) {
                Some((name, _, _)) if prefix.is_empty() && is_runtime_export(name) => {}
                Some((name, _, ty)) => self.dts.globals.push(DtsGlobal {
                    name: format!("{prefix}{name}"),
                    internal: None,
                    ty: classic_type(ty),
                    mutable,
                    line,
                }),
                None => self.unexpected(line, text, "`export var NAME: TYPE;`"),
            }
            return;
        }
        self.unexpected(
            line,
            text,
            "`export function NAME(...): TYPE;`, `export var NAME: TYPE;`, `export class NAME {`, \
             `export namespace NAME {` or `export enum NAME {`",
        );
    }

    fn stmt_class_member(&mut self, text: &str, line: u32) {
        let Some((Ctx::Class(class), _)) = self.stack.last() else { return };
        let class_name = class.name.clone();
        let (mut is_static, mut readonly, mut getter, mut setter) = (false, false, false, false);
        let mut rest = text;
        loop {
            if let Some(r) = strip_word(rest, "static") {
                is_static = true;
                rest = r;
            } else if let Some(r) = strip_word(rest, "readonly") {
                readonly = true;
                rest = r;
            } else if let Some(r) = strip_word(rest, "public") {
                rest = r;
            } else {
                break;
            }
        }
        if let Some(r) = strip_word(rest, "get") {
            getter = true;
            rest = r;
        } else if let Some(r) = strip_word(rest, "set") {
            setter = true;
            rest = r;
        }
        let paren = rest.find('(');
        let colon = rest.find(':');
        let is_method = match (paren, colon) {
            (Some(p), Some(c)) => p < c,
            (Some(_), None) => true,
            _ => false,
        };
        if is_method {
            let parsed = parse_sig(rest).and_then(|sig| classic_params(sig.params).map(|p| (sig.name, p, sig.ret)));
            let Some((name, params, ret)) = parsed else {
                self.unexpected(line, text, "a method `NAME(PARAM: TYPE, ...): TYPE;`");
                return;
            };
            let Some((Ctx::Class(class), _)) = self.stack.last_mut() else { return };
            match name.as_str() {
                "constructor" if !is_static && !getter && !setter => class.constructor = Some(params),
                "wrap" if is_static => {}
                "valueOf" if !is_static && params.is_empty() => {}
                _ => class.methods.push(ClassicMethod {
                    name,
                    is_static,
                    getter,
                    setter,
                    params,
                    result: ret.as_deref().map_or(AsType::Void, classic_type),
                    line,
                }),
            }
            return;
        }
        if getter || setter {
            self.unexpected(line, text, "an accessor `get NAME(): TYPE;` or `set NAME(value: TYPE);`");
            return;
        }
        let Some((name, _, ty)) = parse_typed_name(rest) else {
            self.unexpected(line, text, "a field `NAME: TYPE;` or a method `NAME(PARAM: TYPE, ...): TYPE;`");
            return;
        };
        let ty = classic_type(ty);
        if is_static {
            // Exported as the global `Class.field` (AS_ABI §10.1).
            let global =
                DtsGlobal { name: static_member(&class_name, name), internal: None, ty, mutable: !readonly, line };
            self.dts.globals.push(global);
        } else if let Some((Ctx::Class(class), _)) = self.stack.last_mut() {
            class.fields.push((name.to_string(), ty, readonly));
        }
    }

    /// End of file: report blocks left open and a raw file without its `instantiate`.
    fn finish(&mut self, text: &str) {
        let last_line = u32::try_from(text.lines().count()).unwrap_or(u32::MAX).max(1);
        if let Some((_, opened)) = self.stack.last() {
            let opened = *opened;
            self.error(
                last_line,
                format!("unexpected end of file: the block opened on line {opened} is not closed"),
                HELP_TRUNCATED,
            );
        } else if self.dts.dialect == Dialect::Raw && !self.saw_instantiate {
            self.error(
                last_line,
                "unexpected end of file: a raw-bindings .d.ts ends with \
                 `export declare function instantiate(module: WebAssembly.Module, imports: { ... })`",
                HELP_TRUNCATED,
            );
        }
    }
}

/// Classic parameters: every one must have a type.
fn classic_params(params: Vec<(String, bool, Option<String>)>) -> Option<Vec<DtsParam>> {
    params.into_iter().map(|(name, optional, ty)| Some(DtsParam { name, ty: classic_type(&ty?), optional })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::astype::TypedArray;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/", $name))
        };
    }

    fn ok(name: &str, text: &str) -> Dts {
        match parse(Path::new(name), text) {
            Ok(dts) => dts,
            Err(diags) => panic!("{name}: {}", crate::Diagnostics(diags)),
        }
    }

    fn func<'d>(dts: &'d Dts, name: &str) -> &'d DtsFunction {
        dts.functions.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no function {name}"))
    }

    fn global<'d>(dts: &'d Dts, name: &str) -> &'d DtsGlobal {
        dts.globals.iter().find(|g| g.name == name).unwrap_or_else(|| panic!("no global {name}"))
    }

    fn param(name: &str, ty: AsType, optional: bool) -> DtsParam {
        DtsParam { name: name.to_string(), ty, optional }
    }

    fn class(path: &str) -> AsType {
        AsType::Class(path.to_string())
    }

    fn nullable(t: AsType) -> AsType {
        AsType::Nullable(Box::new(t))
    }

    fn array(t: AsType) -> AsType {
        AsType::Array(Box::new(t))
    }

    const I32: AsType = AsType::Scalar(Scalar::I32);
    const U32: AsType = AsType::Scalar(Scalar::U32);
    const F32: AsType = AsType::Scalar(Scalar::F32);
    const F64: AsType = AsType::Scalar(Scalar::F64);
    const USIZE: AsType = AsType::Scalar(Scalar::Usize);

    fn assert_no_runtime(dts: &Dts) {
        for f in &dts.functions {
            assert!(!is_runtime_export(&f.name), "{} listed as a function", f.name);
        }
        for g in &dts.globals {
            assert!(!is_runtime_export(&g.name), "{} listed as a global", g.name);
        }
    }

    fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
        items.iter().map(name).collect()
    }

    #[test]
    fn hello() {
        let dts = ok("hello.d.ts", fixture!("hello.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(
            names(&dts.functions, |f| &f.name),
            [
                "sqrt_sum_square",
                "get_hello_string",
                "expand_string",
                "generate_random_float_array",
                "generate_random_integer_array",
                "get_array",
                "get_float_array",
                "sum_array",
                "sum_float_array"
            ]
        );
        let f = func(&dts, "sqrt_sum_square");
        assert_eq!(f.internal.as_deref(), Some("src/hello/sqrt_sum_square"));
        assert_eq!(f.params, [param("a", F32, false), param("b", F32, false)]);
        assert_eq!(f.result, F32);
        assert_eq!(f.line, 16);
        assert_eq!(func(&dts, "get_hello_string").result, AsType::String);
        assert_eq!(func(&dts, "generate_random_float_array").result, AsType::TypedArray(TypedArray::Float32));
        assert_eq!(func(&dts, "sum_array").params[0].ty, AsType::TypedArray(TypedArray::Int32));
        assert_eq!(func(&dts, "sum_array").result, AsType::Scalar(Scalar::I64));
        assert_eq!(names(&dts.globals, |g| &g.name), ["Float32Array_ID", "Int32Array_ID"]);
        assert!(dts.globals.iter().all(|g| g.ty == U32 && !g.mutable));
        assert_eq!(dts.globals[0].internal.as_deref(), Some("src/hello/Float32Array_ID"));
        assert!(dts.enums.is_empty() && dts.records.is_empty() && dts.internrefs.is_empty() && dts.classes.is_empty());
        assert_eq!(dts.import_modules, ["env"]);
    }

    #[test]
    fn vector3d() {
        let dts = ok("vector3d.d.ts", fixture!("vector3d.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        let vector = || class("src/vector3d/Vector3d");
        assert_eq!(func(&dts, "get_random_vectors").result, array(vector()));
        assert_eq!(func(&dts, "get_minimum_distance").params, [param("vs", array(vector()), false)]);
        assert_eq!(
            func(&dts, "vector_new").params,
            [param("x", F64, false), param("y", F64, false), param("z", F64, false)]
        );
        assert_eq!(func(&dts, "vector_new").result, vector());
        assert_eq!(func(&dts, "vector_coords").result, AsType::StaticArray(Box::new(F64)));
        // 5 functions of the source, 9 wrappers the asbind-classes transform adds.
        assert_eq!(dts.functions.len(), 14);
        assert_eq!(
            func(&dts, "Vector3d__m_distance").params,
            [param("self", vector(), false), param("o", vector(), false)]
        );
        assert_eq!(names(&dts.globals, |g| &g.name), ["VectorsArray_ID", "Vector3d_ID"]);
        assert_eq!(
            dts.internrefs,
            [DtsInternref { id: 4, class: "src/vector3d/Vector3d".into(), chain: vec![4, 0], line: 111 }]
        );
        assert_eq!(dts.import_modules, ["env"]);
    }

    #[test]
    fn imports() {
        let dts = ok("imports.d.ts", fixture!("imports.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(names(&dts.functions, |f| &f.name), ["greet", "add_via_host", "scale_via_host"]);
        assert_eq!(func(&dts, "greet").params, [param("who", AsType::String, false)]);
        assert_eq!(
            func(&dts, "scale_via_host").params,
            [param("values", AsType::TypedArray(TypedArray::Float64), false), param("k", F64, false)]
        );
        assert_eq!(dts.import_modules, ["env", "imports", "host"]);
    }

    #[test]
    fn stdlib() {
        let dts = ok("stdlib.d.ts", fixture!("stdlib.d.ts"));
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(dts.functions.len(), 10);
        let do_trace = func(&dts, "do_trace");
        assert!(do_trace.params.is_empty());
        assert_eq!(do_trace.result, AsType::Void);
        assert_eq!(do_trace.internal.as_deref(), Some("src/stdlib/do_trace"));
        assert_eq!(func(&dts, "log_all").params, [param("s", AsType::String, false)]);
        assert_eq!(func(&dts, "log_all").result, AsType::Void);
        assert_eq!(func(&dts, "fail").result, AsType::Void);
        assert_eq!(func(&dts, "random_values").result, AsType::TypedArray(TypedArray::Float64));
        assert_eq!(func(&dts, "recurse").result, I32);
        assert!(dts.globals.is_empty());
        assert_eq!(dts.import_modules, ["env"]);
    }

    /// values, values_minimal and values_stub come from the same source.
    fn check_values(name: &str, text: &str) {
        let dts = ok(name, text);
        assert_eq!(dts.dialect, Dialect::Raw);
        assert_no_runtime(&dts);
        assert_eq!(dts.functions.len(), 73);

        let concat = func(&dts, "concat");
        assert_eq!(concat.params, [param("a", AsType::String, false), param("b", AsType::String, false)]);
        assert_eq!(concat.result, AsType::String);
        assert_eq!(concat.internal.as_deref(), Some("src/values/concat"));
        assert_eq!(concat.line, 119);
        let with_defaults = func(&dts, "with_defaults");
        assert_eq!(with_defaults.params, [param("a", I32, false), param("b", I32, true)]);
        assert_eq!(with_defaults.line, 474);
        assert_eq!(
            func(&dts, "greet").params,
            [param("name", AsType::String, false), param("greeting", AsType::String, true)]
        );
        assert_eq!(
            func(&dts, "opt_tail").params,
            [
                param("a", F64, false),
                param("b", AsType::Scalar(Scalar::I64), true),
                param("c", nullable(AsType::String), true)
            ]
        );
        let mix = func(&dts, "mix_scalars");
        let kinds: Vec<_> = mix.params.iter().map(|p| p.ty.clone()).collect();
        assert_eq!(
            kinds,
            [Scalar::I8, Scalar::U16, Scalar::I64, Scalar::F32, Scalar::Bool].map(AsType::Scalar).to_vec()
        );
        assert_eq!(func(&dts, "upper_or_null").result, nullable(AsType::String));
        assert_eq!(func(&dts, "reverse_buffer").result, AsType::ArrayBuffer);
        assert_eq!(func(&dts, "twice_u8c").result, AsType::TypedArray(TypedArray::Uint8Clamped));
        assert_eq!(func(&dts, "twice_u64").result, AsType::TypedArray(TypedArray::Uint64));
        assert_eq!(func(&dts, "count_nulls").params[0].ty, array(nullable(AsType::String)));
        assert_eq!(func(&dts, "transpose").result, array(array(I32)));
        assert_eq!(func(&dts, "static_join").params[0].ty, AsType::StaticArray(Box::new(AsType::String)));
        assert_eq!(func(&dts, "make_mixed").result, class("src/values/Mixed"));
        assert_eq!(func(&dts, "centroid").params[0].ty, array(class("src/values/Point")));
        assert_eq!(func(&dts, "maybe_point").result, nullable(class("src/values/Point")));
        assert_eq!(func(&dts, "maybe_counter").result, nullable(class("src/values/Counter")));
        assert_eq!(func(&dts, "named_counter_new").result, class("src/values/NamedCounter"));

        let answer = global(&dts, "ANSWER");
        assert_eq!((answer.ty.clone(), answer.mutable), (I32, false));
        assert_eq!(answer.internal.as_deref(), Some("src/values/ANSWER"));
        assert_eq!(answer.line, 415);
        assert_eq!(global(&dts, "BIG_U64").ty, AsType::Scalar(Scalar::U64));
        assert_eq!((global(&dts, "GREETING").ty.clone(), global(&dts, "GREETING").mutable), (AsType::String, false));
        assert_eq!((global(&dts, "counter").ty.clone(), global(&dts, "counter").mutable), (I32, true));
        assert_eq!(global(&dts, "flag").ty, AsType::Scalar(Scalar::Bool));
        let message = global(&dts, "message");
        assert_eq!((message.ty.clone(), message.mutable, message.line), (AsType::String, true, 447));
        let maybe = global(&dts, "maybe_message");
        assert_eq!((maybe.ty.clone(), maybe.mutable), (nullable(AsType::String), true));
        assert_eq!(dts.globals.len(), 15);

        assert_eq!(
            dts.enums,
            [DtsEnum {
                name: "Color".into(),
                internal: Some("src/values/Color".into()),
                members: vec!["Red".into(), "Green".into(), "Blue".into()],
                line: 400,
            }]
        );

        assert_eq!(dts.records.iter().map(|r| r.id).collect::<Vec<_>>(), [39, 38, 7, 40]);
        let mixed = dts.records.iter().find(|r| r.id == 38).expect("record 38");
        assert_eq!(mixed.class, "src/values/Mixed");
        assert_eq!(mixed.line, 552);
        let expected = [
            ("a", AsType::Scalar(Scalar::U8)),
            ("b", F64),
            ("c", I32),
            ("s", AsType::String),
            ("t", AsType::Scalar(Scalar::Bool)),
            ("h", AsType::Scalar(Scalar::U16)),
            ("n", nullable(AsType::String)),
            ("big", AsType::Scalar(Scalar::I64)),
            ("ub", AsType::Scalar(Scalar::U64)),
            ("u", U32),
            ("f", F32),
            ("arr", array(I32)),
            ("inner", nullable(class("src/values/Inner"))),
        ];
        let expected: Vec<_> = expected.into_iter().map(|(n, t)| (n.to_string(), t)).collect();
        assert_eq!(mixed.fields, expected);
        let segment = dts.records.iter().find(|r| r.id == 40).expect("record 40");
        assert_eq!(segment.class, "src/values/Segment");
        assert_eq!(
            segment.fields,
            [
                ("from".into(), class("src/values/Point")),
                ("to".into(), class("src/values/Point")),
                ("label".into(), AsType::String)
            ]
        );
        let inner = dts.records.iter().find(|r| r.id == 39).expect("record 39");
        assert_eq!(inner.fields, [("v".into(), AsType::Scalar(Scalar::I8)), ("w".into(), AsType::Scalar(Scalar::I16))]);

        assert_eq!(
            dts.internrefs,
            [
                DtsInternref { id: 41, class: "src/values/Counter".into(), chain: vec![41, 0], line: 597 },
                DtsInternref { id: 42, class: "src/values/NamedCounter".into(), chain: vec![42, 41, 0], line: 602 },
            ]
        );
        assert!(dts.classes.is_empty());
        assert_eq!(dts.import_modules, ["env"]);
    }

    #[test]
    fn values() {
        check_values("values.d.ts", fixture!("values.d.ts"));
    }

    #[test]
    fn values_minimal() {
        check_values("values_minimal.d.ts", fixture!("values_minimal.d.ts"));
    }

    #[test]
    fn values_stub() {
        check_values("values_stub.d.ts", fixture!("values_stub.d.ts"));
    }

    #[test]
    fn vector3d_classic() {
        let dts = ok("vector3d_0_19.d.ts", fixture!("vector3d_0_19.d.ts"));
        assert_eq!(dts.dialect, Dialect::Classic);
        assert_no_runtime(&dts);
        assert_eq!(dts.classes.len(), 1);
        let c = &dts.classes[0];
        assert_eq!((c.name.as_str(), c.extends.as_deref(), c.line), ("Vector3d", None, 14));
        assert_eq!(c.fields, [("x".into(), F64, false), ("y".into(), F64, false), ("z".into(), F64, false)]);
        assert_eq!(
            c.constructor.as_deref(),
            Some(&[param("x", F64, false), param("y", F64, false), param("z", F64, false)][..])
        );
        assert_eq!(
            c.methods,
            [
                ClassicMethod {
                    name: "length".into(),
                    is_static: false,
                    getter: false,
                    setter: false,
                    params: vec![],
                    result: F64,
                    line: 21
                },
                ClassicMethod {
                    name: "distance".into(),
                    is_static: false,
                    getter: false,
                    setter: false,
                    params: vec![param("o", USIZE, false)],
                    result: F64,
                    line: 22
                },
            ]
        );
        assert_eq!(
            names(&dts.functions, |f| &f.name),
            ["get_random_vectors", "get_minimum_distance", "vector_new", "vector_length", "vector_coords"]
        );
        let f = func(&dts, "get_random_vectors");
        assert_eq!(
            (f.params.clone(), f.result.clone(), f.internal.clone(), f.line),
            (vec![param("n", I32, false)], USIZE, None, 24)
        );
        assert_eq!(func(&dts, "get_minimum_distance").params, [param("vs", USIZE, false)]);
        assert_eq!(
            dts.globals,
            [
                DtsGlobal { name: "VectorsArray_ID".into(), internal: None, ty: U32, mutable: true, line: 29 },
                DtsGlobal { name: "Vector3d_ID".into(), internal: None, ty: U32, mutable: true, line: 30 },
            ]
        );
        assert!(dts.enums.is_empty() && dts.records.is_empty() && dts.internrefs.is_empty());
        assert!(dts.import_modules.is_empty());
    }

    /// The members §10.2 lists, written out as asc 0.19 would.
    #[test]
    fn classic_members() {
        let text = "\
type i8 = number;
type bool = boolean | number;
export class Vector3d {
  static wrap(ptr: usize): Vector3d;
  valueOf(): usize;
  static zero(): usize;
  static COUNT: i32;
  x: f64;
  constructor(x: f64);
  add(o: usize): usize;
  scale(k?: f64): usize;
  get norm2(): f64;
  set norm2(v: f64);
  readonly tag: usize;
  get: bool;
}
export class Derived extends Base { static wrap(ptr: usize): Derived; valueOf(): usize; c: i32; constructor(); }
export var counter: i32;
export const LIMIT: u8;
export enum Color { Red, Green, }
export namespace ns { export function inner(): i32; export var depth: i16; }
export const __setArgumentsLength: ((n: i32) => void) | undefined;
";
        let dts = ok("classic.d.ts", text);
        assert_eq!(dts.dialect, Dialect::Classic);
        let v = &dts.classes[0];
        assert_eq!(
            v.fields,
            [
                ("x".into(), F64, false),
                ("tag".into(), USIZE, true),
                ("get".into(), AsType::Scalar(Scalar::Bool), false)
            ]
        );
        assert_eq!(v.constructor, Some(vec![param("x", F64, false)]));
        let methods: Vec<_> = v
            .methods
            .iter()
            .map(|m| (m.name.as_str(), m.is_static, m.getter, m.setter, m.params.clone(), m.result.clone()))
            .collect();
        assert_eq!(
            methods,
            [
                ("zero", true, false, false, vec![], USIZE),
                ("add", false, false, false, vec![param("o", USIZE, false)], USIZE),
                ("scale", false, false, false, vec![param("k", F64, true)], USIZE),
                ("norm2", false, true, false, vec![], F64),
                ("norm2", false, false, true, vec![param("v", F64, false)], AsType::Void),
            ]
        );
        let d = &dts.classes[1];
        assert_eq!((d.name.as_str(), d.extends.as_deref(), d.line), ("Derived", Some("Base"), 17));
        assert_eq!(d.fields, [("c".into(), I32, false)]);
        assert_eq!(d.constructor, Some(vec![]));
        assert!(d.methods.is_empty());
        let globals: Vec<_> = dts.globals.iter().map(|g| (g.name.as_str(), g.ty.clone(), g.mutable)).collect();
        assert_eq!(
            globals,
            [
                ("Vector3d.COUNT", I32, true),
                ("counter", I32, true),
                ("LIMIT", AsType::Scalar(Scalar::U8), false),
                ("ns.depth", AsType::Scalar(Scalar::I16), true),
            ]
        );
        assert_eq!(dts.enums.len(), 1);
        assert_eq!(dts.enums[0].name, "Color");
        assert_eq!(dts.enums[0].members, ["Red", "Green"]);
        assert_eq!(dts.functions.len(), 1);
        assert_eq!((dts.functions[0].name.as_str(), &dts.functions[0].result), ("ns.inner", &I32));
    }

    /// Real asc 0.19.23 `-d` output for classes with statics, accessors, `readonly`, `extends`,
    /// an enum, a namespace and defaults (compiled from a scratch source, inlined here).
    #[test]
    fn classic_real_compiler_output() {
        let text = r#"type i8 = number;
type i16 = number;
type i32 = number;
type i64 = bigint;
type isize = number;
type u8 = number;
type u16 = number;
type u32 = number;
type u64 = bigint;
type usize = number;
type f32 = number;
type f64 = number;
type bool = boolean | number;
export class Base {
  static wrap(ptr: usize): Base;
  valueOf(): usize;
  a: i32;
  constructor();
}
export class Derived extends Base {
  static wrap(ptr: usize): Derived;
  valueOf(): usize;
  constructor();
  c: i32;
}
export class Vector3d {
  static wrap(ptr: usize): Vector3d;
  valueOf(): usize;
  static COUNT: i32;
  static zero(): usize;
  readonly tag: usize;
  x: f64;
  y: f64;
  z: f64;
  constructor(x: f64, y: f64, z: f64);
  length(): f64;
  add(o: usize): usize;
  scale(k?: f64): usize;
  get norm2(): f64;
  set norm2(v: f64);
}
export function expand_string(s: usize): usize;
export var counter: i32;
export var LIMIT: u8;
export enum Color {
  Red,
  Green,
}
export namespace ns {
  export function inner(): i32;
}
export function opt(a: i32, b?: bool): bool;
export const memory: WebAssembly.Memory;
export function __new(size: usize, id: u32): usize;
export function __pin(ptr: usize): usize;
export function __unpin(ptr: usize): void;
export function __collect(): void;
export const __rtti_base: usize;
export const __setArgumentsLength: ((n: i32) => void) | undefined;
"#;
        let dts = ok("index.d.ts", text);
        assert_eq!(dts.dialect, Dialect::Classic);
        assert_no_runtime(&dts);
        assert_eq!(names(&dts.classes, |c| &c.name), ["Base", "Derived", "Vector3d"]);
        let derived = &dts.classes[1];
        assert_eq!(derived.extends.as_deref(), Some("Base"));
        assert_eq!(derived.fields, [("c".into(), I32, false)]);
        assert_eq!(derived.constructor, Some(vec![]));
        let v = &dts.classes[2];
        let fields: Vec<_> = v.fields.iter().map(|(n, t, r)| (n.as_str(), t.clone(), *r)).collect();
        assert_eq!(fields, [("tag", USIZE, true), ("x", F64, false), ("y", F64, false), ("z", F64, false)]);
        let methods: Vec<_> = v.methods.iter().map(|m| (m.name.as_str(), m.is_static, m.getter, m.setter)).collect();
        assert_eq!(
            methods,
            [
                ("zero", true, false, false),
                ("length", false, false, false),
                ("add", false, false, false),
                ("scale", false, false, false),
                ("norm2", false, true, false),
                ("norm2", false, false, true)
            ]
        );
        assert_eq!(v.methods[3].params, [param("k", F64, true)]);
        let globals: Vec<_> = dts.globals.iter().map(|g| (g.name.as_str(), g.ty.clone(), g.mutable)).collect();
        // `export const LIMIT` in the source: asc 0.19 still prints `export var`.
        assert_eq!(
            globals,
            [("Vector3d.COUNT", I32, true), ("counter", I32, true), ("LIMIT", AsType::Scalar(Scalar::U8), true)]
        );
        assert_eq!(names(&dts.functions, |f| &f.name), ["expand_string", "ns.inner", "opt"]);
        assert_eq!(func(&dts, "opt").params, [param("a", I32, false), param("b", AsType::Scalar(Scalar::Bool), true)]);
        assert_eq!(dts.enums[0].members, ["Red", "Green"]);
    }

    /// An ESM file following §8.2, written by hand.
    #[test]
    fn esm_dialect() {
        let text = r#"/** Exported memory */
export declare const memory: WebAssembly.Memory;
/** Exported table */
export declare const table: WebAssembly.Table;
// Exported runtime interface
export declare function __new(size: number, id: number): number;
export declare function __pin(ptr: number): number;
export declare function __unpin(ptr: number): void;
export declare function __collect(): void;
export declare const __rtti_base: number;
/**
 * index/add
 * @param a `i32`
 * @param b `i32`
 * @returns `i32`
 */
export declare function add(a: number, b?: number): number;
/**
 * index/log
 * @param s `~lib/string/String | null`
 */
export declare function log(s: string | null): void;
/**
 * index/pair
 * @param p `index/Pair`
 * @param f `(i32) => i32`
 * @returns `index/Thing`
 */
export declare function pair(p: __Record5<undefined>, f: __Internref6): __Internref6;
/** index/LIMIT */
export declare const LIMIT: {
  /** @type `u64` */
  get value(): bigint
};
/** index/names */
export declare const names: {
  /** @type `~lib/array/Array<~lib/string/String|null>` */
  get value(): Array<string | null>;
  set value(value: Array<string | null>);
};
/** index/Mode */
export declare enum Mode {
  /** @type `i32` */
  A,
  /** @type `i32` */
  B,
}
/** index/Pair */
declare interface __Record5<TOmittable> {
  /** @type `u8` */
  key: number | TOmittable;
  /** @type `~lib/string/String` */
  value: string;
}
/** index/Thing */
declare class __Internref6 extends Number {
  private __nominal6: symbol;
}
"#;
        let dts = ok("esm.d.ts", text);
        assert_eq!(dts.dialect, Dialect::Esm);
        assert_no_runtime(&dts);
        assert_eq!(names(&dts.functions, |f| &f.name), ["add", "log", "pair"]);
        assert_eq!(func(&dts, "add").params, [param("a", I32, false), param("b", I32, true)]);
        assert_eq!(func(&dts, "add").line, 17);
        assert_eq!(func(&dts, "log").params, [param("s", nullable(AsType::String), false)]);
        assert_eq!(func(&dts, "log").result, AsType::Void);
        let pair = func(&dts, "pair");
        assert_eq!(pair.params[0].ty, class("index/Pair"));
        assert!(matches!(pair.params[1].ty, AsType::Other(_)));
        assert_eq!(pair.result, class("index/Thing"));
        assert_eq!(
            (global(&dts, "LIMIT").ty.clone(), global(&dts, "LIMIT").mutable),
            (AsType::Scalar(Scalar::U64), false)
        );
        assert_eq!(global(&dts, "names").ty, array(nullable(AsType::String)));
        assert!(global(&dts, "names").mutable);
        assert_eq!(dts.enums[0].members, ["A", "B"]);
        assert_eq!(
            dts.records,
            [DtsRecord {
                id: 5,
                class: "index/Pair".into(),
                fields: vec![("key".into(), AsType::Scalar(Scalar::U8)), ("value".into(), AsType::String)],
                line: 49,
            }]
        );
        assert_eq!(dts.internrefs[0].chain, [6]);
        assert!(dts.import_modules.is_empty());
    }

    #[test]
    fn quoted_import_module_names() {
        let text = "declare namespace __AdaptedExports {\n}\n\
            export declare function instantiate(module: WebAssembly.Module, imports: {\n  env: unknown,\n  \
            \"my-mod,x\": unknown,\n  \"q\\\"uote\": unknown,\n}): Promise<typeof __AdaptedExports>;\n";
        let dts = ok("quoted.d.ts", text);
        assert_eq!(dts.import_modules, ["env", "my-mod,x", "q\"uote"]);
    }

    #[test]
    fn crlf_and_whitespace_are_tolerated() {
        let text = fixture!("values.d.ts");
        let crlf = text.replace('\n', "\r\n").replace("  ", " \t ").replace(": ", " :  ");
        let a = ok("values.d.ts", text);
        let b = ok("values.d.ts", &crlf);
        assert_eq!(a, b);
        let classic = fixture!("vector3d_0_19.d.ts").replace('\n', "\r\n");
        assert_eq!(ok("x", fixture!("vector3d_0_19.d.ts")).classes, ok("x", &classic).classes);
    }

    #[test]
    fn empty_file_declares_nothing() {
        for text in ["", "\n\n  \r\n", "\u{feff}"] {
            let dts = ok("empty.d.ts", text);
            assert_eq!(dts.dialect, Dialect::Esm);
            assert!(dts.functions.is_empty() && dts.globals.is_empty() && dts.enums.is_empty());
        }
    }

    #[test]
    fn garbage_is_reported_with_lines_and_help() {
        let text = "hello world;\nthis is not typescript\n{{{ ;;; }}}}}\n/* never closed";
        let diags = parse(Path::new("junk.d.ts"), text).unwrap_err();
        assert!(diags.len() >= 3, "{diags:?}");
        assert!(diags.iter().all(|d| d.help.is_some() && d.line.is_some()));
        assert_eq!(diags[0].line, Some(1));
        assert!(diags[0].help.as_deref().unwrap().contains("asc --bindings raw"));
        assert!(diags.iter().any(|d| d.message.contains("unmatched `}`")));
        assert!(diags.iter().any(|d| d.message.contains("never closed") && d.line == Some(4)));
        assert_eq!(diags[0].file, Path::new("junk.d.ts"));
    }

    #[test]
    fn unknown_line_in_a_fixture_is_reported_where_it_is() {
        let mut lines: Vec<&str> = fixture!("hello.d.ts").lines().collect();
        lines.insert(2, "  export let oops = 3;");
        lines.insert(44, "    get value(): number;  weird stuff;");
        let text = lines.join("\n");
        let diags = parse(Path::new("hello.d.ts"), &text).unwrap_err();
        assert_eq!(diags.iter().map(|d| d.line).collect::<Vec<_>>(), [Some(3), Some(45)], "{diags:?}");
        assert_eq!(diags[0].help.as_deref(), Some(HELP_MODERN));
        assert!(diags[0].message.contains("export let oops = 3"));
    }

    #[test]
    fn missing_jsdoc_types_are_reported() {
        let text = "/**\n * index/f\n * @param a `i32`\n */\nexport declare function f(a: number, b: number): number;\n\
                    export declare function g(): void;\n";
        let diags = parse(Path::new("x.d.ts"), text).unwrap_err();
        let messages: Vec<_> = diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].1.contains("parameter `b`") && messages[0].0 == Some(5));
        assert!(messages[1].1.contains("@returns"));
        assert!(messages[2].1.contains("`g` has no JSDoc") && messages[2].0 == Some(6));
    }

    #[test]
    fn truncated_fixtures_fail_without_panicking() {
        for (name, text) in [
            ("hello.d.ts", fixture!("hello.d.ts")),
            ("values.d.ts", fixture!("values.d.ts")),
            ("vector3d_0_19.d.ts", fixture!("vector3d_0_19.d.ts")),
        ] {
            let cuts = text.char_indices().map(|(i, _)| i).step_by(7).chain([text.len() / 2]);
            for cut in cuts {
                let _ = parse(Path::new(name), &text[..cut]);
            }
        }
        // Cut in the middle of the namespace: reported as truncated.
        let text = fixture!("values.d.ts");
        let diags = parse(Path::new("values.d.ts"), &text[..text.len() / 2]).unwrap_err();
        assert!(diags.iter().any(|d| d.message.contains("unexpected end of file")), "{diags:?}");
        // Cut after the namespace: the `instantiate` declaration is missing.
        let cut = text.find("/** src/values/Inner */").unwrap();
        let diags = parse(Path::new("values.d.ts"), &text[..cut]).unwrap_err();
        assert!(diags.iter().any(|d| d.message.contains("instantiate")), "{diags:?}");
    }

    #[test]
    fn random_input_never_panics() {
        const ALPHABET: &[&str] = &[
            "{",
            "}",
            ";",
            "(",
            ")",
            "<",
            ">",
            ":",
            "?",
            ",",
            "=",
            "=>",
            "\"",
            "'",
            "`",
            "/*",
            "*/",
            "/**",
            "//",
            "\n",
            "\r\n",
            " ",
            "export",
            "declare",
            "function",
            "const",
            "class",
            "enum",
            "interface",
            "__Record7",
            "__Internref3",
            "extends Number",
            "private __nominal",
            "namespace __AdaptedExports",
            "instantiate",
            "get value()",
            "set value(",
            "static",
            "get",
            "set",
            "readonly",
            "type i8 = number;",
            "usize",
            "é",
            "\u{feff}",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
            }
            let _ = parse(Path::new("random.d.ts"), &text);
        }
    }

    #[test]
    fn splitting_respects_nesting() {
        assert_eq!(split_top_level("a: Map<K, V>, b: (x, y) => z, c", ','), ["a: Map<K, V>", "b: (x, y) => z", "c"]);
        assert_eq!(split_top_level("\"a,b\", c", ','), ["\"a,b\"", "c"]);
        assert_eq!(matching_paren("f((a) => b, c): d", 1), Some(13));
        assert_eq!(matching_paren("f(a", 1), None);
        assert_eq!(property_name("\"a\\u0041\\\"\""), Some("aA\"".to_string()));
        assert_eq!(property_name("'x"), None);
    }
}
