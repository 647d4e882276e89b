//! `cargo run --release -p asbind-bench --bin pathfinder [-- --quick] [-- --runs N] [-- --no-node]`
//!
//! Runs the Path Finder workload on asbind's bindings and on hand-written wasmtime in-process, and
//! on AssemblyScript's JS glue under Node (`pathfinder/node_host.mjs`, if `node` is on PATH);
//! prints the median of the runs per row and host, the ratios, and the checksums, and exits 1 if
//! the hosts disagree.

use std::collections::BTreeMap;
use std::process::{Command, ExitCode};
use std::time::Instant;

use asbind_bench::{
    AsbindHost, Checksum, Data, Host, KS, RawHost, Result, SAME_POLYGON_CALLS, pairs, pathfinder_dir, same_polygon,
};

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
    let mut out = vec!["init".to_string()];
    out.extend(ks.iter().map(|k| format!("{} pairs (k={k})", k * k)));
    out.push(format!("{SAME_POLYGON_CALLS} same-polygon"));
    out
}

fn run_rust(
    host: &mut dyn Host,
    data: &Data,
    queries: &[([f32; 3], [f32; 3])],
    ks: &[usize],
    table: &mut Table,
) -> Result<()> {
    let labels = labels(ks);
    let name = host.name();
    let t = Instant::now();
    host.init(data)?;
    table.record(0, &labels[0], name, t.elapsed().as_secs_f64() * 1e3, None);
    for (i, &k) in ks.iter().enumerate() {
        let t = Instant::now();
        let sum = pairs(host, data, k)?;
        table.record(i + 1, &labels[i + 1], name, t.elapsed().as_secs_f64() * 1e3, Some(sum));
    }
    let t = Instant::now();
    let sum = same_polygon(host, queries)?;
    table.record(ks.len() + 1, &labels[ks.len() + 1], name, t.elapsed().as_secs_f64() * 1e3, Some(sum));
    Ok(())
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
            Some("init") => table.record(0, &labels[0], "node", ms, None),
            Some("pairs") => {
                let k = v["k"].as_u64().ok_or("node: no k")? as usize;
                let i = ks.iter().position(|&x| x == k).ok_or("node: unexpected k")?;
                table.record(i + 1, &labels[i + 1], "node", ms, Some(sum()?));
            }
            Some("same_polygon") => table.record(ks.len() + 1, &labels[ks.len() + 1], "node", ms, Some(sum()?)),
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
    let wasm = pathfinder_dir().join("navmesh.wasm");
    let engine = asbind::wasmtime::Engine::default();
    let raw_module = asbind::wasmtime::Module::from_file(&engine, &wasm)?;
    for run in 0..runs {
        eprintln!("run {}/{runs}: asbind", run + 1);
        let mut host = AsbindHost::new()?;
        run_rust(&mut host, &data, &queries, &ks, &mut table)?;
        eprintln!("run {}/{runs}: raw wasmtime", run + 1);
        let mut host = RawHost::with_module(&engine, &raw_module)?;
        run_rust(&mut host, &data, &queries, &ks, &mut table)?;
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
    Ok(agree)
}
