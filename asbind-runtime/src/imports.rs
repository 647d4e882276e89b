//! Imports: the standard `env` functions every AssemblyScript module may need (`abort`,
//! `trace`, `seed`, `Date.now`, `performance.now`, `console.*`, `process.exit`), the `Math`
//! constants and imported memories and tables, and the user's own functions and globals,
//! registered by `(module, field)`.

use std::collections::HashMap;
use std::sync::Arc;

use asbind_abi::exports::RUNTIME;
use asbind_abi::imports::{ConsoleLevel, StdFunc, TimerOp, std_global, std_import};
use wasmtime::{
    AsContextMut, Caller, Extern, ExternType, Func, Global, Linker, Memory, Ref, Store, Table, Val, ValType, WasmRet,
    WasmTy,
};

use crate::abi::Generation;
use crate::ctx::Ctx;
use crate::error::{Error, HostError, HostResult, Result};
use crate::globals::GlobalValue;
use crate::host_env::{ClockFn, Console, ConsoleFn, HostEnv, log_console, stderr_console, wall_clock_ms};
use crate::options::{Options, Utf16};
use crate::state::{HostState, init_runtime};

/// A user import, registered as `(module, field, maker)`.
type UserImport<D> = (String, String, Maker<D>);
/// Makes the extern for an import, given the type the module declares for it.
type Maker<D> = Box<dyn FnOnce(&mut Store<HostState<D>>, &ExternType) -> wasmtime::Result<Extern> + Send>;

/// The imports of an instance: defaults for the standard `env` functions, the user's functions
/// and the instance's options (console sink, seed, clock, string policy, budgets, resource
/// limits), all applied before the module's start code runs.
pub struct Imports<D: 'static = ()> {
    funcs: Vec<UserImport<D>>,
    console: ConsoleFn,
    seed: Option<f64>,
    clock: ClockFn,
    options: Options,
}

impl<D: 'static> Default for Imports<D> {
    fn default() -> Self {
        Self::new()
    }
}

impl<D: 'static> Imports<D> {
    /// The standard imports: console output printed to stderr (as AssemblyScript's JS glue
    /// prints it), a random seed and the system clock.
    ///
    /// The builder methods take and return the imports, so they chain into a constructor:
    /// `Module::with_options(Imports::new().seed(1.0))`.
    pub fn new() -> Self {
        Imports {
            funcs: Vec::new(),
            console: Box::new(stderr_console),
            seed: None,
            clock: Box::new(wall_clock_ms),
            options: Options::default(),
        }
    }

    /// Registers a host function for import `module.field`, overriding any default.
    ///
    /// The closure receives a [`Ctx`] (to lift its pointer arguments or allocate a result) and
    /// the wasm-level arguments (`i32`, `u32`, `i64`, `u64`, `f32`, `f64`).
    pub fn func<Args, R>(mut self, module: &str, field: &str, f: impl HostFn<D, Args, R>) -> Self {
        let name: Arc<str> = format!("{module}.{field}").into();
        self.funcs.push((module.into(), field.into(), Box::new(move |store, _| Ok(f.into_func(store, name).into()))));
        self
    }

    /// Provides the value of an imported global `module.field` (`declare const X: f64` with
    /// `@external("module", "field")`), overriding any default. The value must have the
    /// global's wasm type (`i32`/`u32`, `i64`/`u64`, `f32` or `f64`).
    pub fn global(mut self, module: &str, field: &str, value: impl GlobalValue + Send + 'static) -> Self {
        let name = format!("{module}.{field}");
        let make = move |store: &mut Store<HostState<D>>, ty: &ExternType| -> wasmtime::Result<Extern> {
            let ExternType::Global(ty) = ty else {
                return Err(wasmtime::Error::msg(format!("{name} is not a global import, it is {}", describe(ty))));
            };
            let val = value.to_val();
            let given = val.ty(&*store)?;
            if !given.matches(ty.content()) {
                return Err(wasmtime::Error::msg(format!(
                    "{name} is a global of type {}, but the value given is {given}",
                    ty.content()
                )));
            }
            Ok(Global::new(store, ty.clone(), val)?.into())
        };
        self.funcs.push((module.into(), field.into(), Box::new(make)));
        self
    }

    /// Registers any extern (a global, memory or table) for import `module.field`.
    pub fn extern_with(
        mut self,
        module: &str,
        field: &str,
        make: impl FnOnce(&mut Store<HostState<D>>) -> wasmtime::Result<Extern> + Send + 'static,
    ) -> Self {
        self.funcs.push((module.into(), field.into(), Box::new(move |store, _| make(store))));
        self
    }

    /// Sends `trace` and `console.*` output to `sink` instead of stderr (`|_, _| {}` drops it).
    pub fn on_console(mut self, sink: impl FnMut(Console, &str) + Send + 'static) -> Self {
        self.console = Box::new(sink);
        self
    }

    /// Sends `trace` and `console.*` output to the `log` crate (target `asbind`; `console.error`
    /// at error level, `warn` at warn, `debug` at debug, the rest at info) instead of stderr.
    pub fn console_to_log(self) -> Self {
        self.on_console(log_console)
    }

    /// Fixes the value `env.seed` returns, making `Math.random()` deterministic.
    pub fn seed(mut self, seed: f64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Replaces the clock behind `Date.now` (milliseconds since the Unix epoch).
    pub fn clock(mut self, now_ms: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
        self.clock = Box::new(now_ms);
        self
    }

    /// Chooses how strings with unpaired surrogates are lifted (strict by default).
    pub fn utf16(mut self, policy: Utf16) -> Self {
        self.options.utf16 = policy;
        self
    }

    /// The generation to assume when the module has no `__rtti_base` to detect it from
    /// (default: 0.24 – 0.28).
    pub fn assume_generation(mut self, generation: Generation) -> Self {
        self.options.generation = generation;
        self
    }

    /// How many records and arrays may nest inside one another in a value lifted from or
    /// lowered into the module (default [`DEFAULT_MAX_DEPTH`](crate::DEFAULT_MAX_DEPTH), 512).
    /// Deeper values, and cyclic structures, fail with [`Error::TooDeep`]. Each level takes host
    /// stack: a limit far above the default needs a thread with a larger stack.
    pub fn max_depth(mut self, limit: u32) -> Self {
        self.options.max_depth = limit;
        self
    }

    /// How many bytes of host memory the values lifted after one call into the module may take
    /// (default [`DEFAULT_LIFT_BUDGET`](crate::DEFAULT_LIFT_BUDGET), 1 GiB): strings, vectors and
    /// records count what the host allocates for them. A value that needs more fails with
    /// [`Error::LiftBudget`] before the host allocates it, so a module cannot make the host
    /// allocate without bound (an `Array<string>` of a million slots pointing at one large
    /// string, say). The budget starts afresh with every call.
    pub fn lift_budget(mut self, bytes: u64) -> Self {
        self.options.lift_budget = bytes;
        self
    }

    /// Caps the module's linear memory at `bytes` (rounded down to whole 64 KiB pages by
    /// wasm). Growing past it fails inside the module, which AssemblyScript turns into a trap;
    /// the call then fails with [`Error::MemoryLimit`]. A module whose initial memory is larger
    /// fails to instantiate with the same error.
    pub fn memory_limit(mut self, bytes: usize) -> Self {
        self.options.memory_limit = Some(bytes);
        self
    }

    /// Gives every call from the host `fuel` units of fuel (about one per wasm instruction);
    /// a call that uses it up stops with [`Error::OutOfFuel`]. The start function gets the same
    /// amount. Needs an engine that counts fuel: compile the module with
    /// [`Module::with_engine`](crate::Module::with_engine) and an engine made from
    /// [`engine_config`](crate::engine_config) with `consume_fuel(true)` (otherwise
    /// instantiation fails with [`Error::Argument`]). Fuel counting slows wasm down by roughly
    /// a tenth to a third; an epoch deadline ([`epoch_deadline`](Self::epoch_deadline)) costs
    /// less.
    pub fn fuel(mut self, fuel: u64) -> Self {
        self.options.fuel = Some(fuel);
        self
    }

    /// Lets every call from the host run for at most `ticks` epoch ticks; a call still running
    /// then stops with [`Error::DeadlineExceeded`]. The start function gets the same deadline.
    /// Needs an engine with `epoch_interruption(true)` (see [`fuel`](Self::fuel) for how to
    /// make one), and something that advances the epoch: [`EpochTicker`](crate::EpochTicker)
    /// does it from a thread at a fixed interval (deadline ≈ `ticks` × interval), or call
    /// `engine.increment_epoch()` yourself.
    pub fn epoch_deadline(mut self, ticks: u64) -> Self {
        self.options.epoch_ticks = Some(ticks);
        self
    }

    /// GC-stress mode: run a full collection (`__collect`) before every allocation the host
    /// makes and before every call from the host, so that a value the host failed to keep alive
    /// is freed at once instead of in rare production runs. Slow; for tests. Defaults to on when
    /// the environment variable [`GC_STRESS_ENV`](crate::GC_STRESS_ENV) (`ASBIND_GC_STRESS`) is
    /// set to anything but `0`.
    pub fn gc_stress(mut self, on: bool) -> Self {
        self.options.gc_stress = on;
        self
    }

    pub(crate) fn into_parts(self) -> (HostEnv, Vec<UserImport<D>>, Options) {
        (HostEnv::new(self.console, self.seed, self.clock), self.funcs, self.options)
    }
}

/// A Rust closure usable as an import: `Fn(&mut Ctx<D>, A1, ..., An) -> HostResult<R>` with wasm
/// value arguments and result. Implemented for up to 8 arguments.
pub trait HostFn<D: 'static, Args, R>: Send + Sync + 'static {
    /// Wraps the closure as a wasmtime function in `store`.
    fn into_func(self, store: &mut Store<HostState<D>>, name: Arc<str>) -> Func;

    /// Defines the closure as import `module.field` in `linker`, for every store instantiated
    /// through it.
    fn link(self, linker: &mut Linker<HostState<D>>, module: &str, field: &str) -> wasmtime::Result<()>;
}

/// Makes sure import functions running inside the start function (before instantiation
/// finished) can already reach memory and the runtime exports.
fn ensure_runtime<D: 'static>(caller: &mut Caller<'_, HostState<D>>) -> wasmtime::Result<()> {
    if caller.data().rt().is_ready() {
        return Ok(());
    }
    let exports: Vec<(&str, Option<Extern>)> = RUNTIME.iter().map(|e| (e.name, caller.get_export(e.name))).collect();
    init_runtime(caller.as_context_mut(), |_, name| {
        exports.iter().find(|(n, _)| *n == name).and_then(|(_, e)| e.clone())
    })
    .map_err(wasmtime::Error::new)
}

/// The error an import function's failure becomes: asbind's aborts, exits, traps and host
/// errors pass through unchanged (an `abort` raised in a nested call stays an abort); anything
/// else, asbind's other errors included, becomes [`Error::Host`] naming the import.
fn host_error(name: &str, e: HostError) -> wasmtime::Error {
    let e = match e.downcast::<Error>() {
        Ok(e @ (Error::Abort { .. } | Error::Exit(_) | Error::Trap { .. } | Error::Host { .. })) => e,
        Ok(e) => Error::host(name, e),
        Err(other) => Error::host(name, other.into_boxed_dyn_error()),
    };
    wasmtime::Error::new(e)
}

/// Runs a host function for import `name` with a context on the calling instance. A panic in
/// it is caught and reported as [`Error::Host`] (unwinding through wasm frames would skip the
/// module's own clean-up, and the host should not crash because one import misbehaved).
fn run_host<D: 'static, R>(
    mut caller: Caller<'_, HostState<D>>,
    name: &str,
    f: impl FnOnce(&mut Ctx<'_, D>) -> HostResult<R>,
) -> wasmtime::Result<R> {
    ensure_runtime(&mut caller)?;
    // One reference-count bump per import call, so the context can borrow the runtime
    // interface beside the store.
    let exports = caller.data().rt().exports().clone();
    let mut cx = Ctx::in_import(caller.as_context_mut(), &exports);
    // The closure only touches the store through `cx`, which the runtime keeps consistent at
    // every point a panic can come from (user code between runtime calls).
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut cx))) {
        Ok(result) => result.map_err(|e| host_error(name, e)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            Err(wasmtime::Error::new(Error::host(name, format!("panicked: {what}"))))
        }
    }
}

macro_rules! host_fn {
    ($($arg:ident $var:ident),*) => {
        impl<D: 'static, F, R, $($arg,)*> HostFn<D, ($($arg,)*), R> for F
        where
            F: Fn(&mut Ctx<'_, D>, $($arg),*) -> HostResult<R> + Send + Sync + 'static,
            R: WasmRet + 'static,
            $($arg: WasmTy + 'static,)*
        {
            fn into_func(self, store: &mut Store<HostState<D>>, name: Arc<str>) -> Func {
                Func::wrap(store, move |caller: Caller<'_, HostState<D>>, $($var: $arg),*| -> wasmtime::Result<R> {
                    run_host(caller, &name, |cx| self(cx, $($var),*))
                })
            }

            fn link(self, linker: &mut Linker<HostState<D>>, module: &str, field: &str) -> wasmtime::Result<()> {
                let name: Arc<str> = format!("{module}.{field}").into();
                linker.func_wrap(module, field, move |caller: Caller<'_, HostState<D>>, $($var: $arg),*| -> wasmtime::Result<R> {
                    run_host(caller, &name, |cx| self(cx, $($var),*))
                })?;
                Ok(())
            }
        }
    };
}

host_fn!();
host_fn!(A1 a1);
host_fn!(A1 a1, A2 a2);
host_fn!(A1 a1, A2 a2, A3 a3);
host_fn!(A1 a1, A2 a2, A3 a3, A4 a4);
host_fn!(A1 a1, A2 a2, A3 a3, A4 a4, A5 a5);
host_fn!(A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6);
host_fn!(A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7);
host_fn!(A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8);

/// Builds the import list for `module` in `store`: the instance's own imports (`funcs`) first,
/// then what `linker` defines (the default functions and those linked for every instance), then
/// fresh defaults for the rest (memories, tables, `Math` constants); every import nothing
/// provides is reported at once.
pub(crate) fn resolve<D: 'static>(
    store: &mut Store<HostState<D>>,
    module: &wasmtime::Module,
    funcs: Vec<UserImport<D>>,
    linker: &Linker<HostState<D>>,
) -> Result<Vec<Extern>> {
    let mut user: HashMap<(String, String), Maker<D>> = HashMap::new();
    for (m, f, make) in funcs {
        user.insert((m, f), make);
    }
    let mut externs = Vec::new();
    let mut missing = Vec::new();
    for import in module.imports() {
        let key = (import.module().to_string(), import.name().to_string());
        let ty = import.ty();
        let failed = |e: wasmtime::Error| Error::Instantiate(format!("import {}.{}: {e:#}", key.0, key.1));
        if let Some(make) = user.remove(&key) {
            externs.push(make(store, &ty).map_err(failed)?);
        } else if let Some(linked) = linker.get_by_import(&mut *store, &import) {
            externs.push(linked);
        } else if let Some(default) = default_extern(store, &key.0, &key.1, &ty).map_err(failed)? {
            externs.push(default);
        } else {
            missing.push(format!("{}.{}", key.0, key.1));
        }
    }
    if !missing.is_empty() {
        return Err(Error::MissingImports(missing));
    }
    for (m, f) in user.keys() {
        log::debug!(target: "asbind", "import {m}.{f} was registered but the module does not import it");
    }
    Ok(externs)
}

fn console<D: 'static>(cx: &mut Ctx<'_, D>, kind: Console, msg: &str) {
    cx.store().data_mut().host_mut().print(kind, msg);
}

fn lift_nullable_lossy<D: 'static>(cx: &mut Ctx<'_, D>, ptr: u32) -> Result<Option<String>> {
    if ptr == 0 { Ok(None) } else { cx.lift_string_lossy(ptr).map(Some) }
}

fn console_fn<D: 'static>(kind: Console) -> impl HostFn<D, (u32,), ()> {
    move |cx: &mut Ctx<'_, D>, msg: u32| -> HostResult<()> {
        let text = lift_nullable_lossy(cx, msg)?.unwrap_or_else(|| "null".into());
        console(cx, kind, &text);
        Ok(())
    }
}

fn timer_fn<D: 'static>(op: TimerOp) -> impl HostFn<D, (u32,), ()> {
    move |cx: &mut Ctx<'_, D>, label: u32| -> HostResult<()> {
        let label = lift_nullable_lossy(cx, label)?.unwrap_or_else(|| "default".into());
        let host = cx.store().data_mut().host_mut();
        let line = match op {
            TimerOp::Time => host.time(&label),
            TimerOp::TimeLog => Some(host.time_log(&label, op.method(), false)),
            TimerOp::TimeEnd => Some(host.time_log(&label, op.method(), true)),
        };
        if let Some(line) = line {
            console(cx, Console::Log, &line);
        }
        Ok(())
    }
}

/// The `Console` kind a `console.*` level prints as.
fn console_kind(level: ConsoleLevel) -> Console {
    match level {
        ConsoleLevel::Log => Console::Log,
        ConsoleLevel::Debug => Console::Debug,
        ConsoleLevel::Info => Console::Info,
        ConsoleLevel::Warn => Console::Warn,
        ConsoleLevel::Error => Console::Error,
    }
}

/// What asbind provides, per instance, for import `module.field` of type `ty` when the user does
/// not: the `Math` constants, and a fresh memory or table of the declared size
/// (`--importMemory`, `--importTable`). (The standard functions are linked once: [`link_defaults`].)
fn default_extern<D: 'static>(
    store: &mut Store<HostState<D>>,
    module: &str,
    field: &str,
    ty: &ExternType,
) -> wasmtime::Result<Option<Extern>> {
    Ok(match ty {
        ExternType::Func(_) => None,
        ExternType::Global(g) => match (std_global(module, field), g.content()) {
            (Some(c), ValType::F64) => Some(Global::new(&mut *store, g.clone(), Val::F64(c.value.to_bits()))?.into()),
            (Some(c), ValType::F32) => {
                Some(Global::new(&mut *store, g.clone(), Val::F32((c.value as f32).to_bits()))?.into())
            }
            // Not a constant asbind knows, or one declared as an integer: the user's to provide.
            _ => None,
        },
        ExternType::Memory(m) => Some(Memory::new(&mut *store, m.clone())?.into()),
        ExternType::Table(t)
            if t.element().is_nullable() && matches!(t.element().heap_type(), wasmtime::HeapType::Func) =>
        {
            Some(Table::new(&mut *store, t.clone(), Ref::Func(None))?.into())
        }
        ExternType::Table(_) | ExternType::Tag(_) => None,
    })
}

/// "a function", "a global", ... for an import's type.
fn describe(ty: &ExternType) -> &'static str {
    match ty {
        ExternType::Func(_) => "a function",
        ExternType::Global(_) => "a global",
        ExternType::Memory(_) => "a memory",
        ExternType::Table(_) => "a table",
        ExternType::Tag(_) => "a tag",
    }
}

/// Defines in `linker` the standard functions `module` imports (those it imports under a
/// standard name but another type are left to fail at instantiation, naming the import).
pub(crate) fn link_defaults<D: 'static>(
    linker: &mut Linker<HostState<D>>,
    module: &wasmtime::Module,
) -> wasmtime::Result<()> {
    for import in module.imports() {
        if matches!(import.ty(), ExternType::Func(_)) {
            link_default(linker, import.module(), import.name())?;
        }
    }
    Ok(())
}

/// Defines the default for import `module.field` in `linker`, if it is a standard import (all
/// of which asbind provides: a new entry in [`asbind_abi::imports::STD_IMPORTS`] fails to
/// compile here until it is handled).
fn link_default<D: 'static>(linker: &mut Linker<HostState<D>>, module: &str, field: &str) -> wasmtime::Result<()> {
    let Some(import) = std_import(module, field) else { return Ok(()) };
    let l = &mut *linker;
    let (m, f) = (module, field);
    match import.func {
        StdFunc::Abort => (|cx: &mut Ctx<'_, D>, msg: u32, file: u32, line: u32, column: u32| -> HostResult<()> {
            // An unreadable message (AS's own stack-overflow abort passes one) must not hide the
            // abort itself.
            let message = lift_nullable_lossy(cx, msg).ok().flatten();
            let file = lift_nullable_lossy(cx, file).ok().flatten();
            Err(Error::Abort { message, file, line, column }.into())
        })
        .link(l, m, f),
        StdFunc::Trace => {
            (|cx: &mut Ctx<'_, D>, msg: u32, n: i32, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64| -> HostResult<()> {
                let msg = lift_nullable_lossy(cx, msg)?.unwrap_or_else(|| "null".into());
                let args = [a0, a1, a2, a3, a4];
                let shown = &args[..n.clamp(0, 5) as usize];
                let mut line = format!("trace: {msg}");
                if !shown.is_empty() {
                    line.push(' ');
                    line.push_str(&shown.iter().map(f64::to_string).collect::<Vec<_>>().join(", "));
                }
                console(cx, Console::Trace, &line);
                Ok(())
            })
            .link(l, m, f)
        }
        StdFunc::Seed => {
            (|cx: &mut Ctx<'_, D>| -> HostResult<f64> { Ok(cx.store().data().host().seed()) }).link(l, m, f)
        }
        StdFunc::DateNow => {
            (|cx: &mut Ctx<'_, D>| -> HostResult<f64> { Ok(cx.store().data().host().now_ms()) }).link(l, m, f)
        }
        StdFunc::PerformanceNow => {
            (|cx: &mut Ctx<'_, D>| -> HostResult<f64> { Ok(cx.store().data().host().performance_now_ms()) })
                .link(l, m, f)
        }
        StdFunc::Console(level) => console_fn(console_kind(level)).link(l, m, f),
        StdFunc::Timer(op) => timer_fn(op).link(l, m, f),
        StdFunc::ConsoleAssert => (|cx: &mut Ctx<'_, D>, cond: i32, msg: u32| -> HostResult<()> {
            if cond == 0 {
                let msg = lift_nullable_lossy(cx, msg)?.unwrap_or_default();
                console(cx, Console::Error, &format!("Assertion failed: {msg}"));
            }
            Ok(())
        })
        .link(l, m, f),
        StdFunc::ProcessExit => {
            (|_: &mut Ctx<'_, D>, code: i32| -> HostResult<()> { Err(Error::Exit(code).into()) }).link(l, m, f)
        }
    }
}

impl<D: 'static> std::fmt::Debug for Imports<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.funcs.iter().map(|(m, n, _)| format!("{m}.{n}")).collect();
        f.debug_struct("Imports")
            .field("user", &names)
            .field("seed", &self.seed)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
