//! Resource limits on a store: the memory cap, fuel and epoch deadlines an instance's
//! [`Imports`](crate::imports::Imports) ask for, set before the module's start code runs, and
//! [`EpochTicker`], which advances an engine's epoch so that deadlines expire.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use wasmtime::{Engine, Store};

use crate::error::{Error, Result};
use crate::options::Options;
use crate::state::HostState;

/// A deadline so far away that it never expires: what a store of an engine with epoch
/// interruption gets when no deadline was asked for (wasmtime's default, 0, traps at once).
pub(crate) const NO_DEADLINE: u64 = u64::MAX / 2;

/// Applies `options`' limits to a new store, before anything runs in it.
pub(crate) fn apply<D: 'static>(store: &mut Store<HostState<D>>, options: &Options) -> Result<()> {
    let engine = store.engine();
    let (fuel_on, epochs_on) = (engine.get_consume_fuel(), engine.get_epoch_interruption());
    if options.memory_limit.is_some() {
        store.limiter(|state| state.cap_mut());
    }
    match options.fuel {
        Some(fuel) if fuel_on => store.set_fuel(fuel).map_err(|e| fuel_unsupported(&e))?,
        Some(_) => return Err(needs_engine("a fuel budget (`Imports::fuel`)", "consume_fuel")),
        // An engine that counts fuel traps at once without any.
        None if fuel_on => store.set_fuel(u64::MAX).map_err(|e| fuel_unsupported(&e))?,
        None => {}
    }
    match options.epoch_ticks {
        Some(ticks) if epochs_on => store.set_epoch_deadline(ticks),
        Some(_) => return Err(needs_engine("an epoch deadline (`Imports::epoch_deadline`)", "epoch_interruption")),
        None => store.set_epoch_deadline(NO_DEADLINE),
    }
    Ok(())
}

/// The error for a limit the engine cannot enforce: `switch` is the `Config` method it needs.
pub(crate) fn needs_engine(what: &str, switch: &str) -> Error {
    Error::Argument(format!(
        "{what} needs an engine with `{switch}(true)`: make one from `asbind::engine_config()`, \
         compile the module with `Module::with_engine` (or the bindings' `compiled_with`) and \
         instantiate that module"
    ))
}

/// The error for a store whose engine does not count fuel.
#[cold]
pub(crate) fn fuel_unsupported(e: &wasmtime::Error) -> Error {
    Error::Argument(format!("cannot set fuel: {e:#}; the engine needs `consume_fuel(true)`"))
}

/// Advances an engine's epoch at a fixed interval from a thread of its own, so that epoch
/// deadlines ([`Imports::epoch_deadline`](crate::imports::Imports::epoch_deadline)) expire: a
/// deadline of `n` ticks then stops a call after about `n` × `interval`. The thread stops
/// when the ticker is dropped.
///
/// ```no_run
/// # fn main() -> asbind_runtime::Result<()> {
/// use std::time::Duration;
/// let mut config = asbind_runtime::engine_config();
/// config.epoch_interruption(true);
/// let engine = asbind_runtime::wasmtime::Engine::new(&config).expect("valid configuration");
/// let _ticker = asbind_runtime::EpochTicker::start(&engine, Duration::from_millis(10)).expect("a thread");
/// let module = asbind_runtime::Module::with_engine(&engine, std::fs::read("plugin.wasm").unwrap())?;
/// let imports = asbind_runtime::Imports::new().epoch_deadline(100); // about one second per call
/// let instance = asbind_runtime::Instance::with_imports(&module, imports, ())?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct EpochTicker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl EpochTicker {
    /// Starts ticking `engine`'s epoch every `interval` (fails only if the thread cannot be
    /// spawned).
    pub fn start(engine: &Engine, interval: Duration) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let (engine, flag) = (engine.clone(), stop.clone());
        let thread = std::thread::Builder::new().name("asbind-epoch".into()).spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                std::thread::park_timeout(interval);
                engine.increment_epoch();
            }
        })?;
        Ok(EpochTicker { stop, thread: Some(thread) })
    }
}

impl Drop for EpochTicker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
