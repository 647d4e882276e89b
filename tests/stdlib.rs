//! The standard `env` imports on `fixtures/stdlib.wasm`: trace, seed, clocks, console, and
//! errors (abort with message, assertion, bounds check, trap, stack overflow).

mod common;

use std::sync::{Arc, Mutex};

use asbind::{Console, Error, Imports, Instance};

type Lines = Arc<Mutex<Vec<(Console, String)>>>;

fn instance(seed: f64) -> (Instance, Lines) {
    let lines: Lines = Arc::default();
    let sink = lines.clone();
    let imports = Imports::new()
        .seed(seed)
        .clock(|| 1_700_000_000_000.0)
        .on_console(move |kind, msg| sink.lock().unwrap().push((kind, msg.into())));
    (Instance::with_imports(&common::module("stdlib"), imports, ()).unwrap(), lines)
}

#[test]
fn trace_and_console_reach_the_sink() {
    let (mut inst, lines) = instance(1.0);
    let trace = inst.func::<(), ()>("do_trace").unwrap();
    inst.call(&trace, ()).unwrap();
    let log_all = inst.func::<u32, ()>("log_all").unwrap();
    let mut cx = inst.ctx();
    let s = cx.lower_str("hi").unwrap();
    cx.call(&log_all, s).unwrap();
    assert_eq!(
        *lines.lock().unwrap(),
        vec![
            (Console::Trace, "trace: tracing 1.5, 2.5".to_string()),
            (Console::Log, "log: hi".into()),
            (Console::Debug, "debug: hi".into()),
            (Console::Info, "info: hi".into()),
            (Console::Warn, "warn: hi".into()),
            (Console::Error, "error: hi".into()),
        ]
    );
}

#[test]
fn seed_and_clocks() {
    let random = |seed| {
        let (mut inst, _) = instance(seed);
        let f = inst.func::<i32, u32>("random_values").unwrap();
        let mut cx = inst.ctx();
        let p = cx.call(&f, 8).unwrap();
        cx.lift_vec::<f64>(p).unwrap()
    };
    let a = random(42.0);
    assert!(a.iter().all(|x| (0.0..1.0).contains(x)));
    assert_eq!(a, random(42.0));
    assert_ne!(a, random(43.0));

    let (mut inst, _) = instance(1.0);
    let now = inst.func::<(), f64>("now").unwrap();
    assert_eq!(inst.call(&now, ()).unwrap(), 1_700_000_000_000.0);
    let perf = inst.func::<(), f64>("perf_now").unwrap();
    let t1 = inst.call(&perf, ()).unwrap();
    let t2 = inst.call(&perf, ()).unwrap();
    assert!(t1 >= 0.0 && t2 >= t1, "{t1} {t2}");

    // Without a fixed seed every instance gets its own.
    let unseeded = || {
        let mut inst = Instance::new(&common::module("stdlib")).unwrap();
        let f = inst.func::<i32, u32>("random_values").unwrap();
        let mut cx = inst.ctx();
        let p = cx.call(&f, 4).unwrap();
        cx.lift_vec::<f64>(p).unwrap()
    };
    assert_ne!(unseeded(), unseeded());
}

#[test]
fn abort_carries_message_file_line_and_column() {
    let (mut inst, _) = instance(1.0);
    let fail = inst.func::<u32, ()>("fail").unwrap();
    let mut cx = inst.ctx();
    let msg = cx.lower_str("boom").unwrap();
    match cx.call(&fail, msg).unwrap_err() {
        Error::Abort { message, file, line, column } => {
            assert_eq!(message.as_deref(), Some("boom"));
            assert_eq!(file.as_deref(), Some("src/stdlib.ts"));
            assert!(line > 0 && column > 0);
        }
        other => panic!("expected an abort, got {other}"),
    }

    let check = inst.func::<i32, i32>("check_positive").unwrap();
    assert_eq!(inst.call(&check, 3).unwrap(), 3, "usable after an abort");
    let err = inst.call(&check, -1).unwrap_err();
    assert!(matches!(&err, Error::Abort { message: Some(m), .. } if m == "x must be positive"), "{err}");

    let index = inst.func::<i32, i32>("index_array").unwrap();
    assert_eq!(inst.call(&index, 2).unwrap(), 30);
    let err = inst.call(&index, 3).unwrap_err();
    assert!(err.to_string().starts_with("AssemblyScript abort: Index out of range in ~lib/"), "{err}");
}

#[test]
fn traps_have_a_code_and_a_backtrace() {
    let (mut inst, _) = instance(1.0);
    let trap = inst.func::<(), ()>("trap_unreachable").unwrap();
    match inst.call(&trap, ()).unwrap_err() {
        Error::Trap { code, backtrace, .. } => {
            assert_eq!(code, Some(asbind::wasmtime::Trap::UnreachableCodeReached));
            assert!(backtrace.is_some_and(|b| b.contains("trap_unreachable")), "backtrace names the function");
        }
        other => panic!("expected a trap, got {other}"),
    }
    let recurse = inst.func::<i32, i32>("recurse").unwrap();
    match inst.call(&recurse, 1).unwrap_err() {
        Error::Trap { code, .. } => assert_eq!(code, Some(asbind::wasmtime::Trap::StackOverflow)),
        Error::Abort { message, .. } => assert!(message.is_some_and(|m| m.contains("stack")), "shadow stack overflow"),
        other => panic!("expected a stack overflow, got {other}"),
    }
}
