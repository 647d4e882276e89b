//! `asbind::include!`: bindings for an AssemblyScript module, generated at compile time.
//!
//! A thin front door: it parses its arguments, resolves paths against `CARGO_MANIFEST_DIR`
//! and hands everything else to `asbind-codegen`. Every generator problem becomes a
//! `compile_error!` pointing at the macro call.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use asbind_codegen::{Embed, Options};
use proc_macro::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// Generates a module of typed bindings for an AssemblyScript `.wasm` file.
///
/// ```ignore
/// asbind::include!("fixtures/vector3d.wasm");
/// let mut m = vector3d::Module::new()?;
/// ```
///
/// The path is relative to the crate's `Cargo.toml`. The `.d.ts` (and the `.js` glue, for import
/// types) are looked up beside the wasm; override them, or the module name, with
/// `asbind::include!("m.wasm", dts = "other.d.ts", js = "other.js", module = name)`.
/// The wasm bytes are embedded; cargo rebuilds when any input changes.
///
/// Without a `.d.ts` the bindings can only use raw wasm types (`i32` pointers instead of
/// strings and arrays), so the macro refuses unless asked for them: `raw = true`.
///
/// With asbind's `precompile` feature, the module is also compiled by wasmtime during the
/// expansion (`asbind::Module::precompile`, the runtime's engine configuration) and the artifact
/// embedded beside the wasm: the bindings' `compiled()` then loads it instead of compiling (no
/// JIT at start-up), and compiles the wasm as before when the artifact does not match the
/// running wasmtime, its configuration or the CPU. The artifact is only embedded when building
/// for the architecture, OS and environment the macro runs on (a cross build compiles at
/// start-up). `precompile = false` turns it off for one module; `precompile = true` without
/// the feature is an error. The artifact is loaded in an `unsafe` block marked
/// `#[allow(unsafe_code)]`, which `#![deny(unsafe_code)]` accepts and `#![forbid(unsafe_code)]`
/// does not: a crate that forbids unsafe code passes `precompile = false`.
///
/// To read the generated code, or to see rustc's errors in it at real lines, set
/// `ASBIND_EXPAND_DIR=<dir>` (relative to `Cargo.toml`) while building: each expansion is
/// written to `<dir>/<crate>-<module>.rs` and included from there.
#[proc_macro]
pub fn include(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as Args);
    match expand(&args) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct Args {
    wasm: LitStr,
    dts: Option<LitStr>,
    js: Option<LitStr>,
    module: Option<Ident>,
    /// `raw = true`: raw wasm types are wanted when there is no `.d.ts`.
    raw: Option<syn::LitBool>,
    /// `precompile = bool`: embed a precompiled artifact (default: with the feature).
    precompile: Option<syn::LitBool>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let wasm: LitStr = input.parse()?;
        let mut args = Args { wasm, dts: None, js: None, module: None, raw: None, precompile: None };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let dup = |what: &str| syn::Error::new(key.span(), format!("`{what}` is given twice"));
            match key.to_string().as_str() {
                "dts" if args.dts.is_none() => args.dts = Some(input.parse()?),
                "js" if args.js.is_none() => args.js = Some(input.parse()?),
                "module" if args.module.is_none() => {
                    if input.peek(LitStr) {
                        let lit: LitStr = input.parse()?;
                        return Err(syn::Error::new(
                            lit.span(),
                            format!("the module name is an identifier, not a string: write `module = {}`", lit.value()),
                        ));
                    }
                    args.module = Some(input.parse()?)
                }
                "raw" if args.raw.is_none() => args.raw = Some(input.parse()?),
                "precompile" if args.precompile.is_none() => args.precompile = Some(input.parse()?),
                k @ ("dts" | "js" | "module" | "raw" | "precompile") => return Err(dup(k)),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}`; expected `dts = \"...\"`, `js = \"...\"`, `module = name`, \
                             `raw = true` or `precompile = true|false`"
                        ),
                    ));
                }
            }
        }
        Ok(args)
    }
}

fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default()
}

/// The literal's path against `CARGO_MANIFEST_DIR`, clean and absolute.
fn resolve(lit: &LitStr) -> PathBuf {
    asbind_codegen::resolve::input_path(&manifest_dir(), Path::new(&lit.value()))
}

fn not_found(lit: &LitStr) -> syn::Error {
    syn::Error::new(
        lit.span(),
        format!("cannot find `{}` (paths are relative to {})", lit.value(), manifest_dir().display()),
    )
}

/// `Ok` when `errors` is empty, else all of them as one `syn::Error`.
fn combine(errors: impl IntoIterator<Item = syn::Error>) -> syn::Result<()> {
    let all = errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    });
    all.map_or(Ok(()), Err)
}

fn expand(args: &Args) -> syn::Result<proc_macro2::TokenStream> {
    let wasm = resolve(&args.wasm);
    let mut options = Options::new(&wasm, Embed::Bytes(wasm.clone()));
    options.dts = args.dts.as_ref().map(resolve);
    options.js = args.js.as_ref().map(resolve);
    // Every missing file at once, each at its own literal.
    let given = [
        (Some(&args.wasm), Some(&wasm)),
        (args.dts.as_ref(), options.dts.as_ref()),
        (args.js.as_ref(), options.js.as_ref()),
    ];
    combine(given.into_iter().filter_map(|(lit, path)| match (lit, path) {
        (Some(lit), Some(path)) if !path.is_file() => Some(not_found(lit)),
        _ => None,
    }))?;
    let module = match &args.module {
        Some(m) => m.clone(),
        None => {
            let name = asbind_codegen::resolve::module_name(&wasm);
            if let Err(why) = asbind_codegen::resolve::check_module_name(&name) {
                return Err(syn::Error::new(
                    args.wasm.span(),
                    format!("the module would be named `{name}`, but {why}; name it with `module = ...`"),
                ));
            }
            Ident::new(&name, args.wasm.span())
        }
    };
    // One error per diagnostic, at the literal that names the file it is about.
    let generated = match asbind_codegen::generate(&options) {
        Ok(generated) => generated,
        Err(diagnostics) => {
            let span_for = |file: &Path| {
                [(&args.dts, &options.dts), (&args.js, &options.js)]
                    .into_iter()
                    .find_map(|(lit, path)| lit.as_ref().filter(|_| path.as_deref() == Some(file)))
                    .unwrap_or(&args.wasm)
                    .span()
            };
            let errors = diagnostics.0.iter().map(|d| syn::Error::new(span_for(&d.file), d.to_string()));
            combine(errors)?;
            return Err(syn::Error::new(args.wasm.span(), "asbind could not bind this module"));
        }
    };
    // Without a .d.ts the API would silently be raw wasm types: only when asked for.
    if generated.model.dts_path.is_none() && !args.raw.as_ref().is_some_and(|b| b.value) {
        let note = generated.model.notes.iter().find(|n| n.starts_with("no .d.ts")).cloned().unwrap_or_default();
        return Err(syn::Error::new(
            args.wasm.span(),
            format!("{note}\n  help: rebuild the module with a .d.ts, or write `raw = true` to use raw wasm types"),
        ));
    }
    let tokens = match precompiled(args, &wasm)? {
        Some(p) => asbind_codegen::emit::emit(&generated.model, &Embed::Precompiled(p)),
        None => generated.tokens,
    };
    // Rebuild when the .d.ts or glue changes (the wasm is already `include_bytes!`ed).
    let tracked = options.inputs().into_iter().skip(1).map(|p| p.to_string_lossy().to_string());
    let items = match expansion_dir() {
        Some(dir) => write_expansion(&dir, &module, &tokens, &args.wasm)?,
        None => tokens,
    };
    let doc = format!("Bindings for `{}`, generated by `asbind::include!`.", args.wasm.value());
    Ok(quote! {
        #[doc = #doc]
        pub mod #module {
            const _: &[&[u8]] = &[#(::std::include_bytes!(#tracked)),*];
            #items
        }
    })
}

/// The artifact to embed for `wasm`, if asked for (`precompile = ...`, by default the feature)
/// and the macro knows the target it runs on.
fn precompiled(args: &Args, wasm: &Path) -> syn::Result<Option<asbind_codegen::Precompiled>> {
    let wanted = args.precompile.as_ref().map_or(cfg!(feature = "precompile"), |b| b.value);
    if !wanted {
        return Ok(None);
    }
    #[cfg(feature = "precompile")]
    {
        let Some(only_for) = host_target() else { return Ok(None) };
        let fail = |what: String| syn::Error::new(args.wasm.span(), format!("cannot precompile the module: {what}"));
        let bytes = std::fs::read(wasm).map_err(|e| fail(e.to_string()))?;
        let artifact = asbind_runtime::Module::precompile(&bytes).map_err(|e| fail(e.to_string()))?;
        Ok(Some(asbind_codegen::Precompiled {
            wasm: wasm.to_path_buf(),
            artifact: asbind_codegen::Artifact::Inline(artifact),
            only_for,
        }))
    }
    #[cfg(not(feature = "precompile"))]
    {
        let _ = wasm;
        let span = args.precompile.as_ref().map_or(args.wasm.span(), |b| b.span());
        Err(syn::Error::new(span, "`precompile = true` needs asbind's `precompile` feature"))
    }
}

/// `cfg` conditions naming the target this macro runs on (its own build's), which the artifact
/// is compiled for: architecture, OS and environment. `None` for an environment it does not
/// know (then nothing is embedded).
#[cfg(feature = "precompile")]
fn host_target() -> Option<Vec<(String, String)>> {
    let env = if cfg!(target_env = "gnu") {
        "gnu"
    } else if cfg!(target_env = "musl") {
        "musl"
    } else if cfg!(target_env = "msvc") {
        "msvc"
    } else if cfg!(target_env = "") {
        ""
    } else {
        return None;
    };
    let pairs = [("target_arch", std::env::consts::ARCH), ("target_os", std::env::consts::OS), ("target_env", env)];
    Some(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

/// The variable that asks for the expansion in a file: rustc's errors inside generated code then
/// point at real lines of a file you can open, instead of at the macro call.
const EXPANSION_VAR: &str = "ASBIND_EXPAND_DIR";

/// Where to write expansions: `$ASBIND_EXPAND_DIR` (relative to the crate's `Cargo.toml`), or
/// nowhere when it is unset or empty.
fn expansion_dir() -> Option<PathBuf> {
    let dir = std::env::var_os(EXPANSION_VAR).filter(|v| !v.is_empty())?;
    Some(manifest_dir().join(dir))
}

/// Writes the formatted bindings to `dir/<crate>-<module>.rs` and returns an `include!` of it.
fn write_expansion(
    dir: &Path,
    module: &Ident,
    tokens: &proc_macro2::TokenStream,
    wasm: &LitStr,
) -> syn::Result<proc_macro2::TokenStream> {
    let fail = |what: String| syn::Error::new(wasm.span(), format!("{EXPANSION_VAR}: {what}"));
    // Named like every other front door's output: by file name, whatever the literal's path.
    let source = asbind_codegen::resolve::source_name(Path::new(&wasm.value()));
    let text = asbind_codegen::format(tokens, &source)
        .map_err(|e| fail(format!("the generated code does not parse ({e}); this is a bug in asbind")))?;
    let krate = std::env::var("CARGO_CRATE_NAME").unwrap_or_else(|_| "crate".into());
    let path = dir.join(format!("{krate}-{module}.rs"));
    std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    // Unchanged content keeps its mtime, so editors and rust-analyzer do not reload it.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, &text).map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    }
    let path = path.to_string_lossy().to_string();
    Ok(quote!(::std::include!(#path);))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion_is_written_once_and_included() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let wasm = root.join("fixtures/hello.wasm");
        let generated = asbind_codegen::generate(&Options::new(&wasm, Embed::Bytes(wasm.clone()))).unwrap();
        let dir = std::env::temp_dir().join(format!("asbind-expand-{}", std::process::id()));
        let module = Ident::new("hello", proc_macro2::Span::call_site());
        let lit = LitStr::new("fixtures/hello.wasm", proc_macro2::Span::call_site());
        let include = write_expansion(&dir, &module, &generated.tokens, &lit).unwrap().to_string();
        let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
        assert!(include.contains(&*file.to_string_lossy()), "{include}");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("pub fn expand_string"), "the file holds the formatted bindings");
        syn::parse_file(&text).unwrap();
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        write_expansion(&dir, &module, &generated.tokens, &lit).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), modified, "unchanged: not rewritten");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_inline_artifact_is_only_embedded_for_its_target() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let wasm = root.join("fixtures/hello.wasm");
        let model = asbind_codegen::model(&Options::new(&wasm, Embed::Bytes(wasm.clone()))).unwrap();
        let only_for = vec![("target_arch".to_string(), "x86_64".to_string()), ("target_os".into(), "linux".into())];
        let p = asbind_codegen::Precompiled {
            wasm: wasm.clone(),
            artifact: asbind_codegen::Artifact::Inline(b"\x00artifact".to_vec()),
            only_for,
        };
        let tokens = asbind_codegen::emit::emit(&model, &Embed::Precompiled(p));
        let text = asbind_codegen::format(&tokens, "hello.wasm").unwrap();
        let on = "#[cfg(all(target_arch = \"x86_64\", target_os = \"linux\"))]";
        let off = "#[cfg(not(all(target_arch = \"x86_64\", target_os = \"linux\")))]";
        assert!(text.contains(on) && text.contains(off), "{text}");
        assert!(text.contains("b\"\\0artifact\""), "{text}");
        assert!(text.contains("from_precompiled(artifact, Self::wasm())"), "{text}");
    }

    #[cfg(feature = "precompile")]
    #[test]
    fn the_host_target_names_this_build() {
        let pairs = host_target().expect("a known environment");
        assert_eq!(pairs[0], ("target_arch".to_string(), std::env::consts::ARCH.to_string()));
        assert_eq!(pairs[1], ("target_os".to_string(), std::env::consts::OS.to_string()));
    }
}
