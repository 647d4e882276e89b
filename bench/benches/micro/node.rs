//! The Node column: `micro/node_micro.mjs` times the same cases through AssemblyScript's glue.

use std::collections::HashMap;
use std::process::Command;

use asbind_bench::Result;

use crate::micro::cases::micro_dir;

/// What the Node script measured.
pub struct NodeRun {
    /// `node --version`.
    pub version: String,
    /// Median ns per call, by case name.
    pub ns: HashMap<String, f64>,
}

/// Runs the script on `cases` (names); `None` with a note on stderr if `node` is not on PATH.
pub fn run(cases: &[&str], quick: bool) -> Result<Option<NodeRun>> {
    let mut cmd = Command::new("node");
    cmd.arg(micro_dir().join("node_micro.mjs"));
    if quick {
        cmd.arg("--quick");
    }
    for name in cases {
        cmd.arg("--case").arg(name);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("note: node not run ({e}): the node column is skipped");
            return Ok(None);
        }
    };
    if !out.status.success() {
        return Err(format!("node_micro.mjs failed:\n{}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let mut run = NodeRun { version: String::new(), ns: HashMap::new() };
    for line in String::from_utf8(out.stdout)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        if let Some(version) = v["node"].as_str() {
            run.version = version.to_string();
        } else {
            let name = v["case"].as_str().ok_or("node: a line without `case`")?;
            run.ns.insert(name.to_string(), v["ns"].as_f64().ok_or("node: a line without `ns`")?);
        }
    }
    Ok(Some(run))
}
