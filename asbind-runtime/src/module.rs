//! [`Module`]: compiled code, from wasm bytes or from an artifact precompiled ahead of time, and
//! what every instance of it shares (the bindings check, the pre-instantiations); the engine
//! asbind configures.

use std::any::{Any, TypeId};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use wasmtime::Engine;

use crate::error::{Error, Result};
use crate::precompiled::{self, Artifact};

/// A compiled AssemblyScript module, ready to be instantiated any number of times.
///
/// Cloning is cheap and clones share what instantiation caches: the result of
/// [`check_bindings`](Module::check_bindings) and the [`pre`](Module::pre)-instantiations.
#[derive(Clone)]
pub struct Module {
    inner: wasmtime::Module,
    shared: Arc<Shared>,
}

/// What clones of one module share.
struct Shared {
    precompiled: bool,
    /// The bindings fingerprint [`Module::check_bindings`] last confirmed.
    verified: OnceLock<u64>,
    /// Cached values by (key type, value type): the pre-instantiations.
    cache: Mutex<Vec<CacheEntry>>,
}

/// A value of [`Module::cached`]: its key type, its type, the value.
type CacheEntry = (TypeId, TypeId, Arc<dyn Any + Send + Sync>);

/// The engine shared by modules created without an explicit one, configured by [`engine_config`].
pub fn default_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&engine_config()).expect("the asbind engine configuration is valid"))
}

/// The wasmtime configuration asbind runs modules with: the WebAssembly proposals of
/// [`asbind_abi::features::FEATURES`], the same list the generator validates modules against.
/// Proposals this wasmtime build cannot run (no `threads` or `gc` cargo feature) are off either
/// way; those with a switch are set explicitly.
///
/// This function is the one source of the configuration: [`default_engine`] runs with it and
/// [`Module::precompile`] (which `asbind-build` and `asbind::include!` call at build time) compiles
/// with it, so an artifact made at build time matches the engine that loads it.
pub fn engine_config() -> wasmtime::Config {
    use asbind_abi::features::{FEATURES, Proposal};
    let mut config = wasmtime::Config::new();
    for f in FEATURES {
        let on = f.supported;
        match f.proposal {
            Proposal::BulkMemory => config.wasm_bulk_memory(on),
            Proposal::MultiValue => config.wasm_multi_value(on),
            Proposal::Simd => config.wasm_simd(on),
            Proposal::RelaxedSimd => config.wasm_relaxed_simd(on),
            Proposal::TailCall => config.wasm_tail_call(on),
            Proposal::MultiMemory => config.wasm_multi_memory(on),
            Proposal::Memory64 => config.wasm_memory64(on),
            Proposal::ExtendedConst => config.wasm_extended_const(on),
            Proposal::Gc => config.wasm_gc(on),
            Proposal::WideArithmetic => config.wasm_wide_arithmetic(on),
            // Always on in wasmtime (the MVP additions, funcref tables, typed function references),
            // or not compiled into this build (threads, externref, exceptions: no `threads`/`gc`).
            Proposal::MutableGlobal
            | Proposal::SignExtension
            | Proposal::SaturatingFloatToInt
            | Proposal::ReferenceTypes
            | Proposal::FunctionReferences
            | Proposal::GcTypes
            | Proposal::Threads
            | Proposal::Exceptions => &mut config,
        };
    }
    config
}

impl Module {
    fn wrap(inner: wasmtime::Module, precompiled: bool) -> Self {
        let shared = Shared { precompiled, verified: OnceLock::new(), cache: Mutex::new(Vec::new()) };
        Module { inner, shared: Arc::new(shared) }
    }

    /// Compiles wasm bytes with the shared default engine.
    pub fn new(bytes: impl AsRef<[u8]>) -> Result<Self> {
        Self::with_engine(default_engine(), bytes)
    }

    /// Compiles wasm bytes with `engine`.
    ///
    /// The module's shadow-stack pointer, if it has one, is exported under a name no
    /// AssemblyScript export can have (`asbind:stack_pointer`) so that a failed call can put it
    /// back; nothing else changes.
    pub fn with_engine(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Self> {
        let bytes = bytes.as_ref();
        let code = crate::stack::export_stack_pointer(bytes);
        let code = code.as_deref().unwrap_or(bytes);
        let inner = wasmtime::Module::new(engine, code).map_err(|e| Error::Compile(format!("{e:#}")))?;
        Ok(Self::wrap(inner, false))
    }

    /// Reads and compiles a `.wasm` file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        Self::new(bytes)
    }

    /// Compiles `wasm` ahead of time for the default engine ([`engine_config`], this machine's
    /// CPU): the artifact [`Module::deserialize`] and [`Module::from_precompiled`] load without
    /// compiling. It records which wasm it was made from and which engine made it; loading it
    /// anywhere else falls back to compiling (or fails, for `deserialize`).
    ///
    /// `asbind-build` and `asbind::include!` call this at build time (the `precompile` feature).
    pub fn precompile(wasm: &[u8]) -> Result<Vec<u8>> {
        Self::precompile_with_engine(default_engine(), wasm)
    }

    /// [`Module::precompile`] for `engine` (the artifact then loads with an engine configured
    /// the same way, on a machine with the same CPU features).
    pub fn precompile_with_engine(engine: &Engine, wasm: &[u8]) -> Result<Vec<u8>> {
        // The code compiled is what `with_engine` would compile; the key names the wasm given.
        let code = crate::stack::export_stack_pointer(wasm);
        let payload =
            engine.precompile_module(code.as_deref().unwrap_or(wasm)).map_err(|e| Error::Compile(format!("{e:#}")))?;
        Ok(precompiled::encode(wasm, engine, &payload))
    }

    /// Loads an artifact made by [`Module::precompile`] with the default engine, without
    /// compiling. Fails with [`Error::Precompiled`] when it is not an artifact, is damaged, or was
    /// made by an engine with another wasmtime version, configuration, target or CPU features.
    ///
    /// # Safety
    ///
    /// wasmtime runs the machine code in the artifact as it is. `artifact` must be the output of
    /// [`Module::precompile`] (by this program, its build, or a build you trust), never bytes
    /// from elsewhere: the header's key and checksum catch a stale or damaged artifact, not a
    /// forged one.
    pub unsafe fn deserialize(artifact: &[u8]) -> Result<Self> {
        // SAFETY: forwarded to the caller.
        unsafe { Self::deserialize_with_engine(default_engine(), artifact) }
    }

    /// [`Module::deserialize`] with `engine`.
    ///
    /// # Safety
    ///
    /// As for [`Module::deserialize`].
    pub unsafe fn deserialize_with_engine(engine: &Engine, artifact: &[u8]) -> Result<Self> {
        let parsed = Artifact::parse(artifact).map_err(Error::Precompiled)?;
        parsed.check_engine(engine).map_err(Error::Precompiled)?;
        // SAFETY: the caller vouches for the bytes; the key says this engine made them.
        unsafe { Self::load(engine, &parsed) }.map_err(Error::Precompiled)
    }

    /// Loads `artifact` (made by [`Module::precompile`] from `wasm`) when it matches, and
    /// compiles `wasm` otherwise: when the artifact is for other wasm, is damaged, or was made
    /// by an engine with another wasmtime version, configuration, target or CPU features, or
    /// when wasmtime refuses it. Why it was not used is logged at debug level (target
    /// `asbind`); [`Module::is_precompiled`] tells which happened.
    ///
    /// This is what generated bindings with an embedded artifact call (see
    /// [`Module::precompile`]).
    ///
    /// # Safety
    ///
    /// As for [`Module::deserialize`]: `artifact` must be [`Module::precompile`]'s output, never
    /// bytes from elsewhere. Only an artifact whose key matches `wasm` and this engine is handed
    /// to wasmtime.
    pub unsafe fn from_precompiled(artifact: &[u8], wasm: &[u8]) -> Result<Self> {
        // SAFETY: forwarded to the caller.
        unsafe { Self::from_precompiled_with_engine(default_engine(), artifact, wasm) }
    }

    /// [`Module::from_precompiled`] with `engine`.
    ///
    /// # Safety
    ///
    /// As for [`Module::deserialize`].
    pub unsafe fn from_precompiled_with_engine(engine: &Engine, artifact: &[u8], wasm: &[u8]) -> Result<Self> {
        let loaded = Artifact::parse(artifact).and_then(|parsed| {
            if !parsed.is_for_wasm(wasm) {
                return Err("compiled from other wasm".to_string());
            }
            parsed.check_engine(engine)?;
            // SAFETY: the caller vouches for the bytes; the key says this engine made them from
            // `wasm`.
            unsafe { Self::load(engine, &parsed) }
        });
        match loaded {
            Ok(module) => Ok(module),
            Err(why) => {
                log::debug!(target: "asbind", "precompiled module not used ({why}); compiling the wasm instead");
                Self::with_engine(engine, wasm)
            }
        }
    }

    /// Hands the compiled code to wasmtime, which checks once more that it can run it here.
    ///
    /// # Safety
    ///
    /// `artifact` comes from [`Module::precompile`] (see [`Module::deserialize`]).
    unsafe fn load(engine: &Engine, artifact: &Artifact<'_>) -> std::result::Result<Self, String> {
        // SAFETY: the bytes are wasmtime's own serialization (the caller's promise); wasmtime
        // checks its version, configuration, target and CPU features before using them.
        let inner = unsafe { wasmtime::Module::deserialize(engine, artifact.payload) }
            .map_err(|e| format!("wasmtime refused it: {e:#}"))?;
        Ok(Self::wrap(inner, true))
    }

    /// Whether this module was loaded from a precompiled artifact (rather than compiled from
    /// wasm), e.g. by the `compiled()` of bindings built with the `precompile` feature.
    pub fn is_precompiled(&self) -> bool {
        self.shared.precompiled
    }

    /// The fingerprint ([`asbind_abi::fingerprint`]) of this module's exports `functions` and
    /// `globals`: what generated bindings compare with the one they were generated with.
    pub fn fingerprint(&self, functions: &[&str], globals: &[&str]) -> u64 {
        use asbind_abi::fingerprint::{ValType, fingerprint, func_line, global_line, missing_line};
        let val = |t: &wasmtime::ValType| match t {
            wasmtime::ValType::I32 => ValType::I32,
            wasmtime::ValType::I64 => ValType::I64,
            wasmtime::ValType::F32 => ValType::F32,
            wasmtime::ValType::F64 => ValType::F64,
            wasmtime::ValType::V128 => ValType::V128,
            wasmtime::ValType::Ref(_) => ValType::Ref,
        };
        let funcs = functions.iter().map(|name| match self.inner.get_export(name) {
            Some(wasmtime::ExternType::Func(f)) => {
                let params: Vec<ValType> = f.params().map(|t| val(&t)).collect();
                let results: Vec<ValType> = f.results().map(|t| val(&t)).collect();
                func_line(name, &params, &results)
            }
            _ => missing_line(name),
        });
        let globals = globals.iter().map(|name| match self.inner.get_export(name) {
            Some(wasmtime::ExternType::Global(g)) => global_line(name, val(g.content())),
            _ => missing_line(name),
        });
        fingerprint(funcs.chain(globals))
    }

    /// Checks that this module has the exports generated bindings use, with the signatures they
    /// were generated for (`expected`, from [`Module::fingerprint`] of the module they were
    /// generated from, `source`); `regenerate` says how to make bindings for this module.
    ///
    /// A module remembers the fingerprint it matched, so bindings instantiating it again (and
    /// its clones) compare one number instead of hashing the exports.
    pub fn check_bindings(
        &self,
        expected: u64,
        functions: &[&str],
        globals: &[&str],
        source: &str,
        regenerate: &str,
    ) -> Result<()> {
        if self.shared.verified.get() == Some(&expected) {
            return Ok(());
        }
        if self.fingerprint(functions, globals) == expected {
            // Another binding may have been verified first; then this one is recomputed each time.
            let _ = self.shared.verified.set(expected);
            return Ok(());
        }
        let missing: Vec<&str> = functions
            .iter()
            .filter(|n| !matches!(self.inner.get_export(n), Some(wasmtime::ExternType::Func(_))))
            .chain(
                globals.iter().filter(|n| !matches!(self.inner.get_export(n), Some(wasmtime::ExternType::Global(_)))),
            )
            .copied()
            .collect();
        let detail = if missing.is_empty() {
            "the signatures of its exports differ".to_string()
        } else {
            let shown: Vec<&str> = missing.iter().take(5).copied().collect();
            format!(
                "it lacks export{} `{}`{}",
                if missing.len() == 1 { "" } else { "s" },
                shown.join("`, `"),
                if missing.len() > shown.len() { ", ..." } else { "" }
            )
        };
        Err(Error::Mismatch(format!(
            "this wasm does not match the bindings generated from {source} ({detail}); {regenerate}"
        )))
    }

    /// The value cached under the types `K` and `T`, made by `make` the first time (clones of
    /// this module share it). `make` runs without the cache locked; if two threads race, the
    /// first value stored wins.
    pub(crate) fn cached<K: 'static, T: Clone + Send + Sync + 'static>(
        &self,
        make: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let key = (TypeId::of::<K>(), TypeId::of::<T>());
        let find = |cache: &[CacheEntry]| {
            cache.iter().find(|(k, t, _)| (*k, *t) == key).and_then(|(_, _, v)| v.downcast_ref::<T>().cloned())
        };
        // A poisoned lock only means another thread panicked while holding it; the list is
        // still consistent (pushes are atomic with respect to it).
        let lock = || self.shared.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = find(&lock()) {
            return Ok(v);
        }
        let made = make()?;
        let mut cache = lock();
        if let Some(v) = find(&cache) {
            return Ok(v);
        }
        cache.push((key.0, key.1, Arc::new(made.clone())));
        Ok(made)
    }

    /// The wasmtime module.
    pub fn wasmtime(&self) -> &wasmtime::Module {
        &self.inner
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("imports", &self.inner.imports().len())
            .field("exports", &self.inner.exports().len())
            .field("precompiled", &self.shared.precompiled)
            .finish()
    }
}
