//! The one error type every runtime operation (and every generated method) returns.

use std::fmt;

/// Result alias used throughout asbind.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The error a host (import) function returns: any error at all. `?` converts every
/// `std::error::Error + Send + Sync + 'static` into it (`std::io::Error`, a parse error,
/// [`Error`] itself), and `HostError::msg("...")` makes one from a message. asbind reports it
/// as [`Error::Host`] naming the import; asbind's own `Abort`, `Exit`, `Trap` and `Host` errors
/// pass through unchanged. It is wasmtime's error type, as in wasmtime's own `bindgen!`.
pub type HostError = wasmtime::Error;

/// What a host (import) function returns: `Ok(value)`, or any error (see [`HostError`]).
pub type HostResult<T = ()> = std::result::Result<T, HostError>;

/// Everything that can go wrong while loading, calling or marshalling an AssemblyScript module.
///
/// No input a module can produce (bogus pointers, lengths, type ids, traps) panics; each ends up
/// here instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The module trapped (`unreachable`, out-of-bounds memory access, stack overflow, ...).
    #[error("{message}{}", backtrace_suffix(.backtrace))]
    Trap {
        /// The trap code, when wasmtime reported one.
        code: Option<wasmtime::Trap>,
        /// wasmtime's description of the trap (it starts with `wasm trap:`).
        message: String,
        /// The wasm call stack at the trap, innermost frame first.
        backtrace: Option<String>,
    },
    /// The module called `abort` (an AssemblyScript `throw`, failed `assert`, bounds check, ...).
    #[error("AssemblyScript abort: {} in {}:{line}:{column}", .message.as_deref().unwrap_or("(no message)"), .file.as_deref().unwrap_or("(unknown file)"))]
    Abort {
        /// The message passed to `abort`, if not null.
        message: Option<String>,
        /// The source file passed to `abort`, if not null.
        file: Option<String>,
        /// Source line.
        line: u32,
        /// Source column.
        column: u32,
    },
    /// The module called `process.exit(code)`.
    #[error("the module called process.exit({0})")]
    Exit(i32),
    /// A pointer or length read from the module points outside its linear memory.
    #[error("out-of-bounds access: {len} bytes at {addr:#x} is outside linear memory of {memory_size} bytes")]
    OutOfBounds {
        /// First byte accessed.
        addr: u64,
        /// Number of bytes accessed.
        len: u64,
        /// Current memory size in bytes.
        memory_size: usize,
    },
    /// A pointer from the module is not the payload of a live managed object (its header is not
    /// one AssemblyScript's allocators or compiler write), so asbind does not pin it: the
    /// collector would link a fake block into its lists and corrupt the module's heap.
    #[error("no managed object at {ptr:#x}: {reason}")]
    NotAnObject {
        /// The pointer.
        ptr: u32,
        /// Which check of the header failed.
        reason: String,
    },
    /// An object's runtime type id is not the kind the caller expected.
    #[error("wrong runtime type: expected {expected}, but the object at {ptr:#x} has runtime type id {found}")]
    WrongType {
        /// Address of the object's payload.
        ptr: u32,
        /// What the caller expected, in AssemblyScript terms.
        expected: String,
        /// The id found in the object's header.
        found: u32,
    },
    /// A string's UTF-16 code units are not valid UTF-16 (an unpaired surrogate) and strict
    /// decoding was requested.
    #[error(
        "string at {ptr:#x} is not valid UTF-16 (unpaired surrogate); use lossy decoding to replace it with U+FFFD"
    )]
    InvalidUtf16 {
        /// Address of the string's payload.
        ptr: u32,
    },
    /// A value the module gave is not valid for its type (e.g. a negative length).
    #[error("invalid value from the module: {0}")]
    InvalidValue(String),
    /// A required export of the runtime interface is missing.
    #[error("the module does not export `{name}`, which {needed_for} needs; rebuild it with `asc --exportRuntime`")]
    MissingRuntimeExport {
        /// The missing export (`__new`, `__pin`, `__unpin`, `__collect`, `__rtti_base`, ...).
        name: &'static str,
        /// What asbind was trying to do.
        needed_for: &'static str,
    },
    /// A null pointer appeared where the AssemblyScript type is not nullable.
    #[error("unexpected null: {0} is not nullable")]
    Null(String),
    /// An export is missing or does not have the expected wasm signature.
    #[error("export `{name}`: {reason}")]
    Export {
        /// The export's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The module imports functions or globals that neither asbind nor the caller provides.
    #[error(
        "the module imports {} that nothing provides; implement them in the bindings' `Host` trait, or register \
         them on `asbind::Imports`: functions with `func`, globals with `global`, anything else with `extern_with`",
        .0.join(", ")
    )]
    MissingImports(Vec<String>),
    /// The module is not the one the generated bindings were made from (another build: its
    /// exports differ). The message says which file the bindings came from and how to regenerate.
    #[error("{0}")]
    Mismatch(String),
    /// The bytes are not a valid wasm module, or wasmtime could not compile it.
    #[error("could not compile the module: {0}")]
    Compile(String),
    /// A precompiled artifact could not be loaded (`Module::deserialize`): not an artifact, damaged,
    /// or made by an engine with another wasmtime version, configuration, target or CPU features.
    #[error("cannot load the precompiled module: {0}")]
    Precompiled(String),
    /// wasmtime could not instantiate the module.
    #[error("could not instantiate the module: {0}")]
    Instantiate(String),
    /// The module has no runtime class for a type the call needs to allocate (it never uses
    /// that type), so it cannot be passed in.
    #[error("the module has no runtime class for {0}, so asbind cannot allocate one")]
    UnknownClass(String),
    /// The arguments of a call are not valid (e.g. an optional argument given after an omitted
    /// one: AssemblyScript can only omit trailing arguments).
    #[error("invalid arguments: {0}")]
    Argument(String),
    /// A handle was used with an instance other than the one that created it.
    #[error("this handle belongs to a different module instance")]
    ForeignHandle,
    /// A value nests records and arrays more than `limit` levels deep: a cyclic structure in the
    /// module (which no Rust value can hold), or a very deep one. Lifting and lowering stop there
    /// instead of overflowing the host's stack.
    #[error(
        "value nested more than {limit} levels deep (records and arrays inside one another; a cyclic structure \
         never ends); if it is meant to be this deep, raise the limit with `Imports::max_depth` or \
         `Instance::set_max_depth`"
    )]
    TooDeep {
        /// The nesting limit in force.
        limit: u32,
    },
    /// The values lifted since the last call would take more host memory than the lift budget
    /// allows (a module can describe far more data than it holds, e.g. a million array slots
    /// pointing at one large string). Nothing was allocated for the value; the instance is
    /// unaffected.
    #[error(
        "lifting needs {needed} bytes of host memory, over the lift budget of {limit} bytes per call; if the \
         value is meant to be this large, raise the budget with `Imports::lift_budget` or \
         `Instance::set_lift_budget`"
    )]
    LiftBudget {
        /// The budget in force, in bytes.
        limit: u64,
        /// What the values lifted since the last call, this one included, need.
        needed: u64,
    },
    /// A call used up the fuel it was given (`Imports::fuel`, `Instance::set_fuel`).
    #[error(
        "the call ran out of fuel (each call from the host gets the amount set with `Imports::fuel` or \
         `Instance::set_fuel`); it was stopped at an arbitrary instruction, so the module's own state may \
         be half updated: keep using the instance only if the module tolerates that, else re-instantiate"
    )]
    OutOfFuel,
    /// A call ran past its epoch deadline (`Imports::epoch_deadline`).
    #[error(
        "the call ran past its deadline (`Imports::epoch_deadline` / `Instance::set_epoch_deadline`); it was \
         stopped at an arbitrary instruction, so the module's own state may be half updated: keep using the \
         instance only if the module tolerates that, else re-instantiate"
    )]
    DeadlineExceeded,
    /// The module tried to grow its memory past the limit (`Imports::memory_limit`).
    #[error(
        "the module needs more memory than its limit of {limit} bytes (`Imports::memory_limit`); \
         AssemblyScript fails before changing its heap, so the instance stays usable, but the call's work is lost"
    )]
    MemoryLimit {
        /// The limit in force, in bytes.
        limit: usize,
    },
    /// A value is too large for AssemblyScript (e.g. an array longer than 2^30 bytes).
    #[error("value too large for AssemblyScript: {0}")]
    TooLarge(String),
    /// The module's memory is not aligned for a borrowed view of this element type.
    #[error("cannot view {len} bytes at {addr:#x} as elements of {align} bytes: misaligned")]
    Misaligned {
        /// Start address.
        addr: u32,
        /// Length in bytes.
        len: u32,
        /// Required alignment.
        align: u32,
    },
    /// Reading a module file failed.
    #[error("could not read {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An error returned by a host (import) function supplied by the user.
    #[error("host function {name}: {source}")]
    Host {
        /// `module.field` of the import.
        name: String,
        /// What the host function returned.
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

fn backtrace_suffix(bt: &Option<String>) -> String {
    match bt {
        Some(bt) if !bt.is_empty() => format!("\n{bt}"),
        _ => String::new(),
    }
}

impl Error {
    /// Builds an [`Error::Host`] from any error, for use in user import functions.
    pub fn host(
        name: impl fmt::Display,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        Error::Host { name: name.to_string(), source: source.into() }
    }

    /// Converts an error that came out of a wasm call into an asbind error: aborts and host
    /// errors raised by import functions come back as themselves, traps get their backtrace.
    pub(crate) fn from_call(err: wasmtime::Error) -> Self {
        let err = match err.downcast::<Error>() {
            Ok(own) => return own,
            Err(err) => err,
        };
        let code = err.downcast_ref::<wasmtime::Trap>().copied();
        match code {
            Some(wasmtime::Trap::OutOfFuel) => return Error::OutOfFuel,
            Some(wasmtime::Trap::Interrupt) => return Error::DeadlineExceeded,
            _ => {}
        }
        let backtrace = err.downcast_ref::<wasmtime::WasmBacktrace>().map(|bt| bt.to_string());
        let message = match code {
            Some(code) => code.to_string(),
            None => format!("wasm call failed: {err:#}"),
        };
        Error::Trap { code, message, backtrace }
    }
}
