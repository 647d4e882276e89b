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
    /// Unpins objects whose last handle was dropped since the previous call.
    ///
    /// Used by generated bindings; not a stable API. Every call does this first; to do it
    /// without a call, use [`Instance::flush_released`](crate::instance::Instance::flush_released).
    #[doc(hidden)]
    #[inline]
    pub fn flush_released(&mut self) -> Result<()> {
        if self.rt().handles().has_pending() { self.apply_handle_ops() } else { Ok(()) }
    }

    /// Applies what handles did and unpins what they released: every unpin is tried, the first
    /// failure is reported.
    #[inline(never)]
    fn apply_handle_ops(&mut self) -> Result<()> {
        let ptrs = self.rt_mut().apply_handle_ops();
        let mut result = Ok(());
        if !ptrs.is_empty() {
            match self.exports().unpin_fn("unpinning a dropped handle") {
                Ok(unpin) => {
                    for &ptr in &ptrs {
                        if let Err(e) = unpin.call(self.store_mut(), ptr) {
                            result = result.and(Err(Error::from_call(e)));
                        }
                    }
                }
                Err(e) => result = Err(e),
            }
        }
        self.rt_mut().put_unpin_buffer(ptrs);
        result
    }

    /// Calls an export (resolved once, at instantiation), then releases the references held
    /// for this call. Traps and aborts come back as [`Error`]s.
    #[inline]
    pub fn call<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        self.flush_released()?;
        if !self.rt().has_held() {
            return func.call(self.store_mut(), args).map_err(Error::from_call);
        }
        self.call_holding(func, args)
    }

    /// [`call`](Self::call) with arguments held: they are released when it returns.
    fn call_holding<P: WasmParams, R: WasmResults>(&mut self, func: &TypedFunc<P, R>, args: P) -> Result<R> {
        // Take this call's held arguments first: a nested call from an import function must
        // not release them.
        let held = self.rt_mut().take_held();
        let result = func.call(self.store_mut(), args).map_err(Error::from_call);
        let mut released = Ok(());
        for &ptr in &held {
            if let Err(e) = self.unpin(ptr) {
                released = released.and(Err(e));
            }
        }
        self.rt_mut().put_held_buffer(held);
        let value = result?;
        released?;
        Ok(value)
    }

    /// Sets the number of arguments actually passed to the next call of an export with
    /// optional parameters (`__setArgumentsLength`; see [`count_arguments`]). Call it right
    /// before [`call`](Self::call), after lowering the arguments: lowering calls into the
    /// module and may clobber it.
    pub fn set_arguments_length(&mut self, n: u32) -> Result<()> {
        let f = self.exports().set_arguments_length_fn("calling an export with optional parameters")?;
        f.call(self.store_mut(), n as i32).map_err(Error::from_call)
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
        let new = self.exports().new_fn("passing a managed value into the module")?;
        let ptr = new.call(self.store_mut(), (size, id)).map_err(Error::from_call)?;
        if ptr == 0 {
            return Err(Error::InvalidValue("__new returned null".into()));
        }
        Ok(ptr)
    }

    /// Pins `ptr` for the host (once per object, reference-counted). Null is a no-op; a pointer
    /// that is not a live object is an [`Error::NotAnObject`].
    ///
    /// Used by generated bindings; not a stable API. By hand, keep an object alive with a
    /// handle ([`lift_ref`](Self::lift_ref)) or for one call with [`hold`](Self::hold).
    #[doc(hidden)]
    pub fn pin(&mut self, ptr: u32) -> Result<()> {
        if ptr == 0 || !self.rt_mut().pins_mut().acquire(ptr) {
            return Ok(());
        }
        // Only what is a live object is pinned: see `header`.
        let pinned = match self.check_object(ptr).and_then(|()| self.exports().pin_fn("keeping an object alive")) {
            Ok(pin) => pin.call(self.store_mut(), ptr).map_err(Error::from_call),
            Err(e) => Err(e),
        };
        if pinned.is_err() {
            self.rt_mut().pins_mut().forget(ptr);
        }
        pinned.map(drop)
    }

    /// Releases one [`pin`](Self::pin) of `ptr` now.
    ///
    /// Used by generated bindings; not a stable API (handles unpin when dropped).
    #[doc(hidden)]
    pub fn unpin(&mut self, ptr: u32) -> Result<()> {
        if ptr != 0 && self.rt_mut().pins_mut().release(ptr) {
            let unpin = self.exports().unpin_fn("releasing an object")?;
            unpin.call(self.store_mut(), ptr).map_err(Error::from_call)?;
        }
        Ok(())
    }

    /// Pins `ptr` until the next [`call`](Self::call) returns: how earlier reference arguments
    /// survive the allocations of later ones (AS_ABI §8.9).
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
        f.call(self.store_mut(), ()).map_err(Error::from_call)
    }
}
