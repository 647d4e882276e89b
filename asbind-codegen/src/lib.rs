//! Binding generator for asbind (filled in by the generator issue).
