//! `build.rs` support for asbind: generate typed bindings for AssemblyScript modules into
//! `OUT_DIR`, the way `prost-build` and `cxx-build` do.
//!
//! ```no_run
//! // build.rs, in `fn main()`
//! asbind_build::Builder::new()
//!     .module("fixtures/hello.wasm")
//!     .module_with("fixtures/values.wasm", |m| m.dts("fixtures/values.d.ts").name("values"))
//!     .compile_or_exit();
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! asbind::include_generated!(hello);   // pub mod hello { include!(OUT_DIR/asbind/hello.rs) }
//! asbind::include_generated!(values);
//!
//! let mut m = hello::Module::new()?;
//! assert_eq!(m.expand_string("abc")?, "a b c");
//! ```
//!
//! Paths are relative to the package's `Cargo.toml` (`CARGO_MANIFEST_DIR`). For each module the
//! builder reads the `.wasm`, the `.d.ts` and the `.js` glue (beside the wasm unless given),
//! generates the same code as `asbind::include!` (the wasm bytes are embedded with
//! `include_bytes!`), formats it and writes `$OUT_DIR/asbind/<name>.rs` — only when the content
//! changed, so an unchanged module never triggers a rebuild. Under cargo it prints
//! `cargo:rerun-if-changed` for every file it reads; note that this replaces cargo's default of
//! rerunning the build script when any file in the package changes.
//!
//! Every module is tried before giving up, so one build shows every problem.
//!
//! # Precompiled modules (feature `precompile`)
//!
//! With the `precompile` feature, the builder also compiles each module with wasmtime
//! (`asbind::Module::precompile`, the runtime's own engine configuration) and writes the
//! artifact beside the bindings (`$OUT_DIR/asbind/<name>.cwasm`); the bindings embed it, and
//! their `compiled()` loads it instead of compiling the wasm, so start-up does no JIT work. The
//! artifact is keyed by the wasm, the wasmtime version, its configuration and the build
//! machine's CPU features; where the key does not match (a binary run on another CPU, say) or
//! wasmtime refuses the artifact, `compiled()` compiles the embedded wasm as before. Turn it off
//! per builder with `Builder::precompile(false)` (present with the feature).
//!
//! The bindings load the artifact in an `unsafe` block (wasmtime cannot check that an artifact
//! holds the code it claims; the embedded key is what makes it sound), marked
//! `#[allow(unsafe_code)]`. That satisfies `#![deny(unsafe_code)]` but not
//! `#![forbid(unsafe_code)]`: a crate that forbids unsafe code builds its bindings with
//! `precompile(false)`.
//!
//! The cost is at build time: the build script links wasmtime, compiled once more for the build
//! machine (build dependencies are not shared with the program's), and compiles each module.
//! A cross build (`TARGET` ≠ `HOST`) embeds no artifact: the key includes CPU features only the
//! machine that runs the program can tell, so it compiles at start-up as without the feature.
//!
//! # The classes transform
//!
//! A build script that also compiles the AssemblyScript gets the `asc` transform that exports
//! class members from [`write_transform`] (the crates carry it; no checkout of asbind needed).

#![warn(missing_docs)]

use std::fmt;
use std::path::{Path, PathBuf};

#[cfg(feature = "precompile")]
use asbind_codegen::{Artifact, Precompiled};
use asbind_codegen::{Diagnostics, Embed, Options, resolve};

/// Generates bindings for a set of AssemblyScript modules; use it from `build.rs`.
///
/// Configure with [`module`](Self::module) / [`module_with`](Self::module_with), then call
/// [`compile`](Self::compile) (returns the error) or [`compile_or_exit`](Self::compile_or_exit)
/// (prints it for cargo and exits).
#[derive(Debug, Clone, Default)]
pub struct Builder {
    modules: Vec<ModuleConfig>,
    out_dir: Option<PathBuf>,
    /// [`Builder::precompile`]`(false)` was called.
    #[cfg(feature = "precompile")]
    no_precompile: bool,
}

/// How one module is bound: its wasm file, and optionally a different `.d.ts`, `.js` glue or
/// module name. Passed to the closure of [`Builder::module_with`].
#[derive(Debug, Clone)]
pub struct ModuleConfig {
    wasm: PathBuf,
    dts: Option<PathBuf>,
    js: Option<PathBuf>,
    name: Option<String>,
}

impl ModuleConfig {
    fn new(wasm: &Path) -> Self {
        ModuleConfig { wasm: wasm.to_path_buf(), dts: None, js: None, name: None }
    }

    /// Reads the types from this `.d.ts` instead of `<stem>.d.ts` beside the wasm.
    pub fn dts(mut self, path: impl AsRef<Path>) -> Self {
        self.dts = Some(path.as_ref().to_path_buf());
        self
    }

    /// Reads import types from this JS glue instead of `<stem>.js` beside the wasm.
    pub fn js(mut self, path: impl AsRef<Path>) -> Self {
        self.js = Some(path.as_ref().to_path_buf());
        self
    }

    /// Names the module: the file is written to `$OUT_DIR/asbind/<name>.rs` and included with
    /// `asbind::include_generated!(<name>)`. Must be a Rust identifier; the default is the wasm
    /// file's stem in snake case (`vector3d.wasm` → `vector3d`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

impl Builder {
    /// A builder with no modules, writing to `$OUT_DIR/asbind`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a module: `wasm` is relative to the package's `Cargo.toml`; its `.d.ts` and `.js`
    /// glue are read from beside it and the module is named after the file.
    pub fn module(&mut self, wasm: impl AsRef<Path>) -> &mut Self {
        self.modules.push(ModuleConfig::new(wasm.as_ref()));
        self
    }

    /// Adds a module and adjusts it: `.module_with("m.wasm", |m| m.dts("other.d.ts").name("m2"))`.
    /// All paths are relative to the package's `Cargo.toml`.
    pub fn module_with(&mut self, wasm: impl AsRef<Path>, f: impl FnOnce(ModuleConfig) -> ModuleConfig) -> &mut Self {
        self.modules.push(f(ModuleConfig::new(wasm.as_ref())));
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR/asbind` (the files go directly in `dir`).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Whether to precompile the modules and embed the artifacts (on by default with the
    /// `precompile` feature; see the [crate docs](crate#precompiled-modules-feature-precompile)).
    #[cfg(feature = "precompile")]
    pub fn precompile(&mut self, on: bool) -> &mut Self {
        self.no_precompile = !on;
        self
    }

    /// Whether the bindings embed a precompiled artifact: asked for, and built for the machine
    /// that builds (not cross: outside cargo, the target is this machine).
    fn precompiling(&self) -> bool {
        #[cfg(feature = "precompile")]
        {
            let same = |a: Option<std::ffi::OsString>, b: Option<std::ffi::OsString>| match (a, b) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            !self.no_precompile && same(std::env::var_os("TARGET"), std::env::var_os("HOST"))
        }
        #[cfg(not(feature = "precompile"))]
        false
    }

    /// Generates and writes every module's bindings.
    ///
    /// All modules are tried; when more than one fails, the error is [`Error::Several`].
    pub fn compile(&self) -> Result<(), Error> {
        let under_cargo = std::env::var_os("OUT_DIR").is_some();
        let dir = match (&self.out_dir, std::env::var_os("OUT_DIR")) {
            (Some(dir), _) => dir.clone(),
            (None, Some(out)) => PathBuf::from(out).join("asbind"),
            (None, None) => return Err(Error::NoOutDir),
        };
        let base = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();

        let mut errors = Vec::new();
        let mut names: Vec<(String, PathBuf)> = Vec::new();
        for module in &self.modules {
            let job = match Job::resolve(module, &base) {
                Ok(job) => job,
                Err(mut e) => {
                    errors.append(&mut e);
                    continue;
                }
            };
            if under_cargo {
                for input in job.options.inputs() {
                    println!("cargo:rerun-if-changed={}", input.display());
                }
            }
            if let Some((_, first)) = names.iter().find(|(n, _)| *n == job.name) {
                errors.push(Error::DuplicateName {
                    name: job.name.clone(),
                    wasm: job.options.wasm.clone(),
                    first: first.clone(),
                });
                continue;
            }
            names.push((job.name.clone(), job.options.wasm.clone()));
            if let Err(e) = job.run(&dir, self.precompiling()) {
                errors.push(e);
            }
        }
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Several(errors)),
        }
    }

    /// Like [`compile`](Self::compile), but on failure prints every problem (one per line, with
    /// its file, line and what to do) and exits with status 1, which fails the build with the
    /// messages shown by cargo.
    pub fn compile_or_exit(&self) {
        if let Err(e) = self.compile() {
            eprintln!("{}", e.report());
            std::process::exit(1);
        }
    }
}

/// Writes the `asc` transform that exports class members, `asbind-classes.mjs`, into `dir`
/// (created if needed) and returns its path, for a build script that also runs asc:
/// `asc <entry>.ts --transform <path> --bindings raw --exportRuntime`. The crates carry the
/// transform, so a build from crates.io needs no checkout of asbind. An unchanged file is not
/// rewritten; the error names the path that failed.
pub fn write_transform(dir: impl AsRef<Path>) -> std::io::Result<PathBuf> {
    asbind_codegen::transform::write_classes_transform(dir.as_ref())
}

/// One module with its paths resolved and its name checked.
struct Job {
    options: Options,
    name: String,
}

impl Job {
    /// Resolves the paths against `base` and checks the name; every problem is reported.
    fn resolve(module: &ModuleConfig, base: &Path) -> Result<Job, Vec<Error>> {
        let mut errors = Vec::new();
        let mut check = |path: &Path, what| existing(path, base, what).map_err(|e| errors.push(e)).ok();
        let wasm = check(&module.wasm, "wasm module");
        let dts = module.dts.as_deref().map(|p| check(p, ".d.ts file"));
        let js = module.js.as_deref().map(|p| check(p, "JS glue"));
        let name = module.name.clone().unwrap_or_else(|| resolve::module_name(&module.wasm));
        if resolve::check_module_name(&name).is_err() {
            errors.push(Error::InvalidName { name: name.clone(), wasm: wasm.clone().unwrap_or(module.wasm.clone()) });
        }
        match wasm {
            Some(wasm) if errors.is_empty() => {
                let mut options = Options::new(&wasm, Embed::Bytes(wasm.clone()));
                options.dts = dts.flatten();
                options.js = js.flatten();
                Ok(Job { options, name })
            }
            _ => Err(errors),
        }
    }

    fn run(&self, dir: &Path, precompile: bool) -> Result<(), Error> {
        let wasm = &self.options.wasm;
        std::fs::create_dir_all(dir).map_err(|error| Error::Write { path: dir.to_path_buf(), error })?;
        let mut options = self.options.clone();
        #[cfg(feature = "precompile")]
        if precompile {
            options.embed = Embed::Precompiled(self.precompile(dir)?);
        }
        #[cfg(not(feature = "precompile"))]
        let _ = (precompile, &mut options);
        let generated = asbind_codegen::generate(&options)
            .map_err(|diagnostics| Error::Generate { wasm: wasm.clone(), diagnostics })?;
        let code = asbind_codegen::format(&generated.tokens, &generated.model.source())
            .map_err(|error| Error::Format { wasm: wasm.clone(), error })?;
        let path = dir.join(format!("{}.rs", self.name));
        write_if_changed(&path, code.as_bytes()).map_err(|error| Error::Write { path, error })
    }

    /// Precompiles the wasm into `dir/<name>.cwasm`, named relative to the bindings beside it
    /// (`include_bytes!` resolves it against the file that `include!`s it), so the generated
    /// code does not depend on where `dir` is.
    #[cfg(feature = "precompile")]
    fn precompile(&self, dir: &Path) -> Result<Precompiled, Error> {
        let wasm = &self.options.wasm;
        let bytes =
            std::fs::read(wasm).map_err(|error| Error::Precompile { wasm: wasm.clone(), error: error.to_string() })?;
        let artifact = asbind_runtime::Module::precompile(&bytes)
            .map_err(|error| Error::Precompile { wasm: wasm.clone(), error: error.to_string() })?;
        let file = format!("{}.cwasm", self.name);
        let path = dir.join(&file);
        write_if_changed(&path, &artifact).map_err(|error| Error::Write { path, error })?;
        Ok(Precompiled { wasm: wasm.clone(), artifact: Artifact::File(file.into()), only_for: Vec::new() })
    }
}

/// `path` resolved against `base`, which must exist.
fn existing(path: &Path, base: &Path, what: &'static str) -> Result<PathBuf, Error> {
    let resolved = resolve::input_path(base, path);
    if !resolved.is_file() {
        return Err(Error::Missing { what, path: path.to_path_buf(), base: base.to_path_buf() });
    }
    Ok(resolved)
}

/// Writes `bytes` to `path` unless it already holds exactly them (no mtime churn).
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes)
}

/// Why bindings could not be generated. Every variant names the file it is about.
///
/// `Debug` shows the same text as `Display`, so `fn main() -> Result<(), asbind_build::Error>`
/// and `.unwrap()` print readable messages.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Not running under cargo (no `OUT_DIR`) and no [`Builder::out_dir`] given.
    #[error("OUT_DIR is not set\n  help: run asbind-build from a build script, or give `Builder::out_dir`")]
    NoOutDir,
    /// An input file does not exist.
    #[error("{}: cannot find the {what}\n  help: paths are relative to {}", path.display(), base.display())]
    Missing {
        /// Which input (`"wasm module"`, `".d.ts file"`, `"JS glue"`).
        what: &'static str,
        /// The path as given.
        path: PathBuf,
        /// The directory it was resolved against (the package's `Cargo.toml` directory).
        base: PathBuf,
    },
    /// The module name is not a Rust identifier.
    #[error(
        "{}: `{name}` is not a valid Rust module name\n  help: name it: `.module_with(path, |m| m.name(\"...\"))`",
        wasm.display()
    )]
    InvalidName {
        /// The name.
        name: String,
        /// The module's wasm file.
        wasm: PathBuf,
    },
    /// Two modules would be written to the same file.
    #[error(
        "{}: the module name `{name}` is already used by {}\n  \
         help: give one of them another name: `.module_with(path, |m| m.name(\"...\"))`",
        wasm.display(),
        first.display()
    )]
    DuplicateName {
        /// The name.
        name: String,
        /// The second module's wasm file.
        wasm: PathBuf,
        /// The wasm file of the module that has the name.
        first: PathBuf,
    },
    /// The generator found problems in the inputs (every one, each with its file and line).
    #[error("{}: asbind could not bind this module:\n{diagnostics}", wasm.display())]
    Generate {
        /// The module's wasm file.
        wasm: PathBuf,
        /// What is wrong.
        diagnostics: Diagnostics,
    },
    /// The generated code is not valid Rust: a bug in asbind.
    #[error(
        "{}: the generated bindings do not parse: {error}\n  help: this is a bug in asbind; please report it",
        wasm.display()
    )]
    Format {
        /// The module's wasm file.
        wasm: PathBuf,
        /// The parse error.
        error: syn::Error,
    },
    /// wasmtime could not precompile the module (feature `precompile`); it would not compile at
    /// run time either.
    #[error("{}: cannot precompile the module: {error}", wasm.display())]
    Precompile {
        /// The module's wasm file.
        wasm: PathBuf,
        /// What wasmtime (or reading the file) reported.
        error: String,
    },
    /// Writing the output failed.
    #[error("{}: cannot write the bindings: {error}", path.display())]
    Write {
        /// The file or directory being written.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
    /// More than one module failed; one entry per module.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several(Vec<Error>),
}

impl Error {
    /// The errors this one stands for: itself, or each entry of [`Error::Several`].
    pub fn errors(&self) -> &[Error] {
        match self {
            Error::Several(v) => v,
            other => std::slice::from_ref(other),
        }
    }

    /// The text [`Builder::compile_or_exit`] prints: every problem on its own line, prefixed
    /// with `error:` (generator diagnostics already carry the prefix), help lines indented.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for e in self.errors() {
            if !out.is_empty() {
                out.push('\n');
            }
            match e {
                // The header names the module; the diagnostics follow, one per line.
                Error::Generate { wasm, diagnostics } => {
                    out.push_str(&format!("error: asbind could not bind {}:\n{diagnostics}", wasm.display()))
                }
                other => out.push_str(&format!("error: {other}")),
            }
        }
        out
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("asbind-build-unit-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_the_classes_transform() {
        let out = temp("transform");
        let path = write_transform(out.join("js")).unwrap();
        assert_eq!(path, out.join("js/asbind-classes.mjs"));
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../asbind-codegen/transform/asbind-classes.mjs");
        assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(committed).unwrap());
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn writes_formatted_bindings() {
        let out = temp("writes");
        Builder::new().module(fixtures().join("hello.wasm")).out_dir(&out).compile().unwrap();
        let code = std::fs::read_to_string(out.join("hello.rs")).unwrap();
        assert!(code.starts_with("// This file is @generated by asbind"), "{code}");
        assert!(code.contains("pub fn sqrt_sum_square("), "{code}");
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn missing_files_name_the_path_and_the_base() {
        let out = temp("missing");
        let err = Builder::new()
            .module("no/such.wasm")
            .module_with(fixtures().join("hello.wasm"), |m| m.dts("no/such.d.ts"))
            .out_dir(&out)
            .compile()
            .unwrap_err();
        assert_eq!(err.errors().len(), 2, "{err}");
        let text = err.to_string();
        assert!(text.contains("no/such.wasm: cannot find the wasm module"), "{text}");
        assert!(text.contains("no/such.d.ts: cannot find the .d.ts file"), "{text}");
        assert!(text.contains("help: paths are relative to"), "{text}");
    }

    #[test]
    fn names_must_be_identifiers_and_unique() {
        let out = temp("names");
        let err = Builder::new()
            .module_with(fixtures().join("hello.wasm"), |m| m.name("type"))
            .module(fixtures().join("hello.wasm"))
            .module_with(fixtures().join("vector3d.wasm"), |m| m.name("hello"))
            .out_dir(&out)
            .compile()
            .unwrap_err();
        let errors = err.errors();
        assert_eq!(errors.len(), 2, "{err}");
        assert!(matches!(&errors[0], Error::InvalidName { name, .. } if name == "type"), "{err}");
        assert!(matches!(&errors[1], Error::DuplicateName { name, .. } if name == "hello"), "{err}");
        assert!(err.to_string().contains("is already used by ") && err.to_string().contains("\n  help: give one"));
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn generator_diagnostics_are_one_per_line() {
        let out = temp("diag");
        let err = Builder::new()
            .module_with(fixtures().join("hello.wasm"), |m| m.dts(fixtures().join("values.d.ts")))
            .out_dir(&out)
            .compile()
            .unwrap_err();
        assert!(matches!(err, Error::Generate { .. }), "{err}");
        let report = err.report();
        assert!(report.starts_with("error: asbind could not bind "), "{report}");
        for line in report.lines().skip(1) {
            assert!(line.starts_with("error: ") || line.starts_with("  help: "), "{report}");
        }
        assert!(!out.join("hello.rs").exists());
    }

    #[test]
    fn no_out_dir_is_an_error() {
        // Unit tests run without OUT_DIR.
        if std::env::var_os("OUT_DIR").is_none() {
            assert!(matches!(Builder::new().compile(), Err(Error::NoOutDir)));
        }
    }
}
