//! The per-instance pin table: a reference count per pinned object, so that `__pin` runs once
//! when the first host reference appears and `__unpin` once when the last one goes.
//!
//! AssemblyScript aborts on pinning a pinned object or unpinning an unpinned one (AS_ABI §5.3);
//! going through this table is how asbind never does either. Handles are dropped without access
//! to the store, so a drop that takes a count to zero only queues the pointer; the queue is
//! flushed (and `__unpin` called) before the next call into the module.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Shared between an instance and every handle it gave out.
#[derive(Debug, Default)]
pub(crate) struct Pins {
    table: Mutex<PinTable>,
    /// Set when `released` may be non-empty, so the per-call check takes no lock.
    pending: AtomicBool,
}

#[derive(Debug, Default)]
struct PinTable {
    /// Host references per pinned object. A zero count means "unpin queued".
    counts: HashMap<u32, u32>,
    /// Objects whose count reached zero on a drop, waiting for `__unpin`.
    released: Vec<u32>,
}

impl Pins {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Pins::default())
    }

    fn lock(&self) -> MutexGuard<'_, PinTable> {
        // A panic while holding this lock cannot leave the table inconsistent (every update is a
        // single map operation), so a poisoned lock is still usable.
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one more host reference; returns `true` if the object must now be `__pin`ned.
    pub(crate) fn acquire(&self, ptr: u32) -> bool {
        let mut t = self.lock();
        match t.counts.get_mut(&ptr) {
            Some(n) => {
                *n += 1;
                false
            }
            None => {
                t.counts.insert(ptr, 1);
                true
            }
        }
    }

    /// Undoes an [`acquire`](Self::acquire) whose `__pin` failed.
    pub(crate) fn forget(&self, ptr: u32) {
        self.lock().counts.remove(&ptr);
    }

    /// Adds a reference to an object that is already pinned (cloning a handle).
    pub(crate) fn retain(&self, ptr: u32) {
        *self.lock().counts.entry(ptr).or_insert(0) += 1;
    }

    /// Drops one reference now; returns `true` if the object must be `__unpin`ned now.
    pub(crate) fn release(&self, ptr: u32) -> bool {
        let mut t = self.lock();
        match t.counts.get_mut(&ptr) {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            Some(_) => {
                t.counts.remove(&ptr);
                true
            }
            None => false,
        }
    }

    /// Drops one reference without store access; a count reaching zero queues the unpin.
    pub(crate) fn release_later(&self, ptr: u32) {
        let mut t = self.lock();
        if let Some(n) = t.counts.get_mut(&ptr) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                t.released.push(ptr);
                self.pending.store(true, Ordering::Release);
            }
        }
    }

    /// Takes the queued objects that still have no references; they must be `__unpin`ned.
    pub(crate) fn take_released(&self) -> Vec<u32> {
        let mut t = self.lock();
        self.pending.store(false, Ordering::Release);
        let queued = std::mem::take(&mut t.released);
        let mut out = Vec::with_capacity(queued.len());
        for ptr in queued {
            if t.counts.get(&ptr) == Some(&0) {
                t.counts.remove(&ptr);
                out.push(ptr);
            }
        }
        out
    }

    /// Whether any handle drop is waiting for its unpin.
    pub(crate) fn has_released(&self) -> bool {
        self.pending.load(Ordering::Acquire)
    }

    /// Number of objects currently pinned by the host (including queued unpins).
    pub(crate) fn len(&self) -> usize {
        self.lock().counts.len()
    }

    /// Host references to `ptr` (0 if not pinned).
    pub(crate) fn count(&self, ptr: u32) -> u32 {
        self.lock().counts.get(&ptr).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_once_and_unpins_once() {
        let p = Pins::new();
        assert!(p.acquire(16));
        assert!(!p.acquire(16));
        assert!(!p.release(16));
        assert!(p.release(16));
        assert_eq!(p.len(), 0);
        assert!(!p.release(16), "releasing an unknown pointer never asks for an unpin");
    }

    #[test]
    fn deferred_release_is_cancelled_by_a_new_reference() {
        let p = Pins::new();
        assert!(p.acquire(32));
        p.release_later(32);
        assert!(!p.acquire(32), "still pinned in the module: no second __pin");
        assert!(p.take_released().is_empty());
        p.release_later(32);
        assert_eq!(p.take_released(), vec![32]);
        assert_eq!(p.len(), 0);
    }
}
