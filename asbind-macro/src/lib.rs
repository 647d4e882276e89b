//! Proc macros for asbind (filled in by the generator issue).
