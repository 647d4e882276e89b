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
///
/// Errors in marshalling a value (lowering an argument, lifting a result, a record field, an
/// array element) say where the value was: they come wrapped in [`Error::In`], whose message
/// starts with the location (`field `next` of `Node` in the result of `chain`: ...`). Match on
/// [`kind`](Self::kind) to see the error itself; traps, aborts, exits, fuel, deadlines, memory
/// limits and host errors are never wrapped.
///
/// `{:?}` prints the message, like `{}` (so `fn main() -> asbind::Result<()>` shows it, hints
/// included); `{:#?}` prints the structured form.
#[derive(thiserror::Error)]
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
    #[error("wrong runtime type: expected {expected}, found {} at {ptr:#x}", class_of(*.found, *.found_class))]
    WrongType {
        /// Address of the object's payload.
        ptr: u32,
        /// What the caller expected, in AssemblyScript terms.
        expected: String,
        /// The id found in the object's header.
        found: u32,
        /// The class of that id, when known: a built-in class, or one the bindings know
        /// (`None`: the message shows the id alone).
        found_class: Option<&'static str>,
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
    /// A marshalling error with where it happened: `location` is the value that failed, from
    /// the innermost (`element 3`, `field `x` of `Vec3`) to the outermost (`parameter `v` of
    /// `norm``, `the result of `chain``), joined with ` in `. [`kind`](Self::kind) is the error
    /// itself.
    #[error("{location}: {error}")]
    In {
        /// Where the value was.
        location: String,
        /// The error, never itself an `In` (locations are merged).
        error: Box<Error>,
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

/// `result`, its error (if any) located at `location` (see [`Error::within`]) and a wrong type's
/// class named from `classes` (see [`Error::with_class_names`]).
///
/// Used by generated bindings; not a stable API.
#[doc(hidden)]
#[inline(always)]
pub fn at<T>(result: Result<T>, location: &'static str, classes: &[(u32, &'static str)]) -> Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(e) => Err(locate(e, location, classes)),
    }
}

/// `result`, a wrong type's class named from `classes` (see [`Error::with_class_names`]).
///
/// Used by generated bindings; not a stable API.
#[doc(hidden)]
#[inline(always)]
pub fn named<T>(result: Result<T>, classes: &[(u32, &'static str)]) -> Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(e) => Err(e.with_class_names(classes)),
    }
}

#[cold]
#[inline(never)]
fn locate(e: Error, location: &'static str, classes: &[(u32, &'static str)]) -> Error {
    e.within(|| location.to_owned()).with_class_names(classes)
}

/// `~lib/string/String (id 2)`, or `id 2` for a class nothing names.
fn class_of(id: u32, class: Option<&'static str>) -> String {
    match class {
        Some(class) => format!("{class} (id {id})"),
        None => format!("id {id}"),
    }
}

/// At most this many parts of a location are kept: the innermost and the outermost ones, with
/// `...` for the levels between (a cyclic structure fails thousands of levels down).
const LOCATION_PARTS: usize = 7;
/// What joins the parts of a location, innermost first.
const LOCATION_JOIN: &str = " in ";
/// What stands for the levels a long location leaves out.
const LOCATION_ELIDED: &str = "...";

/// `inner` in `outer`, shortened to [`LOCATION_PARTS`] parts.
fn merge_locations(inner: &str, outer: &str) -> String {
    let parts: Vec<&str> = inner.split(LOCATION_JOIN).chain([outer]).collect();
    if parts.len() <= LOCATION_PARTS {
        return parts.join(LOCATION_JOIN);
    }
    let keep = LOCATION_PARTS / 2;
    let mut kept: Vec<&str> = parts[..keep].to_vec();
    kept.push(LOCATION_ELIDED);
    kept.extend_from_slice(&parts[parts.len() - keep..]);
    kept.join(LOCATION_JOIN)
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

    /// A [`WrongType`](Self::WrongType) for the object at `ptr` of id `found`, naming its class
    /// when it is one of `generation`'s built-in classes.
    #[cold]
    pub(crate) fn wrong_type(
        ptr: u32,
        expected: impl Into<String>,
        found: u32,
        generation: crate::abi::Generation,
    ) -> Self {
        Error::WrongType { ptr, expected: expected.into(), found, found_class: generation.builtin_class(found) }
    }

    /// Adds where the error happened, for errors in marshalling a value (lowering or lifting:
    /// [`OutOfBounds`](Self::OutOfBounds), [`WrongType`](Self::WrongType), [`Null`](Self::Null),
    /// [`InvalidUtf16`](Self::InvalidUtf16), [`InvalidValue`](Self::InvalidValue),
    /// [`TooDeep`](Self::TooDeep), [`LiftBudget`](Self::LiftBudget),
    /// [`NotAnObject`](Self::NotAnObject), [`TooLarge`](Self::TooLarge),
    /// [`Misaligned`](Self::Misaligned), [`UnknownClass`](Self::UnknownClass),
    /// [`ForeignHandle`](Self::ForeignHandle), [`Argument`](Self::Argument)): an [`Error::In`],
    /// whose location is `location()`, after the one the error has already (`field `x` of
    /// `Vec3`` within `parameter `v` of `norm`` is `field `x` of `Vec3` in parameter `v` of
    /// `norm``). Other errors (traps, aborts, exits, fuel, deadlines, memory limits, host
    /// errors, ...) come back unchanged, so that they can still be matched directly.
    ///
    /// For the error path only (`result.map_err(|e| e.within(|| ...))`): `location` is only
    /// called when the error gets one.
    #[cold]
    #[must_use]
    pub fn within(self, location: impl FnOnce() -> String) -> Self {
        match self {
            Error::In { location: inner, error } => Error::In { location: merge_locations(&inner, &location()), error },
            e if e.is_marshalling() => Error::In { location: location(), error: Box::new(e) },
            e => e,
        }
    }

    /// Whether this is an error in marshalling a value, which [`within`](Self::within) locates.
    fn is_marshalling(&self) -> bool {
        matches!(
            self,
            Error::OutOfBounds { .. }
                | Error::WrongType { .. }
                | Error::Null(_)
                | Error::InvalidUtf16 { .. }
                | Error::InvalidValue(_)
                | Error::TooDeep { .. }
                | Error::LiftBudget { .. }
                | Error::NotAnObject { .. }
                | Error::TooLarge(_)
                | Error::Misaligned { .. }
                | Error::UnknownClass(_)
                | Error::ForeignHandle
                | Error::Argument(_)
        )
    }

    /// The error without its location: the error inside an [`Error::In`], else `self`. Match
    /// on this (`matches!(e.kind(), Error::Null(_))`) to tell errors apart.
    pub fn kind(&self) -> &Error {
        match self {
            Error::In { error, .. } => error.kind(),
            e => e,
        }
    }

    /// The error without its location, by value (see [`kind`](Self::kind)).
    pub fn into_kind(self) -> Error {
        match self {
            Error::In { error, .. } => error.into_kind(),
            e => e,
        }
    }

    /// Where the error happened, if it says (see [`within`](Self::within)).
    pub fn location(&self) -> Option<&str> {
        match self {
            Error::In { location, .. } => Some(location),
            _ => None,
        }
    }

    /// Names the class of a [`WrongType`](Self::WrongType)'s found id from `classes` (pairs of
    /// runtime id and class path, such as the generated bindings know), unless it has a name
    /// already. Other errors come back unchanged. For the error path only.
    #[cold]
    #[must_use]
    pub fn with_class_names(mut self, classes: &[(u32, &'static str)]) -> Self {
        if let Error::WrongType { found, found_class: found_class @ None, .. } = self.kind_mut() {
            *found_class = classes.iter().find(|(id, _)| id == found).map(|(_, name)| *name);
        }
        self
    }

    fn kind_mut(&mut self) -> &mut Error {
        match self {
            Error::In { error, .. } => error.kind_mut(),
            e => e,
        }
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

/// The message, like `Display` (what `fn main() -> asbind::Result<()>` prints); `{:#?}` gives the
/// structured form.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !f.alternate() {
            return fmt::Display::fmt(self, f);
        }
        match self {
            Error::Trap { code, message, backtrace } => f
                .debug_struct("Trap")
                .field("code", code)
                .field("message", message)
                .field("backtrace", backtrace)
                .finish(),
            Error::Abort { message, file, line, column } => f
                .debug_struct("Abort")
                .field("message", message)
                .field("file", file)
                .field("line", line)
                .field("column", column)
                .finish(),
            Error::Exit(code) => f.debug_tuple("Exit").field(code).finish(),
            Error::OutOfBounds { addr, len, memory_size } => f
                .debug_struct("OutOfBounds")
                .field("addr", addr)
                .field("len", len)
                .field("memory_size", memory_size)
                .finish(),
            Error::NotAnObject { ptr, reason } => {
                f.debug_struct("NotAnObject").field("ptr", ptr).field("reason", reason).finish()
            }
            Error::WrongType { ptr, expected, found, found_class } => f
                .debug_struct("WrongType")
                .field("ptr", ptr)
                .field("expected", expected)
                .field("found", found)
                .field("found_class", found_class)
                .finish(),
            Error::InvalidUtf16 { ptr } => f.debug_struct("InvalidUtf16").field("ptr", ptr).finish(),
            Error::InvalidValue(what) => f.debug_tuple("InvalidValue").field(what).finish(),
            Error::MissingRuntimeExport { name, needed_for } => {
                f.debug_struct("MissingRuntimeExport").field("name", name).field("needed_for", needed_for).finish()
            }
            Error::Null(what) => f.debug_tuple("Null").field(what).finish(),
            Error::Export { name, reason } => {
                f.debug_struct("Export").field("name", name).field("reason", reason).finish()
            }
            Error::MissingImports(names) => f.debug_tuple("MissingImports").field(names).finish(),
            Error::Mismatch(what) => f.debug_tuple("Mismatch").field(what).finish(),
            Error::Compile(what) => f.debug_tuple("Compile").field(what).finish(),
            Error::Precompiled(what) => f.debug_tuple("Precompiled").field(what).finish(),
            Error::Instantiate(what) => f.debug_tuple("Instantiate").field(what).finish(),
            Error::UnknownClass(what) => f.debug_tuple("UnknownClass").field(what).finish(),
            Error::Argument(what) => f.debug_tuple("Argument").field(what).finish(),
            Error::ForeignHandle => f.write_str("ForeignHandle"),
            Error::TooDeep { limit } => f.debug_struct("TooDeep").field("limit", limit).finish(),
            Error::LiftBudget { limit, needed } => {
                f.debug_struct("LiftBudget").field("limit", limit).field("needed", needed).finish()
            }
            Error::OutOfFuel => f.write_str("OutOfFuel"),
            Error::DeadlineExceeded => f.write_str("DeadlineExceeded"),
            Error::MemoryLimit { limit } => f.debug_struct("MemoryLimit").field("limit", limit).finish(),
            Error::TooLarge(what) => f.debug_tuple("TooLarge").field(what).finish(),
            Error::Misaligned { addr, len, align } => {
                f.debug_struct("Misaligned").field("addr", addr).field("len", len).field("align", align).finish()
            }
            Error::In { location, error } => {
                f.debug_struct("In").field("location", location).field("error", error).finish()
            }
            Error::Io { path, source } => f.debug_struct("Io").field("path", path).field("source", source).finish(),
            Error::Host { name, source } => f.debug_struct("Host").field("name", name).field("source", source).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn null(what: &str) -> Error {
        Error::Null(what.into())
    }

    #[test]
    fn debug_is_the_message_and_alternate_debug_the_structure() {
        let errors = [
            Error::MissingRuntimeExport { name: "__new", needed_for: "lowering a string" },
            Error::Abort { message: Some("boom".into()), file: Some("a.ts".into()), line: 3, column: 7 },
            null("Node").within(|| "the result of `f`".into()),
            Error::OutOfFuel,
        ];
        for e in &errors {
            assert_eq!(format!("{e:?}"), e.to_string());
        }
        assert_eq!(
            format!("{:?}", errors[0]),
            "the module does not export `__new`, which lowering a string needs; rebuild it with `asc --exportRuntime`"
        );
        assert_eq!(format!("{:?}", errors[1]), "AssemblyScript abort: boom in a.ts:3:7");
        let structured = format!("{:#?}", errors[0]);
        assert!(structured.starts_with("MissingRuntimeExport {") && structured.contains("\"__new\""), "{structured}");
        let structured = format!("{:#?}", errors[2]);
        assert!(structured.starts_with("In {") && structured.contains("Null("), "{structured}");
    }

    #[test]
    fn locations_nest_innermost_first_and_only_on_marshalling_errors() {
        let e = null("Vec3").within(|| "field `x` of `Vec3`".into()).within(|| "parameter `v` of `norm`".into());
        assert_eq!(
            e.to_string(),
            "field `x` of `Vec3` in parameter `v` of `norm`: unexpected null: Vec3 is not nullable"
        );
        assert_eq!(e.location(), Some("field `x` of `Vec3` in parameter `v` of `norm`"));
        assert!(matches!(e.kind(), Error::Null(w) if w == "Vec3"));
        assert!(matches!(e.into_kind(), Error::Null(_)));
        let abort = Error::Abort { message: None, file: None, line: 1, column: 1 }.within(|| unreachable!());
        assert!(matches!(abort, Error::Abort { .. }));
        assert!(matches!(Error::OutOfFuel.within(|| unreachable!()), Error::OutOfFuel));
        assert_eq!(Error::OutOfFuel.location(), None);
    }

    #[test]
    fn deep_locations_keep_both_ends() {
        let mut e = Error::TooDeep { limit: 9 }.within(|| "field `k` of `Knot`".into());
        for _ in 0..20 {
            e = e.within(|| "field `k` of `Knot`".into());
        }
        e = e.within(|| "the result of `knot`".into());
        let k = "field `k` of `Knot`";
        assert_eq!(e.location().unwrap(), format!("{k} in {k} in {k} in ... in {k} in {k} in the result of `knot`"));
    }

    #[test]
    fn wrong_types_name_the_classes_they_know() {
        let e = Error::WrongType { ptr: 0x40, expected: "Vec3".into(), found: 2, found_class: None };
        assert_eq!(e.to_string(), "wrong runtime type: expected Vec3, found id 2 at 0x40");
        let e = e.within(|| "parameter `v` of `norm`".into()).with_class_names(&[(1, "A"), (2, "~lib/string/String")]);
        assert_eq!(
            e.to_string(),
            "parameter `v` of `norm`: wrong runtime type: expected Vec3, found ~lib/string/String (id 2) at 0x40"
        );
        // A name already there stays.
        let e = e.with_class_names(&[(2, "other")]);
        assert!(e.to_string().contains("~lib/string/String (id 2)"), "{e}");
    }
}
