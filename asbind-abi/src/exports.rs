//! The runtime interface a module exports besides its own API (AS_ABI §5.1, §6.3).

/// The module's linear memory.
pub const MEMORY: &str = "memory";
/// The function table (with `--exportTable`).
pub const TABLE: &str = "table";
/// `__new(size: i32, id: i32) -> i32`: allocates a managed object.
pub const NEW: &str = "__new";
/// `__pin(ptr: i32) -> i32`: roots an object (pinning twice aborts).
pub const PIN: &str = "__pin";
/// `__unpin(ptr: i32)`: releases a pin.
pub const UNPIN: &str = "__unpin";
/// `__collect()`: a full garbage collection.
pub const COLLECT: &str = "__collect";
/// Immutable `i32` global: the address of the RTTI table.
pub const RTTI_BASE: &str = "__rtti_base";
/// The start export's conventional name: the one `asc --exportStart` is usually given (AS's glue
/// and WASI commands call `_start`). A module exporting it without a start section of its own
/// must have it called once before anything else (AS_ABI §5.1).
pub const START: &str = "_start";
/// `__setArgumentsLength(n: i32)`: how many arguments the next call passes (optional parameters).
pub const SET_ARGUMENTS_LENGTH: &str = "__setArgumentsLength";
/// Mutable global of AssemblyScript ≤ 0.9 playing the part of [`SET_ARGUMENTS_LENGTH`].
pub const ARGUMENTS_LENGTH: &str = "__argumentsLength";

/// What kind of extern a runtime export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// A function.
    Func,
    /// A global.
    Global,
    /// A memory.
    Memory,
    /// A table.
    Table,
}

/// One export of the runtime interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeExport {
    /// Export name.
    pub name: &'static str,
    /// What it is.
    pub kind: ExportKind,
    /// What a host uses it for.
    pub purpose: &'static str,
    /// Whether `--exportRuntime` exports it (the others appear only when an export needs them).
    pub from_export_runtime: bool,
}

/// The runtime interface a host uses, in the order a host resolves it.
pub const RUNTIME: [RuntimeExport; 7] = [
    RuntimeExport {
        name: MEMORY,
        kind: ExportKind::Memory,
        purpose: "reading and writing values",
        from_export_runtime: false,
    },
    RuntimeExport {
        name: NEW,
        kind: ExportKind::Func,
        purpose: "allocates what is passed in (strings, arrays, records)",
        from_export_runtime: true,
    },
    RuntimeExport {
        name: PIN,
        kind: ExportKind::Func,
        purpose: "keeps held objects (Ref<T>) and arguments alive",
        from_export_runtime: true,
    },
    RuntimeExport { name: UNPIN, kind: ExportKind::Func, purpose: "releases them", from_export_runtime: true },
    RuntimeExport { name: COLLECT, kind: ExportKind::Func, purpose: "Module::collect", from_export_runtime: true },
    RuntimeExport {
        name: SET_ARGUMENTS_LENGTH,
        kind: ExportKind::Func,
        purpose: "only needed by exports with optional parameters",
        from_export_runtime: false,
    },
    RuntimeExport {
        name: RTTI_BASE,
        kind: ExportKind::Global,
        purpose: "runtime type information (array kinds, generation)",
        from_export_runtime: true,
    },
];

/// The functions `--exportRuntime` adds; with [`RTTI_BASE`] they make a module writable.
pub const RUNTIME_FUNCTIONS: [&str; 4] = [NEW, PIN, UNPIN, COLLECT];

/// Whether `name` belongs to the runtime interface rather than to the module's own API, so a
/// binding generator leaves it out.
pub fn is_runtime_export(name: &str) -> bool {
    RUNTIME.iter().any(|e| e.name == name) || name == TABLE || name == ARGUMENTS_LENGTH
}

/// The runtime export named `name`, if it is one a host resolves.
pub fn runtime_export(name: &str) -> Option<&'static RuntimeExport> {
    RUNTIME.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_names_are_not_api() {
        for name in [
            "memory",
            "table",
            "__new",
            "__pin",
            "__unpin",
            "__collect",
            "__rtti_base",
            "__setArgumentsLength",
            "__argumentsLength",
        ] {
            assert!(is_runtime_export(name), "{name}");
        }
        assert!(!is_runtime_export("add"));
        assert!(!is_runtime_export("_start"));
    }
}
