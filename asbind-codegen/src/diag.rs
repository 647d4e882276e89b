//! Problems found in the inputs, each with a file, a line and what to do about it. The
//! generator collects all of them before giving up, so one run shows every problem.
//!
//! Errors stop the run; warnings do not: the bindings are generated and the warnings travel in
//! [`Model::warnings`](crate::Model::warnings) (printed by the CLI as `warning: file:line: ...`,
//! written by every front door into the docs of the module and of the item concerned).

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// The inputs cannot be bound: no bindings.
    #[default]
    Error,
    /// Bound, but not as well as it could be (an export bound raw, inputs that look stale).
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `file:line`.
    pub fn new(file: &Path, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Error, file: file.to_path_buf(), line, message: message.into(), help: None }
    }

    /// A warning at `file:line`: the bindings are still generated.
    pub fn warning(file: &Path, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, ..Diagnostic::new(file, line, message) }
    }

    /// The same problem as a warning.
    pub fn into_warning(self) -> Self {
        Diagnostic { level: Level::Warning, ..self }
    }

    /// Adds what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one generator run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {d}", d.level)?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// Decodes the percent escapes AssemblyScript writes in internal names
/// (`~lib/function/Function<%28i32%29=>i32>` → `~lib/function/Function<(i32)=>i32>`), for
/// messages. Invalid escapes are kept as they are.
pub fn decode(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_mangled_names() {
        assert_eq!(decode("~lib/function/Function<%28i32%29=>i32>"), "~lib/function/Function<(i32)=>i32>");
        assert_eq!(decode("%28~lib/typedarray/Uint8Array%29=>void"), "(~lib/typedarray/Uint8Array)=>void");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%2C"), "%zz,");
    }

    #[test]
    fn warnings_print_as_warnings() {
        let w = Diagnostic::warning(Path::new("m.d.ts"), Some(3), "bound raw").help("rebuild");
        let e = Diagnostic::new(Path::new("m.wasm"), None, "bad");
        assert_eq!(
            Diagnostics(vec![w, e]).to_string(),
            "warning: m.d.ts:3: bound raw\n  help: rebuild\nerror: m.wasm: bad"
        );
    }
}
