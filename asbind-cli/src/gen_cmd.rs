//! `asbind gen`: generate the bindings, print them or keep a file up to date, or check that it is.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::{Failure, Inputs, diff, print_stdout};

/// Changed lines shown by `--check`.
const CHECK_DIFF_LINES: usize = 20;

/// Arguments of `asbind gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Write the bindings to FILE (only when they changed) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write nothing; exit 1 if FILE is missing or not what would be generated.
    #[arg(long, requires = "output")]
    check: bool,
}

/// Runs `asbind gen`.
pub fn run(args: &GenArgs) -> Result<(), Failure> {
    let text = generate(&args.inputs)?;
    let Some(output) = &args.output else { return print_stdout(&text) };
    let on_disk = match std::fs::read(output) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).replace("\r\n", "\n")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Failure::Other(format!("cannot read {}: {e}", output.display()))),
    };
    let up_to_date = on_disk.as_deref() == Some(text.as_str());
    if args.check {
        if up_to_date {
            return print_stdout(&format!("{} is up to date\n", output.display()));
        }
        let name = output.display().to_string();
        match &on_disk {
            None => eprintln!("{name} does not exist"),
            Some(old) => {
                eprintln!("{name} is stale: it differs from what asbind generates now");
                let hint = diff::unified(
                    old,
                    &text,
                    &format!("{name} (on disk)"),
                    &format!("{name} (generated)"),
                    CHECK_DIFF_LINES,
                );
                if hint.is_empty() {
                    eprintln!("(only the final newline differs)");
                }
                eprint!("{hint}");
            }
        }
        eprintln!("regenerate it with:\n    {}", regenerate_command(args, output));
        return Err(Failure::Stale);
    }
    if up_to_date {
        eprintln!("{} is up to date", output.display());
        return Ok(());
    }
    write_atomically(output, &text)?;
    eprintln!("wrote {}", output.display());
    Ok(())
}

/// The formatted bindings for `inputs`; notes go to stderr.
fn generate(inputs: &Inputs) -> Result<String, Failure> {
    let generated = asbind_codegen::generate(&inputs.options())?;
    crate::print_warnings(&generated.model);
    for note in &generated.model.notes {
        eprintln!("note: {note}");
    }
    // The header names the wasm by file name, so `--check` passes from any directory.
    asbind_codegen::format(&generated.tokens, &generated.model.source()).map_err(|e| {
        Failure::Other(format!(
            "the generated bindings for {} are not valid Rust ({e}); this is a bug in asbind, please report it",
            inputs.wasm.display()
        ))
    })
}

/// Writes through a temporary file beside `path`, so readers never see half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let fail = |what: &str, e: std::io::Error| Failure::Other(format!("cannot {what} {}: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail("create the folder of", e))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".asbind-{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text).map_err(|e| fail("write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail("replace", e)
    })
}

/// The command line that rewrites `output`, quoted for a POSIX shell.
fn regenerate_command(args: &GenArgs, output: &Path) -> String {
    let mut words = vec!["asbind".to_string(), "gen".to_string(), quote(&args.inputs.wasm)];
    for (flag, path) in [("--dts", &args.inputs.dts), ("--js", &args.inputs.js)] {
        if let Some(path) = path {
            words.push(flag.to_string());
            words.push(quote(path));
        }
    }
    words.push("-o".to_string());
    words.push(quote(output));
    words.join(" ")
}

/// `path` as one word for a POSIX shell (quoted only when it needs it).
pub(crate) fn quote(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:=@,".contains(c));
    if plain { s } else { format!("'{}'", s.replace('\'', r"'\''")) }
}
