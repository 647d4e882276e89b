//! The timing harness: an adaptive iteration count per sample, several samples interleaved
//! across the columns of a row, the median per call.

use std::time::{Duration, Instant};

use asbind_bench::Result;

/// A column of a row: runs the case `iters` times.
pub type Sampler<'a> = Box<dyn FnMut(u64) -> Result<()> + 'a>;

/// How long to measure.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Wall time of one sample.
    pub target: Duration,
    /// Samples per column.
    pub samples: usize,
    /// Fewest calls in a sample: rows that allocate megabytes in the module vary with where the
    /// module's allocator and collector are in their cycles, so one call is not a sample.
    pub min_iters: u64,
}

impl Plan {
    /// `--quick`: 5 samples of 1 ms and at least 2 calls; otherwise 15 samples of 10 ms and
    /// at least 4 calls.
    pub fn new(quick: bool) -> Self {
        if quick {
            Plan { target: Duration::from_millis(1), samples: 5, min_iters: 2 }
        } else {
            Plan { target: Duration::from_millis(10), samples: 15, min_iters: 4 }
        }
    }
}

/// Iterations for one sample of about `plan.target` (at least `plan.min_iters`), after a
/// warm-up call.
fn calibrate(f: &mut Sampler<'_>, plan: Plan) -> Result<u64> {
    let target = plan.target;
    f(1)?;
    let mut iters = 1u64;
    loop {
        let t = Instant::now();
        f(iters)?;
        let elapsed = t.elapsed();
        if elapsed >= target / 8 || iters >= 1 << 32 {
            let per_call = elapsed.as_secs_f64() / iters as f64;
            return Ok(((target.as_secs_f64() / per_call) as u64).max(plan.min_iters));
        }
        iters *= 2;
    }
}

/// The median time per call (ns) of each column, sampled in turn (column 1, 2, ..., 1, 2, ...)
/// so that a change in the machine's load hits every column alike.
pub fn measure(columns: &mut [Sampler<'_>], plan: Plan) -> Result<Vec<f64>> {
    let iters = columns.iter_mut().map(|f| calibrate(f, plan)).collect::<Result<Vec<u64>>>()?;
    let mut times = vec![Vec::with_capacity(plan.samples); columns.len()];
    for _ in 0..plan.samples {
        for ((f, &n), t) in columns.iter_mut().zip(&iters).zip(&mut times) {
            let start = Instant::now();
            f(n)?;
            t.push(start.elapsed().as_secs_f64() * 1e9 / n as f64);
        }
    }
    Ok(times.iter_mut().map(|t| median(t)).collect())
}

/// The median (upper of the two middle values for an even count).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A time unit for a row: the largest of ns, µs, ms that keeps `smallest_ns` at 1 or more.
pub fn unit(smallest_ns: f64) -> (&'static str, f64) {
    if smallest_ns >= 1e6 {
        ("ms", 1e6)
    } else if smallest_ns >= 1e3 {
        ("µs", 1e3)
    } else {
        ("ns", 1.0)
    }
}

/// `ns` in `unit`, three significant digits or more.
pub fn format(ns: f64, (name, scale): (&str, f64)) -> String {
    let v = ns / scale;
    if v >= 100.0 {
        format!("{v:.0} {name}")
    } else if v >= 10.0 {
        format!("{v:.1} {name}")
    } else {
        format!("{v:.2} {name}")
    }
}
