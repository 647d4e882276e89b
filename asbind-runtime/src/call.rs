//! The call protocol: calling an export, and the runtime interface around it (`__new`,
//! `__pin`/`__unpin` through the pin table, `__collect`, `__setArgumentsLength`), with the
//! arguments held for one call released when it returns.

use wasmtime::{TypedFunc, WasmParams, WasmResults};

use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// The number of arguments to report with `__setArgumentsLength` for a call with `required`
/// leading arguments followed by optional ones (`given[i]`: whether optional `i` was passed).
/// AssemblyScript can only omit trailing arguments, so a gap is an [`Error::Argument`].
pub fn count_arguments(required: u32, given: &[bool]) -> Result<u32> {
    let passed = given.iter().take_while(|g| **g).count();
    if given[passed..].iter().any(|g| *g) {
        return Err(Error::Argument(format!(
            "optional argument {} was given but argument {} was not; AssemblyScript can only omit trailing arguments",
            required as usize + given.iter().rposition(|g| *g).unwrap_or(0) + 1,
            required as usize + passed + 1
        )));
    }
    Ok(required + passed as u32)
}

impl<D: 'static> Ctx<'_, D> {
    /// Unpins objects whose last handle was dropped since the previous call (and retries
    /// unpins that failed before).
    ///
    /// Used by generated bindings; not a stable API. Every call does this first; to do it
    /// without a call, use [`Instance::flush_released`](crate::instance::Instance::flush_released).
    #[doc(hidden)]
    #[inline]
    pub fn flush_released(&mut self) -> Result<()> {
        if self.rt().needs_flush() { self.apply_handle_ops() } else { Ok(()) }
    }

    /// Applies what handles did and unpins what they released: every unpin is tried, the ones
    /// that fail are kept for the next flush, and the first failure is reported.
    #[inline(never)]
    fn apply_handle_ops(&mut self) -> Result<()> {
        let mut ptrs = self.rt_mut().apply_handle_ops();
        self.rt_mut().take_retries(&mut ptrs);
        let mut result = Ok(());
        if !ptrs.is_empty() {
            match self.exports().unpin_fn("unpinning a dropped handle") {
                Ok(unpin) => {
                    for &ptr in &ptrs {
                        if let Err(e) = self.enter(unpin, ptr) {
                            self.rt_mut().retry_unpin(ptr);
                            result = result.and(Err(e));
                        }
                    }
                }
                Err(e) => {
                    for &ptr in &ptrs {
                        self.rt_mut().retry_unpin(ptr);
                    }
                    result = Err(e);
                }
            }
        }
        self.rt_mut().put_unpin_buffer(ptrs);
        result
    }

    /// Calls into the module: every entry from the host goes through here, so that per-call
    /// limits are set and a failed outermost call leaves the module's shadow stack as it was.
    #[inline]
    fn enter<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        if self.rt().per_call() && self.is_outermost() {
            self.set_call_limits()?;
        }
        func.call(self.store_mut(), args).map_err(|e| self.call_failed(e))
    }

    /// Gives an outermost call its fuel and deadline.
    #[cold]
    fn set_call_limits(&mut self) -> Result<()> {
        let (fuel, ticks) = (self.rt().options().fuel, self.rt().options().epoch_ticks);
        if let Some(fuel) = fuel {
            self.store_mut().set_fuel(fuel).map_err(|e| crate::limits::fuel_unsupported(&e))?;
        }
        if let Some(ticks) = ticks {
            self.store_mut().set_epoch_deadline(ticks);
        }
        Ok(())
    }

    /// Turns a failed call into an [`Error`] (naming the memory limit when it refused to grow
    /// the memory), and after an outermost call puts the shadow-stack pointer back: a trap or
    /// abort skips the module's own restore, and every leaked frame brings the stack closer to
    /// overflowing into static data (see `stack`).
    #[cold]
    #[inline(never)]
    fn call_failed(&mut self, e: wasmtime::Error) -> Error {
        let err = match self.store_mut().data_mut().cap_mut().take_refusal() {
            Some(limit) => Error::MemoryLimit { limit },
            None => Error::from_call(e),
        };
        if self.is_outermost()
            && let Some((sp, rest)) = self.rt().stack()
        {
            // Cannot fail: the global is the module's own mutable i32.
            let _ = sp.set(self.store_mut(), wasmtime::Val::I32(rest));
        }
        err
    }

    /// In GC-stress mode, runs a full collection: before every allocation, and before a call
    /// when nothing was allocated since the last one returned (a collection between lowering
    /// the last argument and the call would free that argument, which no real collection can:
    /// nothing runs in the module in between). Outermost calls only: the minimal runtime must
    /// not collect while wasm frames are active.
    #[cold]
    fn stress(&mut self, before_alloc: bool) -> Result<()> {
        if !self.rt().options().gc_stress || !self.is_outermost() || !(before_alloc || self.rt().stress_due()) {
            return Ok(());
        }
        self.rt_mut().set_stress_due(false);
        match self.exports().collect_fn("GC stress") {
            Ok(collect) => self.enter(collect, ()),
            Err(_) => Ok(()),
        }
    }

    /// Calls an export (resolved once, at instantiation), then releases the references held
    /// for this call. Traps and aborts come back as [`Error`]s. What the call returns is new:
    /// the lift budget starts afresh.
    #[inline]
    pub fn call<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        self.flush_released()?;
        let result = if self.rt().plain_calls() {
            // Nothing held, no per-call limits: the call alone.
            func.call(self.store_mut(), args).map_err(|e| self.call_failed(e))
        } else {
            self.call_with_extras(func, args)
        };
        self.reset_lift_budget();
        result
    }

    /// [`call`](Self::call) with per-call work: limits, GC stress, held arguments.
    #[inline(never)]
    fn call_with_extras<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        if self.rt().per_call() {
            self.stress(false)?;
        }
        let result = if !self.rt().has_held() { self.enter(func, args) } else { self.call_holding(func, args) };
        if self.rt().per_call() {
            self.rt_mut().set_stress_due(true);
        }
        result
    }

    /// [`call`](Self::call) with arguments held: they are released when it returns.
    fn call_holding<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        // Take this call's held arguments first: a nested call from an import function must
        // not release them.
        let held = self.rt_mut().take_held();
        let result = self.enter(func, args);
        let released = self.unpin_all(&held);
        self.rt_mut().put_held_buffer(held);
        let value = result?;
        released?;
        Ok(value)
    }

    /// Unpins each of `ptrs` once (failures are kept for a retry); the first failure is
    /// reported.
    fn unpin_all(&mut self, ptrs: &[u32]) -> Result<()> {
        let mut released = Ok(());
        for &ptr in ptrs {
            if let Err(e) = self.unpin(ptr) {
                released = released.and(Err(e));
            }
        }
        released
    }

    /// Lowers the arguments of one call with `lower`: if it fails, the arguments it already
    /// [`hold`](Self::hold)s are released at once (a call that never happens cannot release
    /// them). Generated bindings lower every call's arguments this way.
    pub fn lower_args<T>(&mut self, lower: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let result = lower(self);
        if result.is_err() && self.rt().has_held() {
            let held = self.rt_mut().take_held();
            // The lowering error is the one to report; a failed unpin is retried later.
            let _ = self.unpin_all(&held);
            self.rt_mut().put_held_buffer(held);
        }
        result
    }

    /// Sets the number of arguments actually passed to the next call of an export with
    /// optional parameters (`__setArgumentsLength`; see [`count_arguments`]). Call it right
    /// before [`call`](Self::call), after lowering the arguments: lowering calls into the
    /// module and may clobber it.
    pub fn set_arguments_length(&mut self, n: u32) -> Result<()> {
        let f = self.exports().set_arguments_length_fn("calling an export with optional parameters")?;
        self.enter(f, n as i32)
    }

    /// Allocates a managed object of `size` bytes with runtime id `id`, zero-filled (the minimal
    /// and stub runtimes do not zero). The pointer is unpinned: store or pin it before the
    /// next allocation.
    ///
    /// Used by generated bindings; not a stable API. By hand, allocate values with
    /// [`lower`](Self::lower), [`lower_str`](Self::lower_str), [`new_array`](Self::new_array) and
    /// friends.
    #[doc(hidden)]
    pub fn alloc(&mut self, size: u32, id: u32) -> Result<u32> {
        let ptr = self.new_object(size, id)?;
        self.bytes_mut(ptr, size)?.fill(0);
        Ok(ptr)
    }

    /// Like [`alloc`](Self::alloc) without zeroing: the payload, bounds-checked, for the caller
    /// to overwrite whole before anything else can run.
    pub(crate) fn alloc_unfilled(&mut self, size: u32, id: u32) -> Result<(u32, &mut [u8])> {
        let ptr = self.new_object(size, id)?;
        Ok((ptr, self.bytes_mut(ptr, size)?))
    }

    /// `__new(size, id)`, checked to be non-null.
    fn new_object(&mut self, size: u32, id: u32) -> Result<u32> {
        self.flush_released()?;
        if self.rt().per_call() {
            self.stress(true)?;
        }
        let new = self.exports().new_fn("passing a managed value into the module")?;
        let ptr = self.enter(new, (size, id))?;
        if ptr == 0 {
            return Err(Error::InvalidValue("__new returned null".into()));
        }
        Ok(ptr)
    }

    /// Pins `ptr` for the host (once per object, reference-counted). Null is a no-op; a pointer
    /// that is not a live object is an [`Error::NotAnObject`].
    pub(crate) fn pin(&mut self, ptr: u32) -> Result<()> {
        if ptr == 0 || !self.rt_mut().pins_mut().acquire(ptr) {
            return Ok(());
        }
        // Only what is a live object is pinned: see `header`.
        let pinned = match self.check_object(ptr).and_then(|()| self.exports().pin_fn("keeping an object alive")) {
            Ok(pin) => self.enter(pin, ptr),
            Err(e) => Err(e),
        };
        if pinned.is_err() {
            self.rt_mut().pins_mut().forget(ptr);
        }
        pinned.map(drop)
    }

    /// Releases one [`pin`](Self::pin) of `ptr` now; if `__unpin` fails, the next flush tries
    /// again.
    pub(crate) fn unpin(&mut self, ptr: u32) -> Result<()> {
        if ptr != 0 && self.rt_mut().pins_mut().release(ptr) {
            let unpinned = match self.exports().unpin_fn("releasing an object") {
                Ok(unpin) => self.enter(unpin, ptr),
                Err(e) => Err(e),
            };
            if unpinned.is_err() {
                self.rt_mut().retry_unpin(ptr);
            }
            unpinned?;
        }
        Ok(())
    }

    /// Pins `ptr` through the pin table, outside any handle: for code that manages object
    /// lifetimes itself (benchmarks, runtime tests). Each `raw_pin` needs exactly one
    /// [`raw_unpin`](Self::raw_unpin); handles of the same object keep their own counts.
    ///
    /// Not a stable API: keep objects alive with handles ([`lift_ref`](Self::lift_ref)) or for
    /// one call with [`hold`](Self::hold).
    #[doc(hidden)]
    pub fn raw_pin(&mut self, ptr: u32) -> Result<()> {
        self.pin(ptr)?;
        if ptr != 0 {
            self.rt_mut().pins_mut().mark_raw(ptr);
        }
        Ok(())
    }

    /// Releases one [`raw_pin`](Self::raw_pin) of `ptr`. Releasing an object that has no
    /// `raw_pin` left is an [`Error::Argument`], never an unpin under a live handle.
    #[doc(hidden)]
    pub fn raw_unpin(&mut self, ptr: u32) -> Result<()> {
        if ptr == 0 {
            return Ok(());
        }
        if !self.rt_mut().pins_mut().unmark_raw(ptr) {
            return Err(Error::Argument(format!("raw_unpin({ptr:#x}) without a matching raw_pin")));
        }
        self.unpin(ptr)
    }

    /// Pins `ptr` until the next [`call`](Self::call) returns: how earlier reference arguments
    /// survive the allocations of later ones (AS_ABI §8.9). Lower the arguments inside
    /// [`lower_args`](Self::lower_args) so that they are released if lowering fails.
    pub fn hold(&mut self, ptr: u32) -> Result<u32> {
        if ptr != 0 {
            self.pin(ptr)?;
            self.rt_mut().push_held(ptr);
        }
        Ok(ptr)
    }

    /// Runs `f` with `ptr` pinned, unpinning it afterwards whatever `f` returns.
    pub(crate) fn with_pinned<R>(&mut self, ptr: u32, f: impl FnOnce(&mut Self) -> Result<R>) -> Result<R> {
        self.pin(ptr)?;
        let result = f(self);
        let unpinned = self.unpin(ptr);
        let value = result?;
        unpinned?;
        Ok(value)
    }

    /// Runs a full garbage collection (`__collect`).
    pub fn collect(&mut self) -> Result<()> {
        self.flush_released()?;
        let f = self.exports().collect_fn("collecting garbage")?;
        self.enter(f, ())
    }
}
