// A navigation mesh for the Path Finder benchmark (asbind's bench/pathfinder).
//
// The mesh lies in the x/z plane (y is carried through but not used for the search):
//   * polygons are convex; they are reoriented counter-clockwise in (x, z) on construction;
//   * adjacency: two polygons are neighbours when they share an edge (the same two vertex
//     indices); that edge is the portal between them;
//   * point location: a uniform grid over the mesh's bounding box, each cell listing the
//     polygons whose bounding box overlaps it, then a point-in-convex-polygon test;
//   * search: A* over the polygon graph. A node's position is its polygon's centroid, except the
//     start polygon (the start point) and the goal polygon (the end point); the cost of a step is
//     the distance between positions, the heuristic the distance to the end point. Open list: a
//     binary heap with lazy deletion;
//   * the path: the funnel algorithm ("string pulling") through the portals of the polygon chain.
//
// All arithmetic is f32 so every host that runs this module gets bit-identical paths.

// @ts-ignore: decorator
@inline
function cross(ax: f32, az: f32, bx: f32, bz: f32, cx: f32, cz: f32): f32 {
  // > 0 when c lies to the left of a -> b (x to the right, z up).
  return (bx - ax) * (cz - az) - (bz - az) * (cx - ax);
}

// @ts-ignore: decorator
@inline
function dist(ax: f32, az: f32, bx: f32, bz: f32): f32 {
  const dx = bx - ax, dz = bz - az;
  return Mathf.sqrt(dx * dx + dz * dz);
}

// @ts-ignore: decorator
@inline
function cellOf(x: f32, x0: f32, inv: f32, n: i32): i32 {
  return min(n - 1, max(0, <i32>Mathf.floor((x - x0) * inv)));
}

// @ts-ignore: decorator
@inline
function same(ax: f32, az: f32, bx: f32, bz: f32): bool {
  const dx = bx - ax, dz = bz - az;
  return dx * dx + dz * dz < <f32>1e-12;
}

/** Appends a corner to the path unless it repeats the last one (portals sharing the apex). */
function emit(out: Float32Array, m: i32, x: f32, y: f32, z: f32): i32 {
  const o = 3 * (m - 1);
  if (same(out[o], out[o + 2], x, z)) return m;
  out[3 * m] = x; out[3 * m + 1] = y; out[3 * m + 2] = z;
  return m + 1;
}

export class Navmesh {
  // Geometry.
  private vx: Float32Array;
  private vy: Float32Array;
  private vz: Float32Array;
  private polyCount: i32;
  private first: Int32Array;      // polygon p's corners are corners[first[p] .. first[p + 1]]
  private corners: Int32Array;    // vertex indices, counter-clockwise in (x, z)
  private neighbour: Int32Array;  // per corner slot c: the polygon across edge (c, c + 1), or -1
  private cx: Float32Array;       // centroids
  private cz: Float32Array;
  private minX: Float32Array;     // polygon bounding boxes
  private maxX: Float32Array;
  private minZ: Float32Array;
  private maxZ: Float32Array;

  // Point location grid.
  private gx0: f32;
  private gz0: f32;
  private gInvW: f32;
  private gInvH: f32;
  private gCols: i32;
  private gRows: i32;
  private cellFirst: Int32Array;
  private cellPolys: Int32Array;

  // A* scratch, reused by every search (a generation number marks what a search touched).
  private generation: i32;
  private seen: Int32Array;
  private closed: Int32Array;
  private g: Float32Array;
  private parent: Int32Array;
  private parentSlot: Int32Array; // the corner slot of the parent's edge crossed into the polygon
  private heapF: Float32Array;
  private heapN: Int32Array;
  private heapSize: i32;

  // Path scratch.
  private chain: Int32Array;      // polygon chain, goal first
  private portals: Float32Array;  // per portal: left x y z, right x y z
  private out: Float32Array;

  constructor(vertices: Float32Array, polygons: Int32Array, sizes: Int32Array) {
    const nv = vertices.length / 3;
    const np = sizes.length;
    this.polyCount = np;
    const vx = new Float32Array(nv), vy = new Float32Array(nv), vz = new Float32Array(nv);
    for (let i = 0; i < nv; i++) {
      vx[i] = vertices[3 * i];
      vy[i] = vertices[3 * i + 1];
      vz[i] = vertices[3 * i + 2];
    }
    this.vx = vx; this.vy = vy; this.vz = vz;

    // Corners, reoriented counter-clockwise.
    const first = new Int32Array(np + 1);
    let total = 0;
    for (let p = 0; p < np; p++) {
      first[p] = total;
      total += sizes[p];
    }
    first[np] = total;
    const corners = new Int32Array(total);
    for (let p = 0; p < np; p++) {
      const s = first[p], n = first[p + 1] - s;
      let area: f32 = 0;
      for (let i = 0; i < n; i++) {
        const a = polygons[s + i], b = polygons[s + (i + 1) % n];
        area += vx[a] * vz[b] - vx[b] * vz[a];
      }
      for (let i = 0; i < n; i++) {
        corners[s + i] = area >= 0 ? polygons[s + i] : polygons[s + n - 1 - i];
      }
    }
    this.first = first;
    this.corners = corners;

    // Adjacency through shared edges.
    const neighbour = new Int32Array(total);
    neighbour.fill(-1);
    const owner = new Int32Array(total); // corner slot -> polygon
    for (let p = 0; p < np; p++) {
      for (let c = first[p]; c < first[p + 1]; c++) owner[c] = p;
    }
    const edges = new Map<u64, i32>();
    for (let p = 0; p < np; p++) {
      const s = first[p], n = first[p + 1] - s;
      for (let i = 0; i < n; i++) {
        const a = corners[s + i], b = corners[s + (i + 1) % n];
        const lo = <u64>min(a, b), hi = <u64>max(a, b);
        const key = (lo << 32) | hi;
        if (edges.has(key)) {
          const other = edges.get(key);
          if (other >= 0 && neighbour[other] < 0 && owner[other] != p) {
            neighbour[other] = p;
            neighbour[s + i] = owner[other];
          }
          edges.set(key, -1); // a third polygon on the same edge gets no link
        } else {
          edges.set(key, s + i);
        }
      }
    }
    this.neighbour = neighbour;

    // Centroids and bounding boxes.
    const cx = new Float32Array(np), cz = new Float32Array(np);
    const minX = new Float32Array(np), maxX = new Float32Array(np);
    const minZ = new Float32Array(np), maxZ = new Float32Array(np);
    let bx0 = <f32>Infinity, bx1 = -<f32>Infinity, bz0 = <f32>Infinity, bz1 = -<f32>Infinity;
    for (let p = 0; p < np; p++) {
      const s = first[p], n = first[p + 1] - s;
      let sx: f32 = 0, sz: f32 = 0;
      let x0 = <f32>Infinity, x1 = -<f32>Infinity, z0 = <f32>Infinity, z1 = -<f32>Infinity;
      for (let i = 0; i < n; i++) {
        const v = corners[s + i];
        const x = vx[v], z = vz[v];
        sx += x; sz += z;
        x0 = min(x0, x); x1 = max(x1, x);
        z0 = min(z0, z); z1 = max(z1, z);
      }
      cx[p] = sx / <f32>n; cz[p] = sz / <f32>n;
      minX[p] = x0; maxX[p] = x1; minZ[p] = z0; maxZ[p] = z1;
      bx0 = min(bx0, x0); bx1 = max(bx1, x1);
      bz0 = min(bz0, z0); bz1 = max(bz1, z1);
    }
    this.cx = cx; this.cz = cz;
    this.minX = minX; this.maxX = maxX; this.minZ = minZ; this.maxZ = maxZ;

    // Uniform grid, about one polygon per cell.
    const side = max(1, <i32>Mathf.ceil(Mathf.sqrt(<f32>np)));
    const w = max(bx1 - bx0, <f32>1e-6), h = max(bz1 - bz0, <f32>1e-6);
    this.gx0 = bx0; this.gz0 = bz0;
    this.gCols = side; this.gRows = side;
    this.gInvW = <f32>side / w; this.gInvH = <f32>side / h;
    const cells = side * side;
    const invW = <f32>side / w, invH = <f32>side / h;
    const cellFirst = new Int32Array(cells + 1);
    for (let p = 0; p < np; p++) {
      const c0 = cellOf(minX[p], bx0, invW, side), c1 = cellOf(maxX[p], bx0, invW, side);
      const r0 = cellOf(minZ[p], bz0, invH, side), r1 = cellOf(maxZ[p], bz0, invH, side);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) cellFirst[r * side + c + 1]++;
      }
    }
    for (let i = 0; i < cells; i++) cellFirst[i + 1] += cellFirst[i];
    const cellPolys = new Int32Array(cellFirst[cells]);
    const cursor = new Int32Array(cells);
    for (let p = 0; p < np; p++) {
      const c0 = cellOf(minX[p], bx0, invW, side), c1 = cellOf(maxX[p], bx0, invW, side);
      const r0 = cellOf(minZ[p], bz0, invH, side), r1 = cellOf(maxZ[p], bz0, invH, side);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const cell = r * side + c;
          cellPolys[cellFirst[cell] + cursor[cell]] = p;
          cursor[cell] += 1;
        }
      }
    }
    this.cellFirst = cellFirst;
    this.cellPolys = cellPolys;

    // Search scratch.
    this.generation = 0;
    this.seen = new Int32Array(np);
    this.closed = new Int32Array(np);
    this.g = new Float32Array(np);
    this.parent = new Int32Array(np);
    this.parentSlot = new Int32Array(np);
    this.heapF = new Float32Array(total + 1);
    this.heapN = new Int32Array(total + 1);
    this.heapSize = 0;
    this.chain = new Int32Array(np);
    this.portals = new Float32Array(6 * (np + 1));
    this.out = new Float32Array(3 * (np + 2));
  }

  /** The polygon containing (x, z), or -1 outside the mesh. */
  locate(x: f32, z: f32): i32 {
    if (!(x >= this.gx0 && z >= this.gz0)) return -1; // also rejects NaN
    const c = <i32>Mathf.floor((x - this.gx0) * this.gInvW);
    const r = <i32>Mathf.floor((z - this.gz0) * this.gInvH);
    if (c > this.gCols || r > this.gRows) return -1;
    const cell = min(r, this.gRows - 1) * this.gCols + min(c, this.gCols - 1);
    const cellFirst = this.cellFirst, cellPolys = this.cellPolys;
    for (let i = cellFirst[cell], e = cellFirst[cell + 1]; i < e; i++) {
      const p = cellPolys[i];
      if (x < this.minX[p] || x > this.maxX[p] || z < this.minZ[p] || z > this.maxZ[p]) continue;
      if (this.inside(p, x, z)) return p;
    }
    return -1;
  }

  private inside(p: i32, x: f32, z: f32): bool {
    const corners = this.corners, vx = this.vx, vz = this.vz;
    const s = this.first[p], n = this.first[p + 1] - s;
    let a = corners[s + n - 1];
    for (let i = 0; i < n; i++) {
      const b = corners[s + i];
      if (cross(vx[a], vz[a], vx[b], vz[b], x, z) < 0) return false;
      a = b;
    }
    return true;
  }

  // ---- binary heap on f (lazy deletion: stale entries are skipped when popped) -------------

  private push(f: f32, node: i32): void {
    const hf = this.heapF, hn = this.heapN;
    let i = this.heapSize++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (hf[up] <= f) break;
      hf[i] = hf[up]; hn[i] = hn[up];
      i = up;
    }
    hf[i] = f; hn[i] = node;
  }

  private pop(): i32 {
    const hf = this.heapF, hn = this.heapN;
    const top = hn[0];
    const n = --this.heapSize;
    if (n > 0) {
      const f = hf[n], node = hn[n];
      let i = 0;
      while (true) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && hf[child + 1] < hf[child]) child++;
        if (hf[child] >= f) break;
        hf[i] = hf[child]; hn[i] = hn[child];
        i = child;
      }
      hf[i] = f; hn[i] = node;
    }
    return top;
  }

  /** A* over the polygon graph; the number of polygons in the chain (in `chain`, goal first), 0 if unreachable. */
  private search(sp: i32, ep: i32, sx: f32, sz: f32, ex: f32, ez: f32): i32 {
    const gen = ++this.generation;
    const seen = this.seen, closed = this.closed, g = this.g, parent = this.parent;
    const parentSlot = this.parentSlot, neighbour = this.neighbour, first = this.first;
    const cx = this.cx, cz = this.cz;
    this.heapSize = 0;
    seen[sp] = gen; g[sp] = 0; parent[sp] = -1; parentSlot[sp] = -1;
    this.push(dist(sx, sz, ex, ez), sp);
    let found = false;
    while (this.heapSize > 0) {
      const cur = this.pop();
      if (closed[cur] == gen) continue;
      closed[cur] = gen;
      if (cur == ep) { found = true; break; }
      const px = cur == sp ? sx : cx[cur], pz = cur == sp ? sz : cz[cur];
      const gc = g[cur];
      for (let slot = first[cur], e = first[cur + 1]; slot < e; slot++) {
        const nb = neighbour[slot];
        if (nb < 0 || closed[nb] == gen) continue;
        const nx = nb == ep ? ex : cx[nb], nz = nb == ep ? ez : cz[nb];
        const gn = gc + dist(px, pz, nx, nz);
        if (seen[nb] == gen && g[nb] <= gn) continue;
        seen[nb] = gen; g[nb] = gn; parent[nb] = cur; parentSlot[nb] = slot;
        this.push(gn + dist(nx, nz, ex, ez), nb);
      }
    }
    if (!found) return 0;
    const chain = this.chain;
    let n = 0;
    for (let p = ep; p >= 0; p = parent[p]) chain[n++] = p;
    return n;
  }

  /** The shortest path from start to end as x y z triples; empty outside the mesh or unreachable. */
  search_path(sx: f32, sy: f32, sz: f32, ex: f32, ey: f32, ez: f32): Float32Array {
    const sp = this.locate(sx, sz);
    if (sp < 0) return new Float32Array(0);
    const ep = this.locate(ex, ez);
    if (ep < 0) return new Float32Array(0);
    const count = sp == ep ? 1 : this.search(sp, ep, sx, sz, ex, ez);
    if (count == 0) return new Float32Array(0);

    // Portals: the start point, the crossed edges (left, right seen in walking direction), the end.
    const portals = this.portals, chain = this.chain, parentSlot = this.parentSlot;
    const corners = this.corners, first = this.first, vx = this.vx, vy = this.vy, vz = this.vz;
    portals[0] = sx; portals[1] = sy; portals[2] = sz; portals[3] = sx; portals[4] = sy; portals[5] = sz;
    let np = 1;
    for (let k = count - 2; k >= 0; k--) {
      // Leaving chain[k + 1] through its edge (a, b) into chain[k]: the polygon is on the left of
      // a -> b (counter-clockwise), so walking out, b is on the left and a on the right.
      const from = chain[k + 1];
      const slot = parentSlot[chain[k]];
      const next = slot + 1 < first[from + 1] ? slot + 1 : first[from];
      const a = corners[slot], b = corners[next];
      const o = 6 * np++;
      portals[o] = vx[b]; portals[o + 1] = vy[b]; portals[o + 2] = vz[b];
      portals[o + 3] = vx[a]; portals[o + 4] = vy[a]; portals[o + 5] = vz[a];
    }
    const o = 6 * np++;
    portals[o] = ex; portals[o + 1] = ey; portals[o + 2] = ez;
    portals[o + 3] = ex; portals[o + 4] = ey; portals[o + 5] = ez;
    return this.funnel(np);
  }

  /** The funnel algorithm over `portals[0 .. n)`: the path from the first portal's point to the last's. */
  private funnel(n: i32): Float32Array {
    const portals = this.portals, out = this.out;
    let m = 0;
    out[0] = portals[0]; out[1] = portals[1]; out[2] = portals[2];
    m = 1;
    let apex = 0, left = 0, right = 0; // portal indices of the funnel's apex and sides
    let ax = portals[0], az = portals[2];
    let lx = portals[0], lz = portals[2];
    let rx = portals[3], rz = portals[5];
    for (let i = 1; i < n; i++) {
      const o = 6 * i;
      const nlx = portals[o], nlz = portals[o + 2];
      const nrx = portals[o + 3], nrz = portals[o + 5];

      // Right side: tighten when the new right point is not to the right of the current one.
      if (cross(ax, az, rx, rz, nrx, nrz) >= 0) {
        if (same(ax, az, rx, rz) || cross(ax, az, lx, lz, nrx, nrz) < 0) {
          rx = nrx; rz = nrz; right = i;
        } else {
          // The right side crossed the left: the left point is a corner of the path.
          const lo = 6 * left;
          m = emit(out, m, portals[lo], portals[lo + 1], portals[lo + 2]);
          apex = left; ax = lx; az = lz;
          rx = lx; rz = lz; right = apex;
          i = apex;
          continue;
        }
      }

      // Left side, mirrored.
      if (cross(ax, az, lx, lz, nlx, nlz) <= 0) {
        if (same(ax, az, lx, lz) || cross(ax, az, rx, rz, nlx, nlz) > 0) {
          lx = nlx; lz = nlz; left = i;
        } else {
          const ro = 6 * right + 3;
          m = emit(out, m, portals[ro], portals[ro + 1], portals[ro + 2]);
          apex = right; ax = rx; az = rz;
          lx = rx; lz = rz; left = apex;
          i = apex;
          continue;
        }
      }
    }
    // The end point, unless the funnel already emitted it as its last corner (never for a path
    // of one segment: a same-polygon path is exactly [start, end]).
    const last = 6 * (n - 1);
    if (m == 1) {
      out[3] = portals[last]; out[4] = portals[last + 1]; out[5] = portals[last + 2];
      m = 2;
    } else {
      m = emit(out, m, portals[last], portals[last + 1], portals[last + 2]);
    }
    const path = new Float32Array(3 * m);
    memory.copy(path.dataStart, out.dataStart, <usize>(3 * m) << 2);
    return path;
  }
}
