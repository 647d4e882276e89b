//! `cargo run --release -p asbind-bench --bin pathfinder [-- --quick] [-- --runs N] [-- --no-node]`
//!
//! Runs the Path Finder workload on asbind's bindings and on hand-written wasmtime in-process, and
//! on AssemblyScript's JS glue under Node (`pathfinder/node_host.mjs`, if `node` is on PATH);
//! prints the median of the runs per row and host, the ratios, and the checksums, and exits 1 if
//! the hosts disagree.
//!
//! Start-up rows: `module` loads navmesh.wasm (compiling it, or for asbind loading the artifact
//! `asbind::include!` precompiled at build time), `instance: 1st` instantiates it once (asbind
//! links the imports then), `instance: Nth` is the mean of [`INSTANCES`] more instances of the
//! same module (asbind reuses the linked imports: pre-instantiation), `instance: Nth, relinked`
//! (asbind only) the same with the imports linked anew for each instance (`InstancePre::new` each
//! time, at the runtime level: no pre-instantiation), `init` passes the mesh in
//! and builds the navmesh, and `start-up` adds module + 1st instance + init. The raw and Node
//! hosts have no precompiled module: in the rows marked `*` their columns repeat the compile
//! figures, so the ratios compare asbind's precompiled start-up with theirs.

use std::collections::BTreeMap;
use std::process::{Command, ExitCode};
use std::time::Instant;

use asbind_bench::{
    AsbindHost, Checksum, Data, Host, KS, RawHost, Result, SAME_POLYGON_CALLS, load_module, pairs, pathfinder_dir,
    same_polygon,
};

/// Instances made for the `instance: Nth` row (the Node host makes as many).
const INSTANCES: usize = 64;

/// The start-up rows, in table order; the workload rows follow.
mod row {
    pub const MODULE: usize = 0;
    pub const MODULE_PRE: usize = 1;
    pub const FIRST: usize = 2;
    pub const NTH: usize = 3;
    pub const RELINKED: usize = 4;
    pub const INIT: usize = 5;
    pub const STARTUP: usize = 6;
    pub const STARTUP_PRE: usize = 7;
    /// The first workload row.
    pub const PAIRS: usize = 8;
}

/// One row of the table: its label, and per host the times (ms) of every run and the checksum.
#[derive(Default)]
struct Row {
    label: String,
    times: BTreeMap<&'static str, Vec<f64>>,
    sums: BTreeMap<&'static str, Vec<Checksum>>,
}

struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn row(&mut self, index: usize, label: &str) -> &mut Row {
        while self.rows.len() <= index {
            self.rows.push(Row::default());
        }
        let row = &mut self.rows[index];
        row.label = label.to_string();
        row
    }

    fn record(&mut self, index: usize, label: &str, host: &'static str, ms: f64, sum: Option<Checksum>) {
        let row = self.row(index, label);
        row.times.entry(host).or_default().push(ms);
        if let Some(sum) = sum {
            row.sums.entry(host).or_default().push(sum);
        }
    }
}

fn labels(ks: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = [
        "module: compile",
        "module: precompiled *",
        "instance: 1st (links)",
        "instance: Nth (mean of 64)",
        "instance: Nth, relinked",
        "init",
        "start-up: compile",
        "start-up: precompiled *",
    ]
    .map(String::from)
    .to_vec();
    out.extend(ks.iter().map(|k| format!("{} pairs (k={k})", k * k)));
    out.push(format!("{SAME_POLYGON_CALLS} same-polygon"));
    out
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Start-up times of one host, in ms (the `*` rows take `module_pre`).
struct Startup {
    module: f64,
    module_pre: f64,
    first: f64,
    nth: f64,
    /// asbind only: an instance with its imports linked anew.
    relinked: Option<f64>,
}

impl Startup {
    /// Records the start-up rows, given the host's `init` time.
    fn record(&self, host: &'static str, init: f64, labels: &[String], table: &mut Table) {
        let rows = [
            (row::MODULE, self.module),
            (row::MODULE_PRE, self.module_pre),
            (row::FIRST, self.first),
            (row::NTH, self.nth),
            (row::STARTUP, self.module + self.first + init),
            (row::STARTUP_PRE, self.module_pre + self.first + init),
        ];
        for (i, ms) in rows {
            table.record(i, &labels[i], host, ms, None);
        }
        if let Some(ms) = self.relinked {
            table.record(row::RELINKED, &labels[row::RELINKED], host, ms, None);
        }
    }
}

/// asbind's start-up: compile and, separately, load the precompiled artifact; the first
/// instance of the loaded module, then [`INSTANCES`] more. Returns the instance to run on.
fn asbind_startup() -> Result<(AsbindHost, Startup)> {
    let t = Instant::now();
    let compiled = load_module(false)?;
    let module = ms_since(t);
    drop(compiled);
    let t = Instant::now();
    let loaded = load_module(true)?;
    let module_pre = ms_since(t);
    let t = Instant::now();
    let host = AsbindHost::with_module(&loaded)?;
    let first = ms_since(t);
    let t = Instant::now();
    let more: Vec<AsbindHost> = (0..INSTANCES).map(|_| AsbindHost::with_module(&loaded)).collect::<Result<_>>()?;
    let nth = ms_since(t) / INSTANCES as f64;
    drop(more);
    let t = Instant::now();
    let more: Vec<asbind::Instance> = (0..INSTANCES)
        .map(|_| asbind::InstancePre::<()>::new(&loaded)?.instantiate(asbind::Imports::new(), ()))
        .collect::<asbind::Result<_>>()?;
    let relinked = Some(ms_since(t) / INSTANCES as f64);
    drop(more);
    Ok((host, Startup { module, module_pre, first, nth, relinked }))
}

/// The raw host's start-up, as it is: compile, then a linker and an instance per instance.
fn raw_startup(engine: &asbind::wasmtime::Engine, wasm: &[u8]) -> Result<(RawHost, Startup)> {
    let t = Instant::now();
    let module = asbind::wasmtime::Module::new(engine, wasm)?;
    let compile = ms_since(t);
    let t = Instant::now();
    let host = RawHost::with_module(engine, &module)?;
    let first = ms_since(t);
    let t = Instant::now();
    let more: Vec<RawHost> = (0..INSTANCES).map(|_| RawHost::with_module(engine, &module)).collect::<Result<_>>()?;
    let nth = ms_since(t) / INSTANCES as f64;
    drop(more);
    Ok((host, Startup { module: compile, module_pre: compile, first, nth, relinked: None }))
}

/// Runs the workload on `host`; returns its `init` time (ms).
fn run_rust(
    host: &mut dyn Host,
    data: &Data,
    queries: &[([f32; 3], [f32; 3])],
    ks: &[usize],
    table: &mut Table,
) -> Result<f64> {
    let labels = labels(ks);
    let name = host.name();
    let t = Instant::now();
    host.init(data)?;
    let init = ms_since(t);
    table.record(row::INIT, &labels[row::INIT], name, init, None);
    for (i, &k) in ks.iter().enumerate() {
        let t = Instant::now();
        let sum = pairs(host, data, k)?;
        table.record(row::PAIRS + i, &labels[row::PAIRS + i], name, ms_since(t), Some(sum));
    }
    let same = row::PAIRS + ks.len();
    let t = Instant::now();
    let sum = same_polygon(host, queries)?;
    table.record(same, &labels[same], name, ms_since(t), Some(sum));
    Ok(init)
}

/// Runs node_host.mjs; `None` (with a note) if Node is not there.
fn run_node(runs: usize, quick: bool, ks: &[usize], table: &mut Table) -> Result<bool> {
    let script = pathfinder_dir().join("node_host.mjs");
    let mut cmd = Command::new("node");
    cmd.arg(&script).arg("--runs").arg(runs.to_string());
    if quick {
        cmd.arg("--quick");
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("note: node not run ({e}); the Node column is empty");
            return Ok(false);
        }
    };
    if !out.status.success() {
        return Err(format!("node_host.mjs failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let labels = labels(ks);
    let mut startup = Startup { module: 0.0, module_pre: 0.0, first: 0.0, nth: 0.0, relinked: None };
    for line in String::from_utf8(out.stdout)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let ms = v["ms"].as_f64().ok_or("node: no ms")?;
        let sum = || -> Result<Checksum> {
            Ok(Checksum {
                floats: v["floats"].as_u64().ok_or("node: no floats")?,
                sum: v["sum"].as_f64().ok_or("node: no sum")?,
            })
        };
        match v["row"].as_str() {
            // Each run prints compile, instance_first, instance_nth, then init.
            Some("compile") => (startup.module, startup.module_pre) = (ms, ms),
            Some("instance_first") => startup.first = ms,
            Some("instance_nth") => startup.nth = ms,
            Some("init") => {
                table.record(row::INIT, &labels[row::INIT], "node", ms, None);
                startup.record("node", ms, &labels, table);
            }
            Some("pairs") => {
                let k = v["k"].as_u64().ok_or("node: no k")? as usize;
                let i = ks.iter().position(|&x| x == k).ok_or("node: unexpected k")?;
                table.record(row::PAIRS + i, &labels[row::PAIRS + i], "node", ms, Some(sum()?));
            }
            Some("same_polygon") => {
                let same = row::PAIRS + ks.len();
                table.record(same, &labels[same], "node", ms, Some(sum()?))
            }
            other => return Err(format!("node: unexpected row {other:?}").into()),
        }
    }
    Ok(true)
}

fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(ms) if ms < 0.1 => format!("{ms:.4}"),
        Some(ms) if ms < 10.0 => format!("{ms:.2}"),
        Some(ms) => format!("{ms:.1}"),
        None => "-".into(),
    }
}

fn fmt_ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "-".into(),
    }
}

fn main() -> ExitCode {
    match real_main() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> Result<bool> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let no_node = args.iter().any(|a| a == "--no-node");
    let runs = match args.iter().position(|a| a == "--runs") {
        Some(i) => args.get(i + 1).ok_or("--runs N")?.parse()?,
        None if quick => 1,
        None => 3,
    };
    let ks: Vec<usize> = if quick { KS.iter().copied().filter(|&k| k <= 64).collect() } else { KS.to_vec() };

    let data = Data::load()?;
    let queries = data.same_polygon_queries(SAME_POLYGON_CALLS);
    let mut table = Table { rows: Vec::new() };
    let wasm = std::fs::read(pathfinder_dir().join("navmesh.wasm"))?;
    // The engines exist before anything is timed (made once per process, like Node's).
    let engine = asbind::wasmtime::Engine::default();
    asbind::default_engine();
    let labels = labels(&ks);
    for run in 0..runs {
        eprintln!("run {}/{runs}: asbind", run + 1);
        let (mut host, startup) = asbind_startup()?;
        let init = run_rust(&mut host, &data, &queries, &ks, &mut table)?;
        startup.record("asbind", init, &labels, &mut table);
        eprintln!("run {}/{runs}: raw wasmtime", run + 1);
        let (mut host, startup) = raw_startup(&engine, &wasm)?;
        let init = run_rust(&mut host, &data, &queries, &ks, &mut table)?;
        startup.record("raw", init, &labels, &mut table);
    }
    let node = if no_node {
        false
    } else {
        eprintln!("node: {runs} run(s)");
        run_node(runs, quick, &ks, &mut table)?
    };

    println!(
        "Path Finder navmesh ({} polygons, {} points used), median of {runs} run(s), ms",
        data.sizes.len(),
        ks.last().unwrap()
    );
    println!();
    println!(
        "| {:<26} | {:>9} | {:>9} | {:>9} | {:>11} | {:>12} |",
        "row", "asbind", "raw", "node", "asbind/raw", "asbind/node"
    );
    println!("|{:-<28}|{:->11}|{:->11}|{:->11}|{:->13}|{:->14}|", "", "", "", "", "", "");
    for row in &table.rows {
        let m = |h: &str| row.times.get(h).and_then(|v| median(v));
        let (a, r, n) = (m("asbind"), m("raw"), m("node"));
        println!(
            "| {:<26} | {:>9} | {:>9} | {:>9} | {:>11} | {:>12} |",
            row.label,
            fmt_ms(a),
            fmt_ms(r),
            fmt_ms(n),
            fmt_ratio(a, r),
            fmt_ratio(a, n)
        );
    }
    println!();
    println!("Checksums (path floats, sum of all coordinates):");
    let mut agree = true;
    for row in table.rows.iter().filter(|r| !r.sums.is_empty()) {
        let all: Vec<(&str, Checksum)> = row.sums.iter().flat_map(|(h, v)| v.iter().map(move |c| (*h, *c))).collect();
        let first = all[0].1;
        let same = all.iter().all(|(_, c)| *c == first);
        agree &= same;
        let hosts: Vec<&str> = row.sums.keys().copied().collect();
        if same {
            println!("  {:<26} {first}  ({} agree)", row.label, hosts.join(", "));
        } else {
            println!("  {:<26} MISMATCH:", row.label);
            for (h, c) in &all {
                println!("    {h}: {c}");
            }
        }
    }
    if !node && !no_node {
        println!("  (Node not run)");
    }
    println!();
    println!("* raw and node have no precompiled module: their figures there are the compile ones.");
    Ok(agree)
}
