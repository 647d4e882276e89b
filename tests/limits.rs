//! Limits an untrusted module runs under, each shown on a real AssemblyScript module where one
//! can show it (and on a hand-written module that never returns, for the deadlines):
//!
//! * the lift budget stops amplified values (many slots pointing at one large string) before
//!   the host allocates them;
//! * the memory limit stops growth; fuel and epoch deadlines stop runaway calls; each with its
//!   own error, after which the instance still works;
//! * a failed call leaves the shadow stack as it was, so 100 000 aborts in a row all abort
//!   cleanly (AssemblyScript itself leaks a frame per abort: 8192 used to exhaust it);
//! * a panic in an import is an error, unpins that fail are retried, and arguments held for a
//!   call whose lowering failed are released at once;
//! * GC-stress mode collects before calls and allocations.

mod common;

use std::time::{Duration, Instant};

use asbind::wasmtime::Engine;
use asbind::{Ctx, EpochTicker, Error, HostResult, Imports, Instance, Module, Result};
use common::values::Values;

fn values_with(imports: Imports) -> Values {
    Values::from_module(&common::module("values"), imports).unwrap()
}

fn engine(fuel: bool, epochs: bool) -> Engine {
    let mut config = asbind::engine_config();
    config.consume_fuel(fuel).epoch_interruption(epochs);
    Engine::new(&config).unwrap()
}

/// A module that exports a memory, a function that never returns and one that does.
const SPINNER: &str = r#"(module
  (memory (export "memory") 1)
  (func (export "spin") (loop $l (br $l)))
  (func (export "answer") (result i32) (i32.const 42)))"#;

fn spinner(engine: &Engine, imports: Imports) -> Result<Instance> {
    let module = Module::with_engine(engine, wat::parse_str(SPINNER).unwrap())?;
    Instance::with_imports(&module, imports, ())
}

/// Writes `value` at `addr` of the instance's memory.
fn poke(inst: &mut Instance, addr: u32, value: u32) {
    let wasm = *inst.wasmtime();
    let memory = wasm.get_memory(inst.store_mut(), "memory").unwrap();
    memory.data_mut(inst.store_mut())[addr as usize..addr as usize + 4].copy_from_slice(&value.to_le_bytes());
}

fn peek(inst: &Instance, addr: u32) -> u32 {
    inst.reader().unwrap().u32(addr).unwrap()
}

#[test]
fn lift_budget_stops_amplified_arrays() {
    let mut v = values_with(Imports::new());
    let inst = v.instance_mut();
    // 10 000 slots, then every slot pointed at one string of 1 MiB code units (2 MiB in the
    // module, 1 MiB as UTF-8): 10 GB to lift from 22 MB of module memory.
    let slots: Vec<&str> = vec!["x"; 10_000];
    let mut cx = inst.ctx();
    let array_id = cx.array_id::<String>(asbind::ArrayKind::Array).unwrap();
    let arr = cx.lower_array_of(&slots, array_id).unwrap();
    cx.hold(arr).unwrap();
    assert_eq!(cx.lift::<Vec<String>>(arr).unwrap().len(), 10_000, "the honest array lifts");
    let big = cx.lower_str(&"a".repeat(1 << 20)).unwrap();
    let data = peek(inst, arr + 4);
    for i in 0..10_000 {
        poke(inst, data + 4 * i, big);
    }
    let mut cx = inst.ctx();
    let e = cx.lift::<Vec<String>>(arr).unwrap_err();
    let Error::LiftBudget { limit, needed } = e else { panic!("expected LiftBudget, got {e:?}") };
    assert_eq!(limit, asbind::DEFAULT_LIFT_BUDGET);
    assert!(needed > limit && needed < limit + (2 << 20), "fails at the first string over: {needed}");
    assert!(e.to_string().contains("Imports::lift_budget"), "{e}");
    // A smaller budget, set on the instance: fails sooner; the budget starts afresh per call.
    inst.set_lift_budget(8 << 20);
    let mut cx = inst.ctx();
    assert!(matches!(cx.lift::<Vec<String>>(arr), Err(Error::LiftBudget { limit: 0x80_0000, .. })));
    // Each context starts with the whole budget.
    assert_eq!(inst.ctx().lift_string(big).unwrap().len(), 1 << 20, "one string fits");
    // The budget is per call: after one, it is whole again.
    let neg = inst.func::<i32, i32>("neg_i32").unwrap();
    assert_eq!(inst.call(&neg, 1).unwrap(), -1);
    let mut cx = inst.ctx();
    for _ in 0..8 {
        cx.lift_string(big).unwrap();
    }
    assert!(matches!(cx.lift_string(big), Err(Error::LiftBudget { .. })), "9 MiB is over");
    assert_eq!(v.concat("a", "b").unwrap(), "ab", "the instance is unaffected");
}

#[test]
fn lift_budget_counts_host_memory_of_every_kind() {
    let imports = Imports::new().lift_budget(1000);
    let mut v = values_with(imports);
    assert_eq!(v.instance().lift_budget(), 1000);
    // 100 ASCII bytes, 300 UTF-8 bytes: fine; 1001 bytes: not.
    assert_eq!(v.repeat_string("a", 1000).unwrap().len(), 1000);
    assert!(matches!(v.repeat_string("a", 1001), Err(Error::LiftBudget { limit: 1000, needed: 1001 })));
    assert!(matches!(v.repeat_string("é", 501), Err(Error::LiftBudget { needed: 1002, .. })));
    // A Float64Array of 126 elements is 1008 bytes on the host.
    assert_eq!(v.twice_f64(&[1.0; 125]).unwrap().len(), 125);
    assert!(matches!(v.twice_f64(&[1.0; 126]), Err(Error::LiftBudget { needed: 1008, .. })));
}

#[test]
fn memory_limit_stops_growth_and_the_instance_goes_on() {
    let imports = Imports::new().memory_limit(4 << 20);
    let mut v = values_with(imports);
    // 60 MB of string: the allocator cannot grow the memory.
    let e = v.repeat_string("abc", 10_000_000).unwrap_err();
    assert!(matches!(e, Error::MemoryLimit { limit: 0x40_0000 }), "{e:?}");
    assert!(e.to_string().contains("Imports::memory_limit"), "{e}");
    assert_eq!(v.concat("still ", "here").unwrap(), "still here");
    assert_eq!(v.repeat_string("ab", 1000).unwrap().len(), 2000, "smaller allocations still fit");
    // A limit below the module's initial memory refuses to instantiate.
    let imports = Imports::new().memory_limit(0);
    let e = Values::from_module(&common::module("values"), imports).err().expect("no room for the memory");
    assert!(matches!(e, Error::MemoryLimit { limit: 0 }), "{e:?}");
}

#[test]
fn fuel_stops_runaway_calls() {
    let engine = engine(true, false);
    let imports = Imports::new().fuel(1_000_000);
    let mut inst = spinner(&engine, imports).unwrap();
    let spin = inst.func::<(), ()>("spin").unwrap();
    let answer = inst.func::<(), i32>("answer").unwrap();
    let e = inst.call(&spin, ()).unwrap_err();
    assert!(matches!(e, Error::OutOfFuel), "{e:?}");
    assert!(e.to_string().contains("Imports::fuel"), "{e}");
    // Each call starts with the full budget again.
    assert_eq!(inst.call(&answer, ()).unwrap(), 42);
    assert!(inst.fuel_left().unwrap() > 999_000);
    // On a real module: an allocation-heavy call stops, and the instance keeps working.
    let module = Module::with_engine(&engine, std::fs::read(common::fixture("values.wasm")).unwrap()).unwrap();
    let imports = Imports::new().fuel(2_000_000);
    let mut v = Values::from_module(&module, imports).unwrap();
    assert!(matches!(v.repeat_string("abc", 10_000_000), Err(Error::OutOfFuel)));
    assert_eq!(v.concat("a", "b").unwrap(), "ab");
    v.instance_mut().set_fuel(Some(10)).unwrap();
    assert!(matches!(v.concat("a", "b"), Err(Error::OutOfFuel)));
    v.instance_mut().set_fuel(Some(1_000_000)).unwrap();
    assert_eq!(v.concat("c", "d").unwrap(), "cd");
}

#[test]
fn limits_need_an_engine_that_enforces_them() {
    let default = asbind::default_engine();
    let imports = Imports::new().fuel(10);
    let e = spinner(default, imports).unwrap_err();
    assert!(matches!(&e, Error::Argument(m) if m.contains("consume_fuel(true)")), "{e}");
    let imports = Imports::new().epoch_deadline(10);
    let e = spinner(default, imports).unwrap_err();
    assert!(matches!(&e, Error::Argument(m) if m.contains("epoch_interruption(true)")), "{e}");
    let mut inst = spinner(default, Imports::new()).unwrap();
    assert!(matches!(inst.set_fuel(Some(1)), Err(Error::Argument(_))));
    assert!(matches!(inst.set_epoch_deadline(Some(1)), Err(Error::Argument(_))));
    // An engine with epochs but no deadline asked for runs without one.
    let mut inst = spinner(&engine(false, true), Imports::new()).unwrap();
    let answer = inst.func::<(), i32>("answer").unwrap();
    assert_eq!(inst.call(&answer, ()).unwrap(), 42);
}

#[test]
fn epoch_deadline_stops_a_call_that_never_returns() {
    let engine = engine(false, true);
    let _ticker = EpochTicker::start(&engine, Duration::from_millis(5)).unwrap();
    let imports = Imports::new().epoch_deadline(20);
    let mut inst = spinner(&engine, imports).unwrap();
    let spin = inst.func::<(), ()>("spin").unwrap();
    let answer = inst.func::<(), i32>("answer").unwrap();
    let started = Instant::now();
    let e = inst.call(&spin, ()).unwrap_err();
    assert!(matches!(e, Error::DeadlineExceeded), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(30), "stopped: {:?}", started.elapsed());
    // The deadline is per call: the next call gets its own.
    assert_eq!(inst.call(&answer, ()).unwrap(), 42);
    assert!(matches!(inst.call(&spin, ()), Err(Error::DeadlineExceeded)));
}

fn stdlib(imports: Imports) -> Instance {
    Instance::with_imports(&common::module("stdlib"), imports, ()).unwrap()
}

#[test]
fn the_shadow_stack_pointer_is_exported() {
    // The incremental runtime (the default) keeps managed locals on a shadow stack.
    for name in ["stdlib", "values", "hello", "records", "classes", "vector3d"] {
        let module = common::module(name);
        assert!(module.wasmtime().get_export("asbind:stack_pointer").is_some(), "{name}");
    }
    // The minimal and stub runtimes have none (they never scan the stack), nor has a module
    // that is not AssemblyScript's: they are compiled as they are.
    for name in ["values_minimal", "values_stub"] {
        assert!(common::module(name).wasmtime().get_export("asbind:stack_pointer").is_none(), "{name}");
    }
    let module = Module::new(wat::parse_str(SPINNER).unwrap()).unwrap();
    assert!(module.wasmtime().get_export("asbind:stack_pointer").is_none());
}

#[test]
fn aborts_do_not_leak_the_shadow_stack() {
    let mut inst = stdlib(Imports::new());
    let fail = inst.func::<u32, ()>("fail").unwrap();
    let check = inst.func::<i32, i32>("check_positive").unwrap();
    let recurse = inst.func::<i32, i32>("recurse").unwrap();
    // AssemblyScript leaks 4 bytes of its 32 KiB shadow stack per abort of `fail`: without the
    // restore, the 8193rd abort was a stack overflow.
    for i in 0..100_000 {
        let mut cx = inst.ctx();
        let msg = cx.lower_str("boom").unwrap();
        match cx.call(&fail, msg).unwrap_err() {
            Error::Abort { message: Some(m), .. } if m == "boom" => {}
            other => panic!("abort {i} was {other:?}"),
        }
    }
    // Unbounded recursion overflows, cleanly, and leaves nothing behind either.
    for _ in 0..100 {
        assert!(matches!(inst.call(&recurse, 1), Err(Error::Abort { .. } | Error::Trap { .. })));
    }
    assert_eq!(inst.call(&check, 5).unwrap(), 5);
    assert!(matches!(inst.call(&check, -1), Err(Error::Abort { message: Some(_), .. })));
    inst.flush_released().unwrap();
    assert_eq!(inst.pinned_count(), 0);
}

#[test]
fn a_panicking_import_is_an_error() {
    let imports =
        Imports::new().func("env", "abort", |_: &mut Ctx<'_>, _: u32, _: u32, _: u32, _: u32| -> HostResult<()> {
            panic!("host bug")
        });
    let mut inst = stdlib(imports);
    let fail = inst.func::<u32, ()>("fail").unwrap();
    let check = inst.func::<i32, i32>("check_positive").unwrap();
    for _ in 0..3 {
        let mut cx = inst.ctx();
        let msg = cx.lower_str("boom").unwrap();
        let e = cx.call(&fail, msg).unwrap_err();
        assert!(matches!(&e, Error::Host { name, .. } if name == "env.abort"), "{e:?}");
        assert_eq!(e.to_string(), "host function env.abort: panicked: host bug");
    }
    assert_eq!(inst.call(&check, 7).unwrap(), 7);
}

#[test]
fn failed_unpins_are_retried() {
    let engine = engine(true, false);
    let module = Module::with_engine(&engine, std::fs::read(common::fixture("values.wasm")).unwrap()).unwrap();
    let mut v = Values::from_module(&module, Imports::new()).unwrap();
    let counters = v.counters(3).unwrap();
    assert_eq!(v.instance().pinned_count(), 3);
    drop(counters);
    // Too little fuel for `__unpin`: every unpin fails, and stays queued.
    v.instance_mut().set_fuel(Some(2)).unwrap();
    assert!(matches!(v.instance_mut().flush_released(), Err(Error::OutOfFuel)));
    assert_eq!(v.instance().pinned_count(), 3, "still pinned in the module, and counted");
    assert!(matches!(v.instance_mut().flush_released(), Err(Error::OutOfFuel)));
    v.instance_mut().set_fuel(Some(1_000_000)).unwrap();
    v.instance_mut().flush_released().unwrap();
    assert_eq!(v.instance().pinned_count(), 0);
    assert_eq!(v.concat("a", "b").unwrap(), "ab");
}

#[test]
fn held_arguments_are_released_when_lowering_fails() {
    let imports = Imports::new().memory_limit(2 << 20);
    let mut v = values_with(imports);
    // `concat` holds `a` while it allocates `b`, which cannot fit.
    let e = v.concat("held", &"b".repeat(4 << 20)).unwrap_err();
    assert!(matches!(e, Error::MemoryLimit { .. }), "{e:?}");
    assert_eq!(v.instance().pinned_count(), 0, "`a` was released with the failed lowering");
    assert_eq!(v.concat("x", "y").unwrap(), "xy");
}

/// Whether the block of the object at `ptr` is free (TLSF `mmInfo` bit 0, 20 bytes below).
fn is_free(inst: &Instance, ptr: u32) -> bool {
    peek(inst, ptr - 20) & 1 == 1
}

#[test]
fn gc_stress_collects_before_calls_and_allocations() {
    // The minimal runtime only collects when asked: in stress mode, asbind asks.
    for stress in [false, true] {
        let imports = Imports::new().gc_stress(stress);
        let mut inst = Instance::with_imports(&common::module("values_minimal"), imports, ()).unwrap();
        let neg = inst.func::<i32, i32>("neg_i32").unwrap();
        let garbage = inst.ctx().lower_str("unreachable").unwrap();
        // The first call after an allocation does not collect (what was allocated may be its
        // argument); the next one does.
        assert_eq!(inst.call(&neg, 3).unwrap(), -3);
        assert!(!is_free(&inst, garbage));
        assert_eq!(inst.call(&neg, 4).unwrap(), -4);
        assert_eq!(is_free(&inst, garbage), stress, "stress {stress}: collected before the call");
        // Before an allocation too.
        let garbage = inst.ctx().lower_str("more garbage").unwrap();
        inst.ctx().lower_str(&"allocates".repeat(100)).unwrap();
        // Freed, or freed and reused by that allocation.
        let intact =
            !is_free(&inst, garbage) && inst.ctx().lift_string(garbage).ok().as_deref() == Some("more garbage");
        assert_eq!(intact, !stress, "stress {stress}: collected before __new");
    }
}

#[test]
fn gc_stress_keeps_what_the_host_holds() {
    let imports = Imports::new().gc_stress(true);
    let mut v = Values::from_module(&common::module("values_minimal"), imports).unwrap();
    let words = ["alpha", "beta", "gamma"];
    assert_eq!(v.join_strings(&words, ", ").unwrap(), "alpha, beta, gamma");
    assert_eq!(v.concat("a", "b").unwrap(), "ab");
    let counters = v.counters(5).unwrap();
    v.collect().unwrap();
    assert_eq!(v.concat("c", "d").unwrap(), "cd");
    drop(counters);
    v.instance_mut().flush_released().unwrap();
    assert_eq!(v.instance().pinned_count(), 0);
}

asbind::include!("fixtures/imports.wasm");

/// A host whose imports misbehave on request.
struct Moody {
    name: String,
    fail_add: bool,
    panic_add: bool,
}

impl imports::Host for Moody {
    fn log_message(&mut self, _msg: &str) -> HostResult<()> {
        Ok(())
    }
    fn get_name(&mut self) -> HostResult<String> {
        Ok(self.name.clone())
    }
    fn add(&mut self, a: i32, b: i32) -> HostResult<i32> {
        if self.panic_add {
            panic!("add panicked");
        }
        if self.fail_add {
            // `?` on the host's own error type (not asbind's): asbind names the import.
            Err(std::io::Error::other("disk on fire"))?;
        }
        Ok(a + b)
    }
    fn scale(&mut self, values: &[f64], k: f64) -> HostResult<Vec<f64>> {
        Ok(values.iter().map(|v| v * k).collect())
    }
}

#[test]
fn memory_growing_inside_an_import_during_a_call() {
    let host = Moody { name: "n".repeat(4 << 20), fail_add: false, panic_add: false };
    let mut m = imports::Module::new(host).unwrap();
    let before = m.instance().reader().unwrap().bytes().len();
    // The import's result (8 MiB in the module) is allocated while `greet` runs.
    let greeting = m.greet("you").unwrap();
    assert_eq!(greeting.len(), "Hello, you from !".len() + (4 << 20));
    assert!(m.instance().reader().unwrap().bytes().len() > before + (8 << 20), "memory grew during the call");
    let values: Vec<f64> = (0..1_000_000).map(f64::from).collect();
    assert_eq!(m.scale_via_host(&values, 2.0).unwrap(), 999_999_000_000.0);
    assert_eq!(m.add_via_host(2, 3).unwrap(), 10);
}

#[test]
fn failing_and_panicking_imports_end_the_call_cleanly() {
    let host = Moody { name: "Rust".into(), fail_add: true, panic_add: false };
    let mut m = imports::Module::new(host).unwrap();
    for _ in 0..3 {
        let e = m.add_via_host(1, 2).unwrap_err();
        assert_eq!(e.to_string(), "host function host.add: disk on fire");
    }
    m.host_mut().fail_add = false;
    m.host_mut().panic_add = true;
    let e = m.add_via_host(1, 2).unwrap_err();
    assert!(matches!(&e, Error::Host { name, .. } if name == "host.add"), "{e:?}");
    assert_eq!(e.to_string(), "host function host.add: panicked: add panicked");
    m.host_mut().panic_add = false;
    assert_eq!(m.add_via_host(1, 2).unwrap(), 6);
    assert_eq!(m.greet("again").unwrap(), "Hello, again from Rust!");
    assert_eq!(m.instance().pinned_count(), 0);
}
