//! The standard imports a module may ask for (AS_ABI §7.2, §7.4): what each is, its wasm
//! signature, and what a host does for it. A host provides all of them by default; a binding
//! generator leaves them out of the user's `Host` trait.

/// A wasm value type, as far as the standard imports use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValType {
    /// `i32` (also every pointer).
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
}

/// The level of a `console.*` call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsoleLevel {
    /// `console.log`.
    Log,
    /// `console.debug`.
    Debug,
    /// `console.info`.
    Info,
    /// `console.warn`.
    Warn,
    /// `console.error`.
    Error,
}

/// The `console.time*` operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerOp {
    /// `console.time(label)`: starts a timer.
    Time,
    /// `console.timeLog(label)`: prints its elapsed time.
    TimeLog,
    /// `console.timeEnd(label)`: prints its elapsed time and removes it.
    TimeEnd,
}

impl TimerOp {
    /// The JavaScript method name (`time`, `timeLog`, `timeEnd`).
    pub fn method(self) -> &'static str {
        match self {
            TimerOp::Time => "time",
            TimerOp::TimeLog => "timeLog",
            TimerOp::TimeEnd => "timeEnd",
        }
    }
}

/// What a standard import does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StdFunc {
    /// `abort(msg, file, line, column)`: a failed assertion, `throw`, or runtime error.
    Abort,
    /// `trace(msg, n, a0 … a4)`: prints a message and `n` of the five numbers.
    Trace,
    /// `seed() -> f64`: seeds `Math.random`.
    Seed,
    /// `Date.now() -> f64`: milliseconds since the Unix epoch.
    DateNow,
    /// `performance.now() -> f64`: milliseconds since an arbitrary start.
    PerformanceNow,
    /// `console.log(msg)` and its siblings.
    Console(ConsoleLevel),
    /// `console.time(label)` and its siblings.
    Timer(TimerOp),
    /// `console.assert(cond, msg)`.
    ConsoleAssert,
    /// `process.exit(code)`.
    ProcessExit,
}

/// One standard import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StdImport {
    /// Import module name.
    pub module: &'static str,
    /// Import field name.
    pub field: &'static str,
    /// What it does.
    pub func: StdFunc,
    /// Wasm parameter types.
    pub params: &'static [ValType],
    /// Wasm result types.
    pub results: &'static [ValType],
}

use ValType::{F64, I32};

const fn std(
    module: &'static str,
    field: &'static str,
    func: StdFunc,
    params: &'static [ValType],
    results: &'static [ValType],
) -> StdImport {
    StdImport { module, field, func, params, results }
}

/// Every standard import, 0.18 – 0.28 (0.19 imports `Date.now` as module `Date`, field `now`).
pub const STD_IMPORTS: &[StdImport] = &[
    std("env", "abort", StdFunc::Abort, &[I32, I32, I32, I32], &[]),
    std("env", "trace", StdFunc::Trace, &[I32, I32, F64, F64, F64, F64, F64], &[]),
    std("env", "seed", StdFunc::Seed, &[], &[F64]),
    std("env", "Date.now", StdFunc::DateNow, &[], &[F64]),
    std("Date", "now", StdFunc::DateNow, &[], &[F64]),
    std("env", "performance.now", StdFunc::PerformanceNow, &[], &[F64]),
    std("env", "console.log", StdFunc::Console(ConsoleLevel::Log), &[I32], &[]),
    std("env", "console.debug", StdFunc::Console(ConsoleLevel::Debug), &[I32], &[]),
    std("env", "console.info", StdFunc::Console(ConsoleLevel::Info), &[I32], &[]),
    std("env", "console.warn", StdFunc::Console(ConsoleLevel::Warn), &[I32], &[]),
    std("env", "console.error", StdFunc::Console(ConsoleLevel::Error), &[I32], &[]),
    std("env", "console.time", StdFunc::Timer(TimerOp::Time), &[I32], &[]),
    std("env", "console.timeLog", StdFunc::Timer(TimerOp::TimeLog), &[I32], &[]),
    std("env", "console.timeEnd", StdFunc::Timer(TimerOp::TimeEnd), &[I32], &[]),
    std("env", "console.assert", StdFunc::ConsoleAssert, &[I32, I32], &[]),
    std("env", "process.exit", StdFunc::ProcessExit, &[I32], &[]),
];

/// The standard import `module.field`, if it is one.
pub fn std_import(module: &str, field: &str) -> Option<&'static StdImport> {
    STD_IMPORTS.iter().find(|i| i.module == module && i.field == field)
}

/// A standard imported global: a constant AssemblyScript's JS glue provides by default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StdGlobal {
    /// Import module name.
    pub module: &'static str,
    /// Import field name.
    pub field: &'static str,
    /// The value (the module may declare the global as `f64` or `f32`).
    pub value: f64,
}

const fn math(field: &'static str, value: f64) -> StdGlobal {
    StdGlobal { module: "env", field, value }
}

/// The `Math` constants (`@external("env", "Math.PI") declare const PI: f64`), as the glue's
/// `globalThis.Math` has them.
pub const STD_GLOBALS: &[StdGlobal] = &[
    math("Math.E", std::f64::consts::E),
    math("Math.LN2", std::f64::consts::LN_2),
    math("Math.LN10", std::f64::consts::LN_10),
    math("Math.LOG2E", std::f64::consts::LOG2_E),
    math("Math.LOG10E", std::f64::consts::LOG10_E),
    math("Math.PI", std::f64::consts::PI),
    math("Math.SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
    math("Math.SQRT2", std::f64::consts::SQRT_2),
];

/// The standard global `module.field`, if it is one.
pub fn std_global(module: &str, field: &str) -> Option<&'static StdGlobal> {
    STD_GLOBALS.iter().find(|g| g.module == module && g.field == field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_name() {
        assert_eq!(std_import("env", "abort").map(|i| i.func), Some(StdFunc::Abort));
        assert_eq!(std_import("Date", "now").map(|i| i.func), Some(StdFunc::DateNow));
        assert_eq!(std_import("env", "now"), None);
        let names: std::collections::HashSet<_> = STD_IMPORTS.iter().map(|i| (i.module, i.field)).collect();
        assert_eq!(names.len(), STD_IMPORTS.len(), "no import listed twice");
        assert_eq!(std_global("env", "Math.PI").map(|g| g.value), Some(std::f64::consts::PI));
        assert_eq!(std_global("env", "Math.TAU"), None);
    }
}
