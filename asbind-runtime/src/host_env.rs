//! The state behind the default imports ([`HostEnv`]: console sink, seed, clocks, timers) and
//! what it does for each; the import functions themselves are wired up in `imports`.

use std::collections::HashMap;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// What kind of console output the module produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Console {
    /// `console.log`, `console.time*` results.
    Log,
    /// `console.debug`.
    Debug,
    /// `console.info`.
    Info,
    /// `console.warn`.
    Warn,
    /// `console.error`, failed `console.assert`.
    Error,
    /// `trace(msg, n, ...)`.
    Trace,
}

/// Where console output goes.
pub(crate) type ConsoleFn = Box<dyn FnMut(Console, &str) + Send>;
/// The clock behind `Date.now` (milliseconds since the Unix epoch).
pub(crate) type ClockFn = Box<dyn Fn() -> f64 + Send + Sync>;

/// State behind the default imports.
pub(crate) struct HostEnv {
    console: ConsoleFn,
    seed: Option<f64>,
    clock: ClockFn,
    started: Instant,
    timers: HashMap<String, Instant>,
}

/// Console output printed to stderr, one line per message as the JS glue prints it: the
/// default sink. Stdout stays the host program's own.
pub(crate) fn stderr_console(_kind: Console, msg: &str) {
    use std::io::Write as _;
    // A closed stderr is not the module's problem: the line is dropped.
    let _ = writeln!(std::io::stderr().lock(), "{msg}");
}

/// Console output through the `log` crate (target `asbind`).
pub(crate) fn log_console(kind: Console, msg: &str) {
    match kind {
        Console::Log | Console::Info | Console::Trace => log::info!(target: "asbind", "{msg}"),
        Console::Debug => log::debug!(target: "asbind", "{msg}"),
        Console::Warn => log::warn!(target: "asbind", "{msg}"),
        Console::Error => log::error!(target: "asbind", "{msg}"),
    }
}

/// The system clock in milliseconds since the Unix epoch: the default clock.
pub(crate) fn wall_clock_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

/// A fresh random seed without a random-number crate: std's per-process random hash keys.
fn random_seed() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Instant::now().elapsed().as_nanos());
    // 53 random bits scaled like JS's `Date.now() * Math.random()`: a positive double.
    (h.finish() >> 11) as f64
}

impl HostEnv {
    /// The state for a new instance; `performance.now` counts from now.
    pub(crate) fn new(console: ConsoleFn, seed: Option<f64>, clock: ClockFn) -> Self {
        HostEnv { console, seed, clock, started: Instant::now(), timers: HashMap::new() }
    }

    /// Sends one line of console output to the sink.
    pub(crate) fn print(&mut self, kind: Console, msg: &str) {
        (self.console)(kind, msg);
    }

    /// The value of `env.seed`: the fixed seed, or a random one.
    pub(crate) fn seed(&self) -> f64 {
        self.seed.unwrap_or_else(random_seed)
    }

    /// The value of `Date.now`.
    pub(crate) fn now_ms(&self) -> f64 {
        (self.clock)()
    }

    /// The value of `performance.now`: milliseconds since the instance was made.
    pub(crate) fn performance_now_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }

    /// `console.time(label)`: starts a timer; the warning to print if it already runs.
    pub(crate) fn time(&mut self, label: &str) -> Option<String> {
        self.timers
            .insert(label.to_string(), Instant::now())
            .map(|_| format!("Warning: Label '{label}' already exists for console.time()"))
    }

    /// `console.timeLog` / `console.timeEnd` (`end`): the line to print, the elapsed time or a
    /// warning naming `method` if no such timer runs.
    pub(crate) fn time_log(&mut self, label: &str, method: &str, end: bool) -> String {
        match self.timers.get(label).map(|t| t.elapsed().as_secs_f64() * 1000.0) {
            Some(ms) => {
                if end {
                    self.timers.remove(label);
                }
                format!("{label}: {ms:.3}ms")
            }
            None => format!("Warning: No such label '{label}' for console.{method}()"),
        }
    }
}
