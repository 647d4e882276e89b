//! The `asbind` command-line tool: `asbind gen` writes Rust bindings for an AssemblyScript
//! module, `asbind inspect` shows what the generator sees in it, `asbind transform` writes the
//! `asc` transform that exports class members.
//!
//! Exit codes: 0 success, 1 `gen --check` found the bindings stale, 2 bad input or usage.

mod diff;
mod gen_cmd;
mod inspect;
mod memory_image;
mod transform_cmd;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use asbind_codegen::input::wasm::WasmInfo;
use asbind_codegen::{Diagnostic, Diagnostics, Embed, Options};
use clap::{Args, Parser, Subcommand};

/// Typed Rust bindings for AssemblyScript wasm modules.
#[derive(Debug, Parser)]
#[command(
    name = "asbind",
    version,
    propagate_version = true,
    after_help = "Exit codes: 0 success, 1 `gen --check` found the file stale, 2 bad input or usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate Rust bindings (loading the module at run time) for a module.
    Gen(gen_cmd::GenArgs),
    /// Show what the generator sees in a module: generation, exports, layouts, imports.
    Inspect(inspect::InspectArgs),
    /// Write the asc transform that exports class members (`asbind-classes.mjs`) into a folder.
    Transform(transform_cmd::TransformArgs),
}

/// The inputs every subcommand takes.
#[derive(Debug, Clone, Args)]
struct Inputs {
    /// The module compiled by asc.
    #[arg(value_name = "MODULE.wasm")]
    wasm: PathBuf,
    /// The .d.ts asc wrote for it (default: `<MODULE>.d.ts` beside the wasm, if present).
    #[arg(long, value_name = "FILE")]
    dts: Option<PathBuf>,
    /// The JS glue asc wrote for it, for import types (default: `<MODULE>.js` beside the wasm, if present).
    #[arg(long, value_name = "FILE")]
    js: Option<PathBuf>,
}

impl Inputs {
    fn options(&self) -> Options {
        Options { wasm: self.wasm.clone(), dts: self.dts.clone(), js: self.js.clone(), embed: Embed::Runtime }
    }
}

/// Why a command failed; every variant is exit code 2 except [`Failure::Stale`].
#[derive(Debug)]
enum Failure {
    /// Problems in the input files, with file, line and help.
    Input(Diagnostics),
    /// Anything else, already worded for the user.
    Other(String),
    /// `gen --check`: the file on disk is not what would be generated (exit code 1).
    Stale,
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Input(d)
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Input(d.into())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug in asbind, never the input's fault: report it as such, with exit code 2.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error in asbind (please report it with the input files): {info}");
    }));
    let run = || match &cli.command {
        Command::Gen(args) => gen_cmd::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Transform(args) => transform_cmd::run(args),
    };
    let Ok(result) = std::panic::catch_unwind(run) else { return ExitCode::from(2) };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Stale) => ExitCode::from(1),
        Err(Failure::Input(diagnostics)) => {
            print_diagnostics(&diagnostics);
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Most problems printed; a .d.ts from another module would otherwise print one per export.
const MAX_DIAGNOSTICS: usize = 20;

/// Prints `error: file:line: message` with its `help:` line for each problem, up to
/// [`MAX_DIAGNOSTICS`].
fn print_diagnostics(diagnostics: &Diagnostics) {
    let all = &diagnostics.0;
    let shown = Diagnostics(all.iter().take(MAX_DIAGNOSTICS).cloned().collect());
    eprintln!("{shown}");
    if all.len() > MAX_DIAGNOSTICS {
        eprintln!("error: ... and {} more problems ({} in total)", all.len() - MAX_DIAGNOSTICS, all.len());
    }
}

/// Prints `warning: file:line: message` with its `help:` line for each warning of `model`, up
/// to [`MAX_DIAGNOSTICS`].
fn print_warnings(model: &asbind_codegen::Model) {
    let all = &model.warnings;
    if all.is_empty() {
        return;
    }
    eprintln!("{}", Diagnostics(all.iter().take(MAX_DIAGNOSTICS).cloned().collect()));
    if all.len() > MAX_DIAGNOSTICS {
        eprintln!("warning: ... and {} more warnings ({} in total)", all.len() - MAX_DIAGNOSTICS, all.len());
    }
}

/// Reads the wasm binary again, after the generator accepted it, for what the model does not
/// keep: imports of every kind, the memory export and the data segments.
fn read_wasm(path: &Path) -> Result<(Vec<u8>, WasmInfo), Failure> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::new(path, None, format!("cannot read the wasm module: {e}")))?;
    let info = asbind_codegen::input::wasm::read(path, &bytes)?;
    Ok((bytes, info))
}

/// Writes `text` to stdout; a closed pipe (`asbind gen x.wasm | head`) is not an error.
fn print_stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Other(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}
