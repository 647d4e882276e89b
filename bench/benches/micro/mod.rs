//! What the microbenchmark and its agreement test share: the case list, the two in-process
//! hosts (asbind's bindings and the hand-written raw baseline) behind one trait, and the
//! per-case calls written once, generic over the host.

pub mod cases;
pub mod host;
pub mod raw;
pub mod run;
pub mod utf16;
