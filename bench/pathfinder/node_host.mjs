// The Path Finder workload on navmesh.wasm through AssemblyScript's own JS glue (navmesh.js).
//
//   node bench/pathfinder/node_host.mjs [--runs N] [--quick]   one JSON line per measurement
//   node bench/pathfinder/node_host.mjs --checksum 16           write node_checksum.json (k = 16)
//   node bench/pathfinder/node_host.mjs --checksum 16 --check   exit 1 if node_checksum.json differs
//
// Measurements: `compile` (new WebAssembly.Module), `instance_first` and `instance_nth` (the glue's
// instantiate, once, then the mean of 64 more), `init` (lowering the three arrays and
// Navmesh__new), `pairs` for each k (k² searches between the first k points), `same_polygon`
// (65 536 searches whose start and end lie in one polygon: the per-call overhead). Checksums: the number of path floats and their sum (f64, summed
// in search order). The Rust hosts (src/) do exactly the same; `cargo run --release -p
// asbind-bench --bin pathfinder` runs this script and compares.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export const KS = [32, 64, 128, 196, 256];
export const SAME_POLYGON_CALLS = 65536;

function numbers(line) {
  return line.trim().split(/\s+/).map(Number);
}

export function loadData() {
  const lines = readFileSync(here("./data/map_01.txt"), "utf8").split("\n");
  const vertices = Float32Array.from(numbers(lines[0]));
  const polygons = Int32Array.from(numbers(lines[1]));
  const sizes = Int32Array.from(numbers(lines[2]));
  const points = Float32Array.from(numbers(readFileSync(here("./data/map_01_points.txt"), "utf8")));
  return { vertices, polygons, sizes, points };
}

/** Start and end of same-polygon query q: polygon q mod n, its centroid and the midpoint towards its first corner. */
export function samePolygonQueries({ vertices, polygons, sizes }, calls) {
  const first = [];
  let total = 0;
  for (const n of sizes) { first.push(total); total += n; }
  const out = new Float32Array(calls * 6);
  for (let q = 0; q < calls; q++) {
    const p = q % sizes.length, s = first[p], n = sizes[p];
    const c = [0, 0, 0];
    for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) c[d] += vertices[3 * polygons[s + i] + d];
    for (let d = 0; d < 3; d++) {
      const centroid = c[d] / n;
      out[6 * q + d] = centroid;
      out[6 * q + 3 + d] = (centroid + vertices[3 * polygons[s] + d]) / 2;
    }
  }
  return out;
}

async function importGlue() {
  // Imported from a data: URL: bench/ has no package.json with "type": "module".
  const source = readFileSync(here("./navmesh.js"), "utf8");
  const url = `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
  return (await import(url)).instantiate;
}

async function instantiate() {
  return (await importGlue())(new WebAssembly.Module(readFileSync(here("./navmesh.wasm"))), {});
}

/** Instances made for the `instance_nth` row (as many as the Rust hosts make). */
const INSTANCES = 64;

function pairs(glue, nav, points, k) {
  let floats = 0, sum = 0;
  for (let i = 0; i < k; i++) {
    const s = 3 * i;
    for (let j = 0; j < k; j++) {
      const e = 3 * j;
      const path = glue.Navmesh__m_search_path(nav, points[s], points[s + 1], points[s + 2], points[e], points[e + 1], points[e + 2]);
      floats += path.length;
      for (let t = 0; t < path.length; t++) sum += path[t];
    }
  }
  return { floats, sum };
}

function samePolygon(glue, nav, queries) {
  let floats = 0, sum = 0;
  for (let o = 0; o < queries.length; o += 6) {
    const path = glue.Navmesh__m_search_path(nav, queries[o], queries[o + 1], queries[o + 2], queries[o + 3], queries[o + 4], queries[o + 5]);
    floats += path.length;
    for (let t = 0; t < path.length; t++) sum += path[t];
  }
  return { floats, sum };
}

const args = process.argv.slice(2);
const data = loadData();
const checksumAt = args.indexOf("--checksum");
if (checksumAt >= 0) {
  const k = Number(args[checksumAt + 1] ?? 16);
  const glue = await instantiate();
  const nav = glue.Navmesh__new(data.vertices, data.polygons, data.sizes);
  const p = pairs(glue, nav, data.points, k);
  const calls = 1024;
  const s = samePolygon(glue, nav, samePolygonQueries(data, calls));
  const out = {
    note: "written by `node bench/pathfinder/node_host.mjs --checksum " + k + "`; tests/checksums.rs compares the Rust hosts against it",
    k, floats: p.floats, sum: p.sum,
    same_polygon_calls: calls, same_polygon_floats: s.floats, same_polygon_sum: s.sum,
  };
  const text = JSON.stringify(out, null, 2) + "\n";
  const file = here("./node_checksum.json");
  if (args.includes("--check")) {
    if (readFileSync(file, "utf8") !== text) {
      console.error(`node_checksum.json differs from this run: ${JSON.stringify(out)}`);
      process.exit(1);
    }
    console.log("node_checksum.json matches");
  } else {
    writeFileSync(file, text);
    console.log(JSON.stringify(out));
  }
} else {
  const quick = args.includes("--quick");
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : quick ? 1 : 3;
  const ks = quick ? KS.filter((k) => k <= 64) : KS;
  const queries = samePolygonQueries(data, SAME_POLYGON_CALLS);
  const glueInstantiate = await importGlue();
  const bytes = readFileSync(here("./navmesh.wasm"));
  for (let run = 0; run < runs; run++) {
    // Start-up: compile, the first instance, then the mean of INSTANCES more.
    let t = performance.now();
    const module = new WebAssembly.Module(bytes);
    console.log(JSON.stringify({ host: "node", run, row: "compile", ms: performance.now() - t }));
    t = performance.now();
    const glue = await glueInstantiate(module, {});
    console.log(JSON.stringify({ host: "node", run, row: "instance_first", ms: performance.now() - t }));
    t = performance.now();
    const more = [];
    for (let i = 0; i < INSTANCES; i++) more.push(await glueInstantiate(module, {}));
    console.log(JSON.stringify({ host: "node", run, row: "instance_nth", ms: (performance.now() - t) / INSTANCES }));
    more.length = 0;
    t = performance.now();
    const nav = glue.Navmesh__new(data.vertices, data.polygons, data.sizes);
    console.log(JSON.stringify({ host: "node", run, row: "init", ms: performance.now() - t }));
    for (const k of ks) {
      t = performance.now();
      const c = pairs(glue, nav, data.points, k);
      console.log(JSON.stringify({ host: "node", run, row: "pairs", k, searches: k * k, ms: performance.now() - t, floats: c.floats, sum: c.sum }));
    }
    t = performance.now();
    const c = samePolygon(glue, nav, queries);
    console.log(JSON.stringify({ host: "node", run, row: "same_polygon", searches: SAME_POLYGON_CALLS, ms: performance.now() - t, floats: c.floats, sum: c.sum }));
  }
}
