//! Pre-instantiation ([`InstancePre`]): a module's imports linked once, so that each instance
//! only creates its store and what is its own (memory, user data, the instance's imports).

use std::sync::Arc;

use wasmtime::{AsContextMut, Linker, Store};

use crate::error::{Error, Result};
use crate::imports::{HostFn, Imports, link_defaults, resolve};
use crate::module::Module;
use crate::state::{HostState, Runtime, init_runtime, init_stack};

/// A module with its imports linked: the standard functions it imports and the host functions
/// added with [`func`](InstancePre::func), resolved and type-checked once for every instance.
///
/// Each instance still gets its own store, memory, pin table, host state and user data `D`,
/// and the [`Imports`] given to [`instantiate`](InstancePre::instantiate) keep their meaning:
/// their console sink, seed, clock and string policy apply to that instance, and their
/// functions and globals override what is linked here (an instance with such imports links them
/// itself, as [`Instance::with_imports`](crate::instance::Instance::with_imports) always did).
///
/// [`Module::pre`] caches one per module and `D`; generated bindings use
/// [`Module::pre_with`] so their second instance costs little. Cloning is cheap.
pub struct InstancePre<D: 'static> {
    linked: Arc<Linked<D>>,
}

/// The linked state behind an [`InstancePre`].
struct Linked<D: 'static> {
    module: wasmtime::Module,
    linker: Linker<HostState<D>>,
    /// wasmtime's pre-instantiation, when the linker provides every import (no memory, table
    /// or global imports, which are per instance).
    pre: Option<wasmtime::InstancePre<HostState<D>>>,
}

impl<D: 'static> Clone for InstancePre<D> {
    fn clone(&self) -> Self {
        InstancePre { linked: self.linked.clone() }
    }
}

impl<D: 'static> Clone for Linked<D> {
    fn clone(&self) -> Self {
        Linked { module: self.module.clone(), linker: self.linker.clone(), pre: self.pre.clone() }
    }
}

fn link_error(e: wasmtime::Error) -> Error {
    Error::Instantiate(format!("{e:#}"))
}

impl<D: Send + 'static> InstancePre<D> {
    /// Links `module` with the standard functions it imports. Prefer [`Module::pre`], which
    /// does this once per module.
    pub fn new(module: &Module) -> Result<Self> {
        let module = module.wasmtime().clone();
        let mut linker = Linker::new(module.engine());
        // Functions added later replace the defaults.
        linker.allow_shadowing(true);
        link_defaults(&mut linker, &module).map_err(link_error)?;
        let mut linked = Linked { module, linker, pre: None };
        linked.prepare();
        Ok(InstancePre { linked: Arc::new(linked) })
    }

    /// Links a host function for import `module.field`, shared by every instance made from
    /// here (overriding a default): like [`Imports::func`], but linked once. The closure gets
    /// each instance's [`Ctx`](crate::ctx::Ctx), and through it that instance's data.
    pub fn func<Args, R>(&mut self, module: &str, field: &str, f: impl HostFn<D, Args, R>) -> Result<&mut Self> {
        if !self.linked.module.imports().any(|i| i.module() == module && i.name() == field) {
            log::debug!(target: "asbind", "import {module}.{field} was linked but the module does not import it");
            return Ok(self);
        }
        let linked = Arc::make_mut(&mut self.linked);
        f.link(&mut linked.linker, module, field).map_err(link_error)?;
        linked.prepare();
        Ok(self)
    }

    /// The store of a new instance, with the instance's [`Imports`] and data, and the wasmtime
    /// instance in it (its start function run); the runtime is initialised.
    pub(crate) fn instantiate_parts(
        &self,
        imports: Imports<D>,
        data: D,
    ) -> Result<(Store<HostState<D>>, wasmtime::Instance)> {
        let Linked { module, linker, pre } = &*self.linked;
        let (env, funcs, options) = imports.into_parts();
        let mut store = Store::new(module.engine(), HostState::new(Runtime::new(options.clone()), env, data));
        // Before anything runs: the start function is held to the limits too.
        crate::limits::apply(&mut store, &options)?;
        let instance = match pre {
            Some(pre) if funcs.is_empty() => pre.instantiate(&mut store),
            _ => {
                let externs = resolve(&mut store, module, funcs, linker)?;
                wasmtime::Instance::new(&mut store, module, &externs)
            }
        };
        let instance = instance.map_err(|e| {
            if let Some(limit) = store.data_mut().cap_mut().take_refusal() {
                Error::MemoryLimit { limit }
            } else if e.downcast_ref::<Error>().is_some() || e.downcast_ref::<wasmtime::Trap>().is_some() {
                Error::from_call(e)
            } else {
                Error::Instantiate(format!("{e:#}"))
            }
        })?;
        init_runtime(store.as_context_mut(), |s, name| instance.get_export(s, name))?;
        init_stack(store.as_context_mut(), &instance);
        Ok((store, instance))
    }
}

impl<D: 'static> Linked<D> {
    /// Pre-instantiates when the linker provides every import; otherwise each instance
    /// resolves the rest itself (and reports what is missing).
    fn prepare(&mut self) {
        self.pre = self.linker.instantiate_pre(&self.module).ok();
    }
}

impl Module {
    /// This module linked with the standard functions it imports, for instances with store data
    /// `D`: made on first use, then shared by this module and its clones. Every
    /// [`Instance::with_imports`](crate::instance::Instance::with_imports) goes through it.
    pub fn pre<D: Send + 'static>(&self) -> Result<InstancePre<D>> {
        /// The cache key of the defaults-only pre-instantiation (private: no `pre_with` shares it).
        struct Defaults;
        self.cached::<Defaults, _>(|| InstancePre::new(self))
    }

    /// This module linked with the standard functions and the host functions `link` adds
    /// ([`InstancePre::func`]), cached under the type `K`: `link` runs once per module and `K`.
    /// Generated bindings call it with their own `Module` type as `K`, to link their `Host`
    /// trait's functions once.
    pub fn pre_with<K: 'static, D: Send + 'static>(
        &self,
        link: impl FnOnce(&mut InstancePre<D>) -> Result<()>,
    ) -> Result<InstancePre<D>> {
        self.cached::<K, _>(|| {
            let mut pre = InstancePre::new(self)?;
            link(&mut pre)?;
            Ok(pre)
        })
    }
}

impl<D: 'static> std::fmt::Debug for InstancePre<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstancePre")
            .field("imports", &self.linked.module.imports().len())
            .field("pre_instantiated", &self.linked.pre.is_some())
            .finish()
    }
}
