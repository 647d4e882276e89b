//! The per-instance settings chosen on [`Imports`](crate::imports::Imports) before
//! instantiation (string policy, assumed generation, nesting and lift budgets, resource limits,
//! GC stress), and the memory limiter that enforces the memory limit.

use asbind_abi::layout::MAX_ALLOCATION;
use wasmtime::ResourceLimiter;

use crate::abi::Generation;

/// How strings with unpaired surrogates (valid WTF-16, invalid UTF-16) are lifted to `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Utf16 {
    /// Fail with [`Error::InvalidUtf16`](crate::Error::InvalidUtf16) (the default).
    #[default]
    Strict,
    /// Replace each unpaired surrogate with U+FFFD.
    Lossy,
}

/// How many records and arrays may nest inside one another in a value lifted or lowered, by
/// default (see [`Imports::max_depth`](crate::imports::Imports::max_depth)).
pub const DEFAULT_MAX_DEPTH: u32 = 512;

/// How many bytes of host memory the values lifted after one call may take, by default (see
/// [`Imports::lift_budget`](crate::imports::Imports::lift_budget)): the largest object
/// AssemblyScript can allocate. An honest value is rarely larger than the module memory it
/// comes from; one that is far larger is the amplification a hostile module can build (a
/// million array slots pointing at one large string).
pub const DEFAULT_LIFT_BUDGET: u64 = MAX_ALLOCATION as u64;

/// The environment variable that turns GC-stress mode on for every instance whose
/// [`Imports`](crate::imports::Imports) do not choose (any value but empty or `0`).
pub const GC_STRESS_ENV: &str = "ASBIND_GC_STRESS";

/// The settings of one instance.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) utf16: Utf16,
    pub(crate) generation: Generation,
    pub(crate) max_depth: u32,
    pub(crate) lift_budget: u64,
    /// Largest linear memory, in bytes.
    pub(crate) memory_limit: Option<usize>,
    /// Fuel each call from the host starts with.
    pub(crate) fuel: Option<u64>,
    /// Epoch ticks each call from the host may run for.
    pub(crate) epoch_ticks: Option<u64>,
    pub(crate) gc_stress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            utf16: Utf16::Strict,
            generation: Generation::V0_24,
            max_depth: DEFAULT_MAX_DEPTH,
            lift_budget: DEFAULT_LIFT_BUDGET,
            memory_limit: None,
            fuel: None,
            epoch_ticks: None,
            gc_stress: gc_stress_from_env(),
        }
    }
}

impl Options {
    /// Whether each call from the host needs more than the plain call: fuel or a deadline to
    /// reset, or a collection to run first.
    pub(crate) fn per_call(&self) -> bool {
        self.fuel.is_some() || self.epoch_ticks.is_some() || self.gc_stress
    }
}

fn gc_stress_from_env() -> bool {
    std::env::var_os(GC_STRESS_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Caps linear memory growth, and remembers that it refused, so that the trap AssemblyScript
/// raises when its allocator cannot grow ends up as [`Error::MemoryLimit`](crate::Error).
#[derive(Debug, Default)]
pub(crate) struct MemoryCap {
    limit: Option<usize>,
    refused: bool,
}

impl MemoryCap {
    pub(crate) fn new(limit: Option<usize>) -> Self {
        MemoryCap { limit, refused: false }
    }

    /// The limit, if growth was refused since the last time this was asked: what a failure
    /// then reports as [`Error::MemoryLimit`](crate::Error::MemoryLimit).
    pub(crate) fn take_refusal(&mut self) -> Option<usize> {
        if std::mem::take(&mut self.refused) { self.limit } else { None }
    }
}

impl ResourceLimiter for MemoryCap {
    fn memory_growing(&mut self, _current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        let allowed = self.limit.is_none_or(|l| desired <= l) && maximum.is_none_or(|m| desired <= m);
        if !allowed {
            self.refused = true;
        }
        Ok(allowed)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(maximum.is_none_or(|m| desired <= m))
    }
}
