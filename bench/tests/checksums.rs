//! The asbind and hand-written wasmtime hosts agree with each other and with Node (through the
//! committed `pathfinder/node_checksum.json`, written by `node_host.mjs --checksum 16`), and a few
//! paths are sane; with Node on PATH, the committed file is checked against a live run too.

use asbind_bench::{AsbindHost, Checksum, Data, Host, RawHost, pairs, pathfinder_dir, same_polygon};

const K: usize = 16;

struct NodeChecksum {
    k: usize,
    pairs: Checksum,
    same_polygon_calls: usize,
    same_polygon: Checksum,
}

fn node_checksum() -> NodeChecksum {
    let text = std::fs::read_to_string(pathfinder_dir().join("node_checksum.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let c = |floats: &str, sum: &str| Checksum { floats: v[floats].as_u64().unwrap(), sum: v[sum].as_f64().unwrap() };
    NodeChecksum {
        k: v["k"].as_u64().unwrap() as usize,
        pairs: c("floats", "sum"),
        same_polygon_calls: v["same_polygon_calls"].as_u64().unwrap() as usize,
        same_polygon: c("same_polygon_floats", "same_polygon_sum"),
    }
}

fn hosts(data: &Data) -> (AsbindHost, RawHost) {
    let mut a = AsbindHost::new().unwrap();
    a.init(data).unwrap();
    let mut r = RawHost::new().unwrap();
    r.init(data).unwrap();
    (a, r)
}

#[test]
fn asbind_raw_and_node_agree() {
    let data = Data::load().unwrap();
    let (mut a, mut r) = hosts(&data);
    let node = node_checksum();
    assert_eq!(node.k, K, "node_checksum.json is for another k");

    let pa = pairs(&mut a, &data, K).unwrap();
    let pr = pairs(&mut r, &data, K).unwrap();
    println!("k={K}: asbind {pa}; raw {pr}; node {}", node.pairs);
    assert_eq!(pa, pr, "asbind and raw wasmtime disagree");
    assert_eq!(pa, node.pairs, "asbind and Node disagree");
    assert!(pa.floats >= (K * K * 6) as u64, "every pair has a path of at least two points");

    let queries = data.same_polygon_queries(node.same_polygon_calls);
    let sa = same_polygon(&mut a, &queries).unwrap();
    let sr = same_polygon(&mut r, &queries).unwrap();
    assert_eq!(sa, sr);
    assert_eq!(sa, node.same_polygon);
    assert_eq!(sa.floats, 6 * queries.len() as u64, "same-polygon paths are two points");
}

#[test]
fn paths_start_and_end_at_the_query_points() {
    let data = Data::load().unwrap();
    let (mut a, mut r) = hosts(&data);
    for (i, j) in [(0, 1), (1, 0), (2, 7), (5, 9), (11, 3), (15, 14)] {
        let (s, e) = (data.point(i), data.point(j));
        let path = a.search_path(s, e).unwrap();
        assert_eq!(path, r.search_path(s, e).unwrap(), "pair ({i}, {j})");
        assert!(path.len() >= 6 && path.len() % 3 == 0, "pair ({i}, {j}): {path:?}");
        assert_eq!(path[..3], s, "pair ({i}, {j}) starts at the start");
        assert_eq!(path[path.len() - 3..], e, "pair ({i}, {j}) ends at the end");
        // Never shorter than the straight line.
        let length: f64 = path
            .chunks_exact(3)
            .zip(path.chunks_exact(3).skip(1))
            .map(|(p, q)| ((q[0] - p[0]) as f64).hypot((q[2] - p[2]) as f64))
            .sum();
        let direct = ((e[0] - s[0]) as f64).hypot((e[2] - s[2]) as f64);
        assert!(length >= direct - 1e-3, "pair ({i}, {j}): {length} < {direct}");
    }
}

#[test]
fn same_polygon_paths_are_exactly_start_end() {
    let data = Data::load().unwrap();
    let (mut a, mut r) = hosts(&data);
    for (s, e) in data.same_polygon_queries(200) {
        let expected: Vec<f32> = s.iter().chain(e.iter()).copied().collect();
        assert_eq!(a.search_path(s, e).unwrap(), expected);
        assert_eq!(r.search_path(s, e).unwrap(), expected);
    }
    // A point to itself.
    let p = data.point(0);
    assert_eq!(a.search_path(p, p).unwrap(), [p, p].concat());
}

#[test]
fn outside_the_mesh_is_empty() {
    let data = Data::load().unwrap();
    let (mut a, mut r) = hosts(&data);
    let inside = data.point(0);
    for outside in [[1.0e6, 0.0, 1.0e6], [-1.0e6, 0.0, 0.0], [f32::NAN, 0.0, 0.0]] {
        assert!(a.search_path(inside, outside).unwrap().is_empty());
        assert!(a.search_path(outside, inside).unwrap().is_empty());
        assert!(r.search_path(outside, inside).unwrap().is_empty());
    }
}

/// The committed Node checksum still matches a live Node run (skipped, with a note, without Node).
#[test]
fn node_checksum_file_matches_live_node() {
    let script = pathfinder_dir().join("node_host.mjs");
    let out = match std::process::Command::new("node").arg(&script).args(["--checksum", "16", "--check"]).output() {
        Ok(out) => out,
        Err(e) => {
            println!("note: node not available ({e}); compared against the committed node_checksum.json only");
            return;
        }
    };
    assert!(
        out.status.success(),
        "node_checksum.json is stale (rerun `node bench/pathfinder/node_host.mjs --checksum 16`):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
