//! `cargo bench -p asbind-bench --bench micro [-- --quick] [-- --no-node] [-- NAME...]`
//!
//! The marshalling microbenchmarks of issue 9: each case of `micro/cases.json` timed on the
//! same `micro.wasm` through a hand-written raw wasmtime host (`micro/raw.rs`), asbind's
//! generated bindings (`micro/host.rs`), AssemblyScript's JS glue under Node
//! (`micro/node_micro.mjs`), and for large values a plain memcpy of the same bytes; one
//! markdown table with the ratios. NAME arguments keep the cases whose name contains one.
//!
//! An own small harness rather than criterion or divan: the point is the ratios of columns
//! measured side by side in one run (samples interleaved across raw, asbind and memcpy, so load
//! changes hit them alike) next to a Node column from another process, printed as one table;
//! both crates report each benchmark on its own, and neither is in the offline registry here.
//!
//! Without `--bench` (as `cargo test --benches` runs it) every case runs a few times on both
//! hosts and is checked, nothing is timed.

#[path = "micro/mod.rs"]
mod micro;
#[path = "micro/node.rs"]
mod node;
#[path = "micro/timing.rs"]
mod timing;

use std::hint::black_box;
use std::process::ExitCode;

use asbind_bench::Result;
use micro::cases::{self, Case};
use micro::host::{AsbindMicro, Micro};
use micro::raw::RawMicro;
use micro::run::{self, Output, Prepared};
use timing::{Plan, Sampler};

/// One measured row, ns per call.
struct Row {
    case: Case,
    raw: f64,
    asbind: f64,
    memcpy: Option<f64>,
}

/// Runs one case on a host once and checks the result.
fn check<H: Micro>(h: &mut H, host: &str, case: &Case, p: &Prepared, want: &Output) -> Result<()> {
    let got = run::call(h, p)?;
    if &got != want {
        let show = |o: &Output| format!("{o:?}").chars().take(200).collect::<String>();
        return Err(format!("{}: {host} returned {} instead of {}", case.name, show(&got), show(want)).into());
    }
    Ok(())
}

/// `bytes` copied with `copy_from_slice` (memcpy) into a buffer placed half a page away from the
/// source modulo 4 KiB: on some CPUs (this AMD EPYC VM) glibc's `rep movsb` copies up to 25×
/// slower when the destination lies just above the source modulo 4 KiB, and the column is the
/// floor, not that accident.
fn memcpy_sampler(bytes: usize) -> Sampler<'static> {
    let src: Vec<u8> = (0..bytes).map(|i| i as u8).collect();
    let mut dst = vec![0u8; bytes + 4096];
    let off = (src.as_ptr() as usize + 2048).wrapping_sub(dst.as_ptr() as usize) % 4096;
    Box::new(move |iters| {
        for _ in 0..iters {
            dst[off..off + bytes].copy_from_slice(black_box(&src));
            black_box(&mut dst);
        }
        Ok(())
    })
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock")).unwrap_or_default();
    let wasmtime = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"wasmtime\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .map_or("?".into(), |v| v.trim_matches('"').to_string());
    let build = if cfg!(debug_assertions) { "debug build" } else { "optimized build" };
    format!("{cpus} CPUs ({model}), wasmtime {wasmtime}, {build}")
}

fn print_table(rows: &[Row], node: Option<&node::NodeRun>) {
    let ratio = |a: f64, b: Option<f64>| b.map_or("-".to_string(), |b| format!("{:.2}", a / b));
    println!("| case | raw | asbind | asbind/raw | node | asbind/node | memcpy |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let node_ns = node.and_then(|n| n.ns.get(&r.case.name).copied());
        let smallest = [Some(r.raw), Some(r.asbind), node_ns, r.memcpy].into_iter().flatten().fold(f64::MAX, f64::min);
        let unit = timing::unit(smallest);
        let cell = |v: Option<f64>| v.map_or("-".to_string(), |v| timing::format(v, unit));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.case.label,
            cell(Some(r.raw)),
            cell(Some(r.asbind)),
            ratio(r.asbind, Some(r.raw)),
            cell(node_ns),
            ratio(r.asbind, node_ns),
            cell(r.memcpy)
        );
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let timed = args.iter().any(|a| a == "--bench");
    let quick = args.iter().any(|a| a == "--quick");
    let no_node = args.iter().any(|a| a == "--no-node");
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let cases: Vec<Case> = cases::load()?
        .into_iter()
        .filter(|c| filters.is_empty() || filters.iter().any(|f| c.name.contains(f.as_str())))
        .collect();

    let mut asbind = AsbindMicro::new()?;
    let mut raw = RawMicro::new(AsbindMicro::compiled()?.wasmtime())?;
    let string_id = asbind.module().instance().abi().string_id();
    let plan = Plan::new(quick);
    let mut rows = Vec::new();
    for (slot, case) in cases.iter().enumerate() {
        let slot = slot as i32;
        let (pr, pa) = (run::prepare(&mut raw, case, slot)?, run::prepare(&mut asbind, case, slot)?);
        let want = run::expected(case, string_id);
        check(&mut raw, "raw", case, &pr, &want)?;
        check(&mut asbind, "asbind", case, &pa, &want)?;
        if !timed {
            run::run(&mut raw, &pr, 3)?;
            run::run(&mut asbind, &pa, 3)?;
            println!("{}: ok", case.name);
            continue;
        }
        eprintln!("{} ...", case.name);
        let mut columns: Vec<Sampler<'_>> =
            vec![Box::new(|n| run::run(&mut raw, &pr, n)), Box::new(|n| run::run(&mut asbind, &pa, n))];
        if case.memcpy {
            columns.push(memcpy_sampler(cases::payload_bytes(case)));
        }
        let ns = timing::measure(&mut columns, plan)?;
        rows.push(Row { case: case.clone(), raw: ns[0], asbind: ns[1], memcpy: ns.get(2).copied() });
    }
    if !timed {
        return Ok(());
    }
    let node = if no_node {
        None
    } else {
        let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
        node::run(&names, quick)?
    };
    let node_version = node.as_ref().map_or("not run".to_string(), |n| n.version.clone());
    println!(
        "Marshalling microbenchmarks: median per call ({} samples of ~{} ms and at least {} calls); {}; Node {node_version}",
        plan.samples,
        plan.target.as_millis(),
        plan.min_iters,
        machine()
    );
    println!();
    print_table(&rows, node.as_ref());
    Ok(())
}

fn main() -> ExitCode {
    match real_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
