//! Load: several threads, each with its own instances of one compiled module, call a mix of
//! exports (strings, arrays, records, handles, and one call that aborts) for a fixed time.
//! Afterwards every pin table is empty and no instance's memory grew after the warm-up.
//!
//! The run is short by default (a few seconds, for the test suite); set `ASBIND_LOAD_SECS`,
//! `ASBIND_LOAD_THREADS` and `ASBIND_LOAD_INSTANCES` for a real load run:
//! `ASBIND_LOAD_SECS=60 ASBIND_LOAD_INSTANCES=50 cargo test --release --test load -- --nocapture`.

mod common;

use std::time::{Duration, Instant};

use asbind::{Error, Imports};
use common::values::{Point, Values};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// What one thread did.
#[derive(Debug, Default)]
struct Tally {
    calls: u64,
    aborts: u64,
    /// Memory sizes of the thread's instances after the warm-up and at the end.
    memory_after_warmup: Vec<usize>,
    memory_at_end: Vec<usize>,
    pins_left: usize,
}

/// One round of calls on `v`; returns how many calls it made and how many aborted.
fn round(v: &mut Values, i: u64) -> asbind::Result<(u64, u64)> {
    let s = format!("word{i}");
    assert_eq!(v.concat(&s, "!")?, format!("{s}!"));
    assert_eq!(v.split_words("a b c")?, ["a", "b", "c"]);
    assert_eq!(v.join_strings(&["x", &s], "-")?, format!("x-{s}"));
    assert_eq!(v.twice_f64(&[1.0, 2.5])?, [2.0, 5.0]);
    let c = v.counter_new(i as i32)?;
    assert_eq!(v.counter_bump(&c, 2)?, i as i32 + 2);
    let cs = v.counters(3)?;
    assert_eq!(v.sum_counters(&cs)?, 3, "counters 0, 1 and 2");
    let p = v.centroid(&[Point { x: 0.0, y: 0.0 }, Point { x: 2.0, y: 4.0 }])?;
    assert_eq!((p.x, p.y), (1.0, 2.0));
    // A call that aborts (a negative length), every round.
    let aborted = match v.static_squares(-1) {
        Err(Error::Abort { .. }) => 1,
        other => panic!("static_squares(-1) should abort, got {other:?}"),
    };
    Ok((10, aborted))
}

fn memory_size(v: &Values) -> usize {
    v.instance().reader().unwrap().bytes().len()
}

#[test]
fn many_instances_under_load_leak_nothing() {
    let secs = env("ASBIND_LOAD_SECS", 3);
    let threads = env("ASBIND_LOAD_THREADS", 2);
    let per_thread = env("ASBIND_LOAD_INSTANCES", 4) as usize;
    let module = common::module("values");
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let warmup = started + Duration::from_secs(secs) / 3;
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let module = module.clone();
                scope.spawn(move || {
                    let mut instances: Vec<Values> =
                        (0..per_thread).map(|_| Values::from_module(&module, Imports::new()).unwrap()).collect();
                    let mut tally = Tally::default();
                    let mut i = 0u64;
                    while Instant::now() < deadline {
                        for v in &mut instances {
                            let (calls, aborts) = round(v, i).unwrap();
                            tally.calls += calls;
                            tally.aborts += aborts;
                        }
                        i += 1;
                        if tally.memory_after_warmup.is_empty() && Instant::now() >= warmup {
                            tally.memory_after_warmup = instances.iter().map(memory_size).collect();
                        }
                    }
                    for v in &mut instances {
                        v.instance_mut().flush_released().unwrap();
                        tally.pins_left += v.instance().pinned_count();
                    }
                    tally.memory_at_end = instances.iter().map(memory_size).collect();
                    tally
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker thread")).collect()
    });
    let calls: u64 = tallies.iter().map(|t| t.calls).sum();
    let aborts: u64 = tallies.iter().map(|t| t.aborts).sum();
    let pins: usize = tallies.iter().map(|t| t.pins_left).sum();
    let before: usize = tallies.iter().flat_map(|t| &t.memory_after_warmup).sum();
    let after: usize = tallies.iter().flat_map(|t| &t.memory_at_end).sum();
    println!(
        "load: {threads} threads x {per_thread} instances, {:.1} s: {calls} calls ({aborts} aborted), \
         {pins} pins left, memory {before} -> {after} bytes after warm-up",
        started.elapsed().as_secs_f64()
    );
    assert!(aborts > 0 && calls > aborts * 5, "the mix ran: {calls} calls");
    assert_eq!(pins, 0, "every pin table is empty");
    for t in &tallies {
        assert_eq!(t.memory_after_warmup, t.memory_at_end, "memory stopped growing after the warm-up");
    }
}
