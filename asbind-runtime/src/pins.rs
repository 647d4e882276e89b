//! Pinning: a reference count per object the host keeps alive, so that `__pin` runs once when
//! the first host reference appears and `__unpin` once when the last one goes.
//!
//! AssemblyScript aborts on pinning a pinned object or unpinning an unpinned one (AS_ABI §5.3);
//! going through this table is how asbind never does either.
//!
//! Two parts, so that the per-call path takes no lock:
//! - [`PinTable`], owned by the instance's runtime state and changed only with store access
//!   (pins for call arguments, handles made by lifting, objects kept alive while being filled);
//! - [`Handles`], shared with every [`Ref`](crate::handle::Ref) the instance gave out. Handles
//!   are cloned and dropped without store access (possibly on another thread), so they only
//!   queue what happened; the queue is applied to the table, in order, before the next call into
//!   the module, which is when the `__unpin`s run.
//!
//! Applying the queue in order keeps the invariant "an object is pinned while a handle to it
//! lives": a handle's drop is queued after its own creation (counted in the table at once) or
//! its clone (queued before the drop).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Hashes an object address. Addresses are 16-byte aligned, so a plain multiplicative hash would
/// leave the low bits (the bucket index) empty; higher bits of the product are folded in.
#[derive(Default)]
pub(crate) struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        let h = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}

type PtrMap<V> = HashMap<u32, V, BuildHasherDefault<PtrHasher>>;

/// Host references per pinned object; owned by the instance's runtime state.
#[derive(Debug, Default)]
pub(crate) struct PinTable {
    counts: PtrMap<Count>,
}

/// The host references to one object.
#[derive(Debug, Clone, Copy)]
struct Count {
    /// All of them.
    all: u32,
    /// How many of them are `Ctx::raw_pin`s (a raw unpin may only give back one of those,
    /// never a handle's).
    raw: u32,
}

impl PinTable {
    /// Counts one more host reference; returns `true` if the object must now be `__pin`ned.
    pub(crate) fn acquire(&mut self, ptr: u32) -> bool {
        match self.counts.entry(ptr) {
            Entry::Occupied(mut e) => {
                e.get_mut().all += 1;
                false
            }
            Entry::Vacant(e) => {
                e.insert(Count { all: 1, raw: 0 });
                true
            }
        }
    }

    /// Records that one reference to `ptr` (just acquired) is a raw pin.
    pub(crate) fn mark_raw(&mut self, ptr: u32) {
        if let Some(c) = self.counts.get_mut(&ptr) {
            c.raw += 1;
        }
    }

    /// Turns one raw pin of `ptr` back into a plain reference, to be released; `false` if it
    /// has none (then nothing changes).
    pub(crate) fn unmark_raw(&mut self, ptr: u32) -> bool {
        match self.counts.get_mut(&ptr) {
            Some(c) if c.raw > 0 => {
                c.raw -= 1;
                true
            }
            _ => false,
        }
    }

    /// Undoes an [`acquire`](Self::acquire) whose `__pin` failed (the object is not pinned).
    pub(crate) fn forget(&mut self, ptr: u32) {
        self.counts.remove(&ptr);
    }

    /// Drops one host reference; returns `true` if the object must be `__unpin`ned now.
    /// Releasing an object the table does not hold is a bug in asbind, never an unpin.
    pub(crate) fn release(&mut self, ptr: u32) -> bool {
        match self.counts.entry(ptr) {
            Entry::Occupied(mut e) if e.get().all > 1 => {
                e.get_mut().all -= 1;
                false
            }
            Entry::Occupied(e) => {
                e.remove();
                true
            }
            Entry::Vacant(_) => {
                debug_assert!(false, "released {ptr:#x}, which the pin table does not hold");
                false
            }
        }
    }

    /// Applies the handle operations `ops` in order, pushing onto `unpin` every object whose
    /// last reference went.
    pub(crate) fn apply(&mut self, ops: &[HandleOp], unpin: &mut Vec<u32>) {
        for op in ops {
            match *op {
                HandleOp::Retain(ptr) => {
                    let held = self.counts.get_mut(&ptr);
                    debug_assert!(held.is_some(), "a live handle's object {ptr:#x} is not in the pin table");
                    if let Some(c) = held {
                        c.all += 1;
                    }
                }
                HandleOp::Release(ptr) => {
                    if self.release(ptr) {
                        unpin.push(ptr);
                    }
                }
            }
        }
    }

    /// Number of objects pinned in the module (those whose last handle was dropped stay until
    /// the queue is applied).
    pub(crate) fn len(&self) -> usize {
        self.counts.len()
    }

    /// Host references to `ptr`, counting the handle operations still queued in `pending`.
    pub(crate) fn count_with(&self, ptr: u32, pending: &[HandleOp]) -> u32 {
        let mut n = i64::from(self.counts.get(&ptr).map_or(0, |c| c.all));
        for op in pending {
            match *op {
                HandleOp::Retain(p) if p == ptr => n += 1,
                HandleOp::Release(p) if p == ptr => n -= 1,
                _ => {}
            }
        }
        u32::try_from(n.max(0)).unwrap_or(u32::MAX)
    }
}

/// What a handle did without store access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HandleOp {
    /// A handle to the object was cloned.
    Retain(u32),
    /// A handle to the object was dropped.
    Release(u32),
}

/// The queue shared between an instance and every handle it gave out.
#[derive(Debug, Default)]
pub(crate) struct Handles {
    queue: Mutex<Vec<HandleOp>>,
    /// Set when `queue` may be non-empty, so the per-call check takes no lock.
    pending: AtomicBool,
}

impl Handles {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Handles::default())
    }

    fn lock(&self) -> MutexGuard<'_, Vec<HandleOp>> {
        // Every update is one push or one swap, so a panic elsewhere cannot leave the queue
        // inconsistent: a poisoned lock is still usable.
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `op`.
    pub(crate) fn push(&self, op: HandleOp) {
        self.lock().push(op);
        self.pending.store(true, Ordering::Release);
    }

    /// Whether any operation may be queued.
    pub(crate) fn has_pending(&self) -> bool {
        self.pending.load(Ordering::Acquire)
    }

    /// Marks the queue pending without an operation (unpins to retry wait in the runtime).
    pub(crate) fn mark_pending(&self) {
        self.pending.store(true, Ordering::Release);
    }

    /// Moves the queued operations into `out` (which should be empty), in order.
    pub(crate) fn take_into(&self, out: &mut Vec<HandleOp>) {
        let mut q = self.lock();
        self.pending.store(false, Ordering::Release);
        std::mem::swap(&mut *q, out);
    }

    /// A copy of the queued operations (for counting pins without store access).
    pub(crate) fn snapshot(&self) -> Vec<HandleOp> {
        self.lock().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_once_and_unpins_once() {
        let mut t = PinTable::default();
        assert!(t.acquire(16));
        assert!(!t.acquire(16));
        assert!(!t.release(16));
        assert!(t.release(16));
        assert_eq!(t.len(), 0);
    }

    #[test]
    fn queued_handle_operations_apply_in_order() {
        let mut t = PinTable::default();
        assert!(t.acquire(32));
        // A clone then a drop of the original: still pinned by the clone.
        let ops = [HandleOp::Retain(32), HandleOp::Release(32)];
        assert_eq!(t.count_with(32, &ops), 1);
        let mut unpin = Vec::new();
        t.apply(&ops, &mut unpin);
        assert!(unpin.is_empty());
        t.apply(&[HandleOp::Release(32)], &mut unpin);
        assert_eq!(unpin, [32]);
        assert_eq!(t.len(), 0);
    }

    #[test]
    fn addresses_spread_over_buckets() {
        use std::hash::BuildHasher;
        let b = BuildHasherDefault::<PtrHasher>::default();
        let low: std::collections::HashSet<u64> = (0..64u32).map(|i| b.hash_one(16 * i) & 63).collect();
        assert!(low.len() > 32, "16-byte aligned addresses must not share buckets: {}", low.len());
    }
}
