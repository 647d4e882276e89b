//! The `.d.ts` that `asc` writes beside a module (AS_ABI §8.2, §8.3, §10.2): what it declares,
//! and the reader that detects its dialect and hands each token to the dialect's rules.
//!
//! The rules of the ESM and raw bindings of 0.20+ are in `dts/modern.rs`, those of the classic
//! 0.18/0.19 `-d` file in `dts/classic.rs`; both read the tokens of the shared tokenizer
//! (`input/lex.rs`) and the JSDoc of `input/jsdoc.rs`.

use std::path::{Path, PathBuf};

use crate::astype::AsType;
use crate::diag::Diagnostic;
use crate::input::jsdoc::{Doc, parse_doc};
use crate::input::lex::{Tok, Token, is_ident, matching_paren, split_top_level, tokenize};

mod classic;
mod modern;

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
    /// 1-based line of each field, in the order of [`fields`](Self::fields).
    pub field_lines: Vec<u32>,
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
    if let Some(d) = pre_0_18(path, text) {
        return Err(vec![d]);
    }
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

/// A `.d.ts` of asc 0.17 or older (`declare module ASModule { ... }`, the ARC runtime's
/// `__retain`/`__release`): one clear diagnostic, since asbind follows the ABI of 0.18 – 0.28.
fn pre_0_18(path: &Path, text: &str) -> Option<Diagnostic> {
    let (line, _) = text.lines().enumerate().find(|(_, l)| l.trim_start().starts_with("declare module "))?;
    let arc = text.contains("__retain(") || text.contains("__release(");
    let what = if arc {
        "AssemblyScript 0.17 or older (the reference-counting runtime: `__retain`/`__release`)"
    } else {
        "an AssemblyScript older than 0.18"
    };
    Some(
        Diagnostic::new(path, Some(line as u32 + 1), format!("this .d.ts (`declare module ...`) was written by {what}, whose ABI asbind does not support (it follows 0.18 – 0.28)"))
            .help("rebuild the module with asc 0.18 or newer (`--bindings raw` for 0.20+, `-d` for 0.18/0.19), or leave the .d.ts out to bind the wasm's raw signatures"),
    )
}

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
    fn on_close(&mut self, line: u32) {
        let Some((ctx, _)) = self.stack.pop() else {
            let help = self.help();
            self.error(line, "unmatched `}`", help);
            return;
        };
        match ctx {
            Ctx::Enum(e) => self.dts.enums.push(e),
            Ctx::Class(c) => self.dts.classes.push(c),
            Ctx::Namespace | Ctx::ClassicNamespace(_) | Ctx::Skip => {}
            block => self.close_modern(block),
        }
    }

    fn on_stmt(&mut self, text: &str, line: u32) {
        let classic = self.dts.dialect == Dialect::Classic;
        match self.stack.last_mut() {
            Some((Ctx::Skip, _)) => {}
            None | Some((Ctx::Namespace, _)) if !classic => self.stmt_modern(text, line),
            None | Some((Ctx::ClassicNamespace(_), _)) if classic => self.stmt_classic(text, line),
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
            Some((Ctx::Global(..) | Ctx::Record(..) | Ctx::Internref(_) | Ctx::Instantiate, _)) => {
                self.stmt_modern_member(text, line)
            }
            Some((Ctx::Class(_), _)) => self.stmt_class_member(text, line),
            _ => self.unexpected(line, text, "a declaration"),
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

#[cfg(test)]
mod tests {
    use asbind_abi::exports::is_runtime_export;

    use super::*;
    pub(super) use crate::astype::Scalar;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/", $name))
        };
    }
    pub(super) use fixture;

    pub(super) fn ok(name: &str, text: &str) -> Dts {
        match parse(Path::new(name), text) {
            Ok(dts) => dts,
            Err(diags) => panic!("{name}: {}", crate::Diagnostics(diags)),
        }
    }

    pub(super) fn func<'d>(dts: &'d Dts, name: &str) -> &'d DtsFunction {
        dts.functions.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no function {name}"))
    }

    pub(super) fn global<'d>(dts: &'d Dts, name: &str) -> &'d DtsGlobal {
        dts.globals.iter().find(|g| g.name == name).unwrap_or_else(|| panic!("no global {name}"))
    }

    pub(super) fn param(name: &str, ty: AsType, optional: bool) -> DtsParam {
        DtsParam { name: name.to_string(), ty, optional }
    }

    pub(super) fn class(path: &str) -> AsType {
        AsType::Class(path.to_string())
    }

    pub(super) fn nullable(t: AsType) -> AsType {
        AsType::Nullable(Box::new(t))
    }

    pub(super) fn array(t: AsType) -> AsType {
        AsType::Array(Box::new(t))
    }

    pub(super) const I32: AsType = AsType::Scalar(Scalar::I32);
    pub(super) const U32: AsType = AsType::Scalar(Scalar::U32);
    pub(super) const F32: AsType = AsType::Scalar(Scalar::F32);
    pub(super) const F64: AsType = AsType::Scalar(Scalar::F64);
    pub(super) const USIZE: AsType = AsType::Scalar(Scalar::Usize);

    pub(super) fn assert_no_runtime(dts: &Dts) {
        for f in &dts.functions {
            assert!(!is_runtime_export(&f.name), "{} listed as a function", f.name);
        }
        for g in &dts.globals {
            assert!(!is_runtime_export(&g.name), "{} listed as a global", g.name);
        }
    }

    pub(super) fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
        items.iter().map(name).collect()
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
}
