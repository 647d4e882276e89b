//! `asbind inspect`: a readable account of what the generator sees in a module.

use std::fmt::Write as _;

use asbind_abi::Generation;
use asbind_abi::exports::{ExportKind, MEMORY, RTTI_BASE, RUNTIME, RuntimeExport};
use asbind_abi::imports::{std_global, std_import};
use asbind_abi::rtti::{self, Probe};
use asbind_codegen::Model;
use asbind_codegen::input::dts::Dialect;
use asbind_codegen::input::wasm::{Const, ImportKind, WasmInfo};
use asbind_codegen::model::{Function, Ty};
use clap::Args;

use crate::memory_image::MemoryImage;
use crate::{Failure, Inputs, print_stdout, read_wasm};

/// Arguments of `asbind inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    inputs: Inputs,
}

/// Runs `asbind inspect`.
pub fn run(args: &InspectArgs) -> Result<(), Failure> {
    let options = args.inputs.options();
    let model = asbind_codegen::model(&options)?;
    crate::print_warnings(&model);
    let (bytes, wasm) = read_wasm(&options.wasm)?;
    // A data section the validator accepted always parses; without it the generation is unknown.
    let image = MemoryImage::parse(&bytes).unwrap_or_default();
    let report = Report { model: &model, wasm: &wasm, image: &image, js: options.js_path() };
    print_stdout(&report.render())
}

struct Report<'a> {
    model: &'a Model,
    wasm: &'a WasmInfo,
    image: &'a MemoryImage,
    js: Option<std::path::PathBuf>,
}

impl Report<'_> {
    fn render(&self) -> String {
        let m = self.model;
        let mut out = String::new();
        let mut head = Table::default();
        head.row(["module", &m.name]);
        head.row(["wasm", &m.wasm_path.display().to_string()]);
        let dts = match (&m.dts_path, m.dialect) {
            (Some(p), Some(d)) => format!("{} ({})", p.display(), dialect_name(d)),
            (Some(p), None) => p.display().to_string(),
            _ => "none (bindings use raw wasm types)".to_string(),
        };
        head.row([".d.ts", &dts]);
        let js = self.js.as_ref().map_or("none (imports use raw wasm types)".to_string(), |p| p.display().to_string());
        head.row(["JS glue", &js]);
        let (generation, evidence) = self.generation();
        head.row(["generation", &generation]);
        head.row(["", &evidence]);
        out.push_str(&head.render(""));

        self.functions(&mut out);
        self.globals(&mut out);
        self.enums(&mut out);
        self.records(&mut out);
        self.classes(&mut out);
        self.imports(&mut out);
        self.runtime(&mut out);

        if !m.warnings.is_empty() {
            section(&mut out, "Warnings", Some(m.warnings.len()));
            for w in &m.warnings {
                let _ = writeln!(out, "  - {}", w.to_string().replace('\n', "\n    "));
            }
        }
        if !m.notes.is_empty() {
            section(&mut out, "Notes", None);
            for note in &m.notes {
                let _ = writeln!(out, "  - {note}");
            }
        }
        out
    }

    /// The AssemblyScript generation, and what it was concluded from.
    fn generation(&self) -> (String, String) {
        generation(self.model.dialect, self.rtti())
    }

    fn rtti(&self) -> Rtti {
        let Some(global) = self.wasm.global(RTTI_BASE) else { return Rtti::Missing };
        let Some(Const::I32(base)) = global.init else { return Rtti::Missing };
        let base = base as u32;
        match Probe::read(self.image, base) {
            Some(probe) => {
                // The count the runtime uses: the claim clamped to what is in memory.
                let used = probe.generation().map(|generation| rtti::Rtti { base, generation }.count(self.image));
                Rtti::Words { base, probe, used }
            }
            None => Rtti::Unreadable(base),
        }
    }
    fn functions(&self, out: &mut String) {
        let m = self.model;
        section(out, "Functions", Some(m.functions.len()));
        let mut t = Table::with_header(["export", "Rust API", "AssemblyScript signature"]);
        for f in &m.functions {
            let params: Vec<String> = f
                .params
                .iter()
                .map(|p| format!("{}{}: {}", p.as_name, if p.optional { "?" } else { "" }, ty(&p.ty, m)))
                .collect();
            let raw = f.params.iter().map(|p| &p.ty).chain([&f.result]).any(|t| matches!(t, Ty::Raw(_)));
            let sig = format!(
                "({}) -> {}{}",
                params.join(", "),
                ty(&f.result, m),
                if raw { "  [raw wasm types]" } else { "" }
            );
            t.row([f.export.clone(), call(m, f, f.rust_name()), sig]);
            if let Some(view) = &f.view {
                t.row([String::new(), call(m, f, view), "(the result borrowed in the module's memory)".into()]);
            }
        }
        out.push_str(&t.render("  "));
    }

    fn globals(&self, out: &mut String) {
        let m = self.model;
        section(out, "Globals", Some(m.globals.len()));
        let mut t = Table::with_header(["export", "Rust API", "type", "access"]);
        for g in &m.globals {
            // A classic static field's accessors are statics of its class, taking the module.
            let (owner, receiver) = (rust(m.impl_type(g.member)), if g.member.is_some() { "m" } else { "&mut self" });
            let access = match (&g.setter, g.mutable) {
                (Some(setter), true) => format!("mutable: {owner}::{}({receiver}, value)", rust(setter)),
                (None, true) => "mutable".to_string(),
                _ => "const".to_string(),
            };
            let raw = if matches!(g.ty, Ty::Raw(_)) { "  [raw wasm type]" } else { "" };
            let getter = format!("{owner}::{}({receiver})", rust(&g.name));
            t.row([&g.export, &getter, &format!("{}{raw}", ty(&g.ty, m)), &access]);
        }
        out.push_str(&t.render("  "));
    }

    fn enums(&self, out: &mut String) {
        let m = self.model;
        section(out, "Enums", Some(m.enums.len()));
        for e in &m.enums {
            let renamed = if e.name != e.as_name { format!(" (AssemblyScript {})", e.as_name) } else { String::new() };
            let _ = writeln!(out, "  {}{renamed}", rust(&e.name));
            let mut t = Table::default();
            for m in &e.members {
                let mut notes = Vec::new();
                if m.name != m.as_name {
                    notes.push(format!("AssemblyScript {}", m.as_name));
                }
                if let Some(of) = m.alias_of {
                    notes.push(format!("alias of {}", rust(&e.members[of].name)));
                }
                let value = match m.value {
                    Some(v) => v.to_string(),
                    None => "computed at start-up".to_string(),
                };
                let notes = if notes.is_empty() { String::new() } else { format!("({})", notes.join(", ")) };
                t.row([&rust(&m.name), "=", &value, &notes]);
            }
            if let Some(l) = &e.lookup {
                let (value, member) = (rust(&l.value), rust(&l.member));
                let _ = writeln!(out, "    values read from an instance: Module::{value}, Module::{member}");
            }
            out.push_str(&t.render("    "));
        }
    }

    fn records(&self, out: &mut String) {
        let m = self.model;
        section(out, "Records", Some(m.records.len()));
        if !m.records.is_empty() {
            out.push_str("  (copied by value into Rust structs)\n");
        }
        for r in &m.records {
            let _ = writeln!(out, "  {}  {}  id {}  size {} bytes", rust(&r.name), r.class, r.id, r.size);
            let mut t = Table::with_header(["offset", "field", "type"]);
            for f in &r.fields {
                let renamed =
                    if f.name != f.as_name { format!("  (AssemblyScript {})", f.as_name) } else { String::new() };
                t.row([format!("{:>6}", f.offset), rust(&f.name), format!("{}{renamed}", ty(&f.ty, m))]);
            }
            out.push_str(&t.render("    "));
        }
    }

    fn classes(&self, out: &mut String) {
        let m = self.model;
        section(out, "Internref classes", Some(m.classes.len()));
        if !m.classes.is_empty() {
            out.push_str("  (opaque objects, held as asbind::Ref<T>)\n");
        }
        let mut t = Table::with_header(["Rust type", "id", "class", "base", "accepts ids"]);
        for c in &m.classes {
            let bases: Vec<String> = c
                .bases
                .iter()
                .map(|id| match m.classes.iter().find(|b| b.id == *id) {
                    Some(b) => format!("{} (id {id})", rust(&b.name)),
                    None => format!("id {id}"),
                })
                .collect();
            let bases = if bases.is_empty() { "-".to_string() } else { bases.join(" < ") };
            let accepts: Vec<String> = c.accepts.iter().map(u32::to_string).collect();
            t.row([rust(&c.name), c.id.to_string(), c.class.clone(), bases, accepts.join(", ")]);
        }
        out.push_str(&t.render("  "));
    }

    fn imports(&self, out: &mut String) {
        let m = self.model;
        section(out, "Imports", Some(self.wasm.imports.len()));
        let mut t = Table::with_header(["import", "provided by", "signature"]);
        for imp in &self.wasm.imports {
            let name = format!("{}.{}", imp.module, imp.field);
            let custom = m.imports.iter().find(|c| c.module == imp.module && c.field == imp.field);
            match (&imp.kind, custom) {
                (_, Some(c)) => {
                    let params: Vec<String> = c.params.iter().map(|p| ty(p, m)).collect();
                    let raw = c.params.iter().chain([&c.result]).any(|t| matches!(t, Ty::Raw(_)));
                    let sig = format!(
                        "({}) -> {}{}",
                        params.join(", "),
                        ty(&c.result, m),
                        if raw { "  [raw wasm types: the glue does not describe it]" } else { "" }
                    );
                    t.row([name, format!("you: Host::{}", rust(&c.name)), sig]);
                }
                (ImportKind::Func(sig), None) if std_import(&imp.module, &imp.field).is_some() => {
                    t.row([name, "asbind".to_string(), wasm_sig(&sig.params, &sig.results)]);
                }
                (ImportKind::Func(sig), None) => {
                    t.row([name, "not supported".to_string(), wasm_sig(&sig.params, &sig.results)]);
                }
                (ImportKind::Memory, None) => t.row([name, "asbind (declared size)".to_string(), "memory".into()]),
                (ImportKind::Table, None) => t.row([name, "asbind (declared size)".to_string(), "table".into()]),
                (ImportKind::Global(ty), None) => match std_global(&imp.module, &imp.field) {
                    Some(_) => t.row([name, "asbind (Math constant)".to_string(), format!("global {ty}")]),
                    None => {
                        let method = m.import_globals.iter().find(|g| g.module == imp.module && g.field == imp.field);
                        let who = method.map_or("you".to_string(), |g| format!("you: Host::{}", rust(&g.name)));
                        t.row([name, who, format!("global {ty}")])
                    }
                },
                (ImportKind::Tag, None) => t.row([name, "you (tag)".to_string(), String::new()]),
            }
        }
        out.push_str(&t.render("  "));
    }

    fn runtime(&self, out: &mut String) {
        section(out, "Runtime interface", None);
        let mut t = Table::default();
        t.row([MEMORY, if self.wasm.memory { "present" } else { "missing" }, "lifting and lowering"]);
        let mut missing = Vec::new();
        // What `--exportRuntime` adds, then what appears only when an export needs it.
        let mut exports: Vec<&RuntimeExport> = RUNTIME.iter().filter(|e| e.kind != ExportKind::Memory).collect();
        exports.sort_by_key(|e| !e.from_export_runtime);
        for e in exports {
            let present = self.wasm.function(e.name).is_some() || self.wasm.global(e.name).is_some();
            if !present && e.from_export_runtime {
                missing.push(e.name);
            }
            t.row([e.name, if present { "present" } else { "missing" }, e.purpose]);
        }
        out.push_str(&t.render("  "));
        if missing.is_empty() {
            out.push_str("  complete: values can be passed in and objects held\n");
        } else {
            let _ = writeln!(
                out,
                "  incomplete: missing {}; only returned values can be read (rebuild with `asc --exportRuntime` to pass strings, arrays or records in)",
                missing.join(", ")
            );
        }
    }
}

/// The generation line and its evidence: the range the RTTI words tell (asbind-abi), narrowed to
/// the releases that write the `.d.ts` dialect.
fn generation(dialect: Option<Dialect>, rtti: Rtti) -> (String, String) {
    let from_dts = match dialect {
        Some(d) => format!(".d.ts: {}", dialect_name(d)),
        None => "no .d.ts".to_string(),
    };
    let classic = dialect == Some(Dialect::Classic);
    let (generation, from_rtti) = match rtti {
        Rtti::Missing => {
            let g = match dialect {
                Some(d) => {
                    let (first, last) = d.releases();
                    // An open-ended dialect is written up to the newest generation's last release.
                    releases(first, last.unwrap_or(Generation::V0_24.releases().1), classic)
                }
                None => "unknown".to_string(),
            };
            (g, format!("no {RTTI_BASE} export to read"))
        }
        Rtti::Unreadable(base) => {
            (String::from("unknown"), format!("RTTI at {base:#x} is not in the module's initial memory"))
        }
        Rtti::Words { base, probe, used } => {
            let Probe { count, w8, w12 } = probe;
            let ids = match used {
                Some(used) if used != count => {
                    format!("{count} ids claimed, {used} read (the entries in memory, at most {})", rtti::MAX_ENTRIES)
                }
                _ => format!("{count} ids"),
            };
            let words = format!("RTTI at {base:#x}: {ids}, words {w8:#x} {w12:#x}");
            let (d_first, d_last) = dialect.map_or((0, None), Dialect::releases);
            // Only the classic dialect has a last release, so only it can contradict the RTTI.
            let (g, conflict) = match probe.generation() {
                None => ("unknown (RTTI words not recognized)".to_string(), classic),
                Some(g) => {
                    let (first, last) = g.releases();
                    let (narrow_first, narrow_last) = (first.max(d_first), d_last.map_or(last, |d| last.min(d)));
                    if narrow_first <= narrow_last {
                        (releases(narrow_first, narrow_last, classic), false)
                    } else {
                        (releases(first, last, false), true)
                    }
                }
            };
            let g = if conflict { format!("{g}, but the .d.ts is classic ({})", range(d_first, d_last)) } else { g };
            (g, words)
        }
    };
    (generation, format!("({from_rtti}; {from_dts})"))
}

/// What the RTTI table tells.
enum Rtti {
    /// No `__rtti_base` with a constant address.
    Missing,
    /// Its address is outside the initial memory, or the data segments could not be placed.
    Unreadable(u32),
    /// The entry count and the words at +8 and +12 (AS_ABI §3.4), and the count the runtime
    /// reads the table with (when the generation is known).
    Words { base: u32, probe: Probe, used: Option<u32> },
}

fn dialect_name(d: Dialect) -> String {
    let how = match d {
        Dialect::Esm => "ESM bindings, asc --bindings esm",
        Dialect::Raw => "raw bindings, asc --bindings raw",
        Dialect::Classic => "classic, asc -d",
    };
    let (first, last) = d.releases();
    format!("{how}, {}", range(first, last))
}

/// AssemblyScript releases `0.first` to `0.last` (`0.18–0.22`, `0.23`), open-ended without a last.
fn range(first: u32, last: Option<u32>) -> String {
    match last {
        Some(last) if last == first => format!("0.{first}"),
        Some(last) => format!("0.{first}–0.{last}"),
        None => format!("0.{first}+"),
    }
}

/// `AssemblyScript 0.18–0.19 (classic ABI)`.
fn releases(first: u32, last: u32, classic: bool) -> String {
    format!("AssemblyScript {}{}", range(first, Some(last)), if classic { " (classic ABI)" } else { "" })
}

/// How the generated method `name` that calls `f` (its own or its view) is called:
/// `Module::f(&mut self, a)`, `Class::method(&self, m, a)`, `Class::new(m, a)`. The names are the
/// model's, which the emitter uses.
fn call(m: &Model, f: &Function, name: &str) -> String {
    let receiver = match &f.member {
        None => "&mut self",
        Some(member) if member.kind.has_self() => "&self, m",
        Some(_) => "m",
    };
    let params = f.params.iter().skip(f.hidden_params()).map(|p| rust(&p.name));
    let args: Vec<String> = [receiver.to_string()].into_iter().chain(params).collect();
    format!("{}::{}({})", rust(f.rust_owner(m)), rust(name), args.join(", "))
}

/// A model name as the generated code spells it (`r#type` for a keyword), by the emitter's rule.
fn rust(name: &str) -> String {
    asbind_codegen::names::ident(name).to_string()
}

/// A type as AssemblyScript spells it, with records and classes by their Rust names.
fn ty(t: &Ty, m: &Model) -> String {
    match t {
        Ty::Void => "void".to_string(),
        Ty::Scalar(s) => s.name().to_string(),
        Ty::String => "string".to_string(),
        Ty::ArrayBuffer => "ArrayBuffer".to_string(),
        Ty::TypedArray(a) => a.name().to_string(),
        Ty::Array(e) => format!("Array<{}>", ty(e, m)),
        Ty::StaticArray(e) => format!("StaticArray<{}>", ty(e, m)),
        Ty::Nullable(e) => format!("{} | null", ty(e, m)),
        Ty::Record(i) => m.records.get(*i).map_or_else(|| format!("record #{i}"), |r| rust(&r.name)),
        Ty::Class(i) => m.classes.get(*i).map_or_else(|| format!("class #{i}"), |c| rust(&c.name)),
        Ty::Raw(w) => w.to_string(),
        Ty::Any => "usize (any object)".to_string(),
    }
}

fn wasm_sig(params: &[asbind_codegen::astype::WasmType], results: &[asbind_codegen::astype::WasmType]) -> String {
    let join =
        |ts: &[asbind_codegen::astype::WasmType]| ts.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
    format!("({}) -> ({})", join(params), join(results))
}

fn section(out: &mut String, title: &str, count: Option<usize>) {
    out.push('\n');
    match count {
        Some(n) => {
            let _ = writeln!(out, "{title} ({n})");
        }
        None => {
            let _ = writeln!(out, "{title}");
        }
    }
    if count == Some(0) {
        out.push_str("  (none)\n");
    }
}

/// Rows of cells, rendered with every column but the last padded to its widest cell.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    /// The first row is a header (the table is empty without other rows).
    header: bool,
}

impl Table {
    fn with_header<const N: usize>(cells: [&str; N]) -> Self {
        let mut t = Table { rows: Vec::new(), header: true };
        t.row(cells);
        t
    }

    fn row<S: Into<String>, const N: usize>(&mut self, cells: [S; N]) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    fn render(&self, indent: &str) -> String {
        if self.header && self.rows.len() <= 1 {
            // Only the header: the section already says "(none)".
            return String::new();
        }
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in &self.rows {
            let mut line = indent.to_string();
            for (c, cell) in row.iter().enumerate() {
                if c + 1 < row.len() {
                    let pad = widths[c] - cell.chars().count();
                    let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
                } else {
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w8: u32, w12: u32) -> Rtti {
        Rtti::Words { base: 0x700, probe: Probe { count: 6, w8, w12 }, used: Some(6) }
    }

    #[test]
    fn generation_combines_rtti_and_dialect() {
        let classic = Some(Dialect::Classic);
        let raw = Some(Dialect::Raw);
        let cases = [
            (None, Rtti::Missing, "unknown"),
            (classic, Rtti::Missing, "AssemblyScript 0.18–0.19 (classic ABI)"),
            (raw, Rtti::Missing, "AssemblyScript 0.20–0.28"),
            (raw, Rtti::Unreadable(0x700), "unknown"),
            (None, words(0, 0x20), "AssemblyScript 0.18–0.22"),
            (raw, words(0, 0x20), "AssemblyScript 0.20–0.22"),
            (classic, words(0, 0x20), "AssemblyScript 0.18–0.19 (classic ABI)"),
            (raw, words(0x20, 0), "AssemblyScript 0.23"),
            (classic, words(0x20, 0), "AssemblyScript 0.23, but the .d.ts is classic (0.18–0.19)"),
            (None, words(0x20, 0x20), "AssemblyScript 0.24–0.28"),
            (classic, words(0x20, 0x20), "AssemblyScript 0.24–0.28, but the .d.ts is classic (0.18–0.19)"),
            (raw, words(1, 2), "unknown (RTTI words not recognized)"),
            (classic, words(1, 2), "unknown (RTTI words not recognized), but the .d.ts is classic (0.18–0.19)"),
        ];
        for (dialect, rtti, want) in cases {
            assert_eq!(generation(dialect, rtti).0, want, "{dialect:?}");
        }
        let (_, evidence) = generation(raw, words(0x20, 0x20));
        assert_eq!(evidence, "(RTTI at 0x700: 6 ids, words 0x20 0x20; .d.ts: raw bindings, asc --bindings raw, 0.20+)");
    }

    #[test]
    fn a_count_beyond_the_table_is_shown_as_claimed_and_as_read() {
        let probe = Probe { count: u32::MAX, w8: 0x20, w12: 0x20 };
        let (_, evidence) = generation(None, Rtti::Words { base: 0x700, probe, used: Some(9) });
        assert!(
            evidence
                .starts_with("(RTTI at 0x700: 4294967295 ids claimed, 9 read (the entries in memory, at most 65536)"),
            "{evidence}"
        );
    }
}
