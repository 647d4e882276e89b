//! build.rs support for asbind (being built).
