//! The asbind binding generator: an AssemblyScript module (`.wasm`) plus the `.d.ts` the
//! compiler wrote beside it become Rust tokens that call `asbind-runtime`.
//!
//! The data path is the folder layout: [`input`] reads the wasm, the `.d.ts` and the JS glue;
//! [`mod@model`] checks them against each other and builds one description of the module;
//! [`emit`] turns the model into tokens. This crate never links wasmtime. It also carries the
//! `asc` transform that exports class members ([`transform`]).

#![warn(missing_docs)]

pub mod astype;
pub mod diag;
pub mod input;

pub use diag::{Diagnostic, Diagnostics, Level};
pub mod emit;
pub mod model;
pub mod names;
pub mod resolve;
pub mod transform;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

pub use model::{Artifact, Embed, Model, Precompiled};

/// What to generate bindings for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The `.wasm` file.
    pub wasm: PathBuf,
    /// The `.d.ts`; `None` looks for `<stem>.d.ts` beside the wasm.
    pub dts: Option<PathBuf>,
    /// The JS glue (for import types); `None` looks for `<stem>.js` beside the wasm.
    pub js: Option<PathBuf>,
    /// How the generated code finds the module bytes.
    pub embed: Embed,
}

impl Options {
    /// Options for `wasm` with the `.d.ts` and `.js` beside it.
    pub fn new(wasm: impl Into<PathBuf>, embed: Embed) -> Self {
        Options { wasm: wasm.into(), dts: None, js: None, embed }
    }

    /// The `.d.ts` that will be read, if any.
    pub fn dts_path(&self) -> Option<PathBuf> {
        self.dts.clone().or_else(|| Some(self.wasm.with_extension("d.ts")).filter(|p| p.exists()))
    }

    /// The glue `.js` that will be read, if any.
    pub fn js_path(&self) -> Option<PathBuf> {
        self.js.clone().or_else(|| Some(self.wasm.with_extension("js")).filter(|p| p.exists()))
    }

    /// Every file the generator reads (for rebuild tracking).
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut v = vec![self.wasm.clone()];
        v.extend(self.dts_path());
        v.extend(self.js_path());
        v
    }
}

/// Generated bindings.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The checked model they were made from.
    pub model: Model,
    /// The Rust items.
    pub tokens: TokenStream,
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, Diagnostics> {
    std::fs::read(path).map_err(|e| Diagnostic::new(path, None, format!("cannot read the {what}: {e}")).into())
}

/// Reads and checks the inputs and builds the model.
pub fn model(options: &Options) -> Result<Model, Diagnostics> {
    let bytes = read(&options.wasm, "wasm module")?;
    let dts = match options.dts_path() {
        Some(path) => {
            let text = read(&path, ".d.ts file")?;
            Some((path, String::from_utf8_lossy(&text).into_owned()))
        }
        None => None,
    };
    let js = match options.js_path() {
        Some(path) => {
            let text = String::from_utf8_lossy(&read(&path, "JS glue")?).to_string();
            Some((path, text))
        }
        None => None,
    };
    let inputs = Inputs {
        wasm_path: &options.wasm,
        wasm: &bytes,
        dts: dts.as_ref().map(|(p, t)| (p.as_path(), t.as_str())),
        js: js.as_ref().map(|(p, t)| (p.as_path(), t.as_str())),
        js_given: options.js.is_some(),
    };
    model_from(&inputs)
}

/// The inputs of the generator once read into memory: what [`model`] works on after reading
/// the files (and what the fuzz targets feed it directly).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// Where the wasm was read from (diagnostics, the module's name).
    pub wasm_path: &'a Path,
    /// The wasm module's bytes.
    pub wasm: &'a [u8],
    /// The `.d.ts`, with the path it was read from.
    pub dts: Option<(&'a Path, &'a str)>,
    /// The JS glue, with the path it was read from.
    pub js: Option<(&'a Path, &'a str)>,
    /// Whether the glue was named explicitly (then it must look like asc's glue) rather than
    /// found beside the wasm.
    pub js_given: bool,
}

/// Checks in-memory inputs and builds the model ([`model`] without the file reading).
///
/// Used by the fuzz targets; not a stable API.
#[doc(hidden)]
pub fn model_from(inputs: &Inputs<'_>) -> Result<Model, Diagnostics> {
    let wasm = input::wasm::read(inputs.wasm_path, inputs.wasm)?;
    let dts = match inputs.dts {
        Some((path, text)) => Some(input::dts::parse(path, text).map_err(Diagnostics)?),
        None => None,
    };
    let glue = match inputs.js {
        Some((path, text)) => {
            if inputs.js_given && !text.contains("adaptedImports") {
                return Err(Diagnostic::new(path, None, "this is not the JS glue asc writes with `--bindings`")
                    .help("pass the .js that asc wrote beside the .wasm, or leave `js` out")
                    .into());
            }
            let records: Vec<_> = dts.iter().flat_map(|d| d.records.iter().map(|r| (r.id, r.fields.clone()))).collect();
            Some(input::glue::Glue::read(path, text, &records))
        }
        None => None,
    };
    let name = resolve::display_name(inputs.wasm_path);
    model::build(&name, inputs.wasm_path, &wasm, dts.as_ref(), glue.as_ref())
}

/// Generates bindings: reads the inputs, checks them and emits tokens.
pub fn generate(options: &Options) -> Result<Generated, Diagnostics> {
    let model = model(options)?;
    let tokens = emit::emit(&model, &options.embed);
    Ok(Generated { model, tokens })
}

/// Formats generated tokens as a Rust file with an `@generated` header naming `source`; pass
/// [`Model::source`], so the file does not depend on where or how the wasm path was given.
pub fn format(tokens: &TokenStream, source: &str) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(format!(
        "// This file is @generated by asbind from {source}. Do not edit it by hand: regenerate it.\n\n{}",
        prettyplease::unparse(&file)
    ))
}
