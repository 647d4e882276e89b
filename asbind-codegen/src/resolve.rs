//! Where a module's input files are and what its Rust module is called: the one resolver the
//! macro, the build.rs builder and the CLI share.

use std::path::{Component, Path, PathBuf};

use crate::names;

/// `path` resolved against `base` (unless absolute) as a clean absolute path, for diagnostics,
/// `include_bytes!` and `rerun-if-changed`.
pub fn input_path(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { base.join(path) };
    tidy(&std::path::absolute(&joined).unwrap_or(joined))
}

/// `path` with `.` and `..` removed lexically, when that names the same file (it does not through
/// a symlinked directory followed by `..`); unlike `canonicalize`, symlinked files keep their
/// name, so the module name and the `.d.ts` beside the wasm stay those the user sees.
pub fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    if out.canonicalize().ok() == path.canonicalize().ok() { out } else { path.to_path_buf() }
}

/// The Rust module name for a wasm file: its stem in snake case (`Vector3d.wasm` → `vector3d`).
/// Check it with [`check_module_name`]: a stem can be a keyword (`type.wasm`).
pub fn module_name(wasm: &Path) -> String {
    names::snake(&wasm.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default())
}

/// The AssemblyScript module's own name, as its docs call it: the wasm file's stem.
pub fn display_name(wasm: &Path) -> String {
    wasm.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "module".into())
}

/// How generated code names its wasm: the file name alone. Any directory in it would depend on
/// the working directory and on how the path was spelled, and `asbind gen --check` needs the same
/// module to give the same bytes however it was named.
pub fn source_name(wasm: &Path) -> String {
    wasm.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| wasm.display().to_string())
}

/// Why `name` cannot name a Rust module, if it cannot.
pub fn check_module_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic());
    if !starts_well || !chars.all(|c| c == '_' || c.is_alphanumeric()) || name == "_" {
        return Err(format!("`{name}` is not a Rust identifier"));
    }
    if names::is_keyword(name) {
        return Err(format!("`{name}` is a Rust keyword"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names() {
        assert_eq!(module_name(Path::new("dir/Vector3d.wasm")), "vector3d");
        assert_eq!(module_name(Path::new("my-module.wasm")), "my_module");
        assert_eq!(module_name(Path::new("3d.wasm")), "_3d");
        assert!(check_module_name("vector3d").is_ok());
        assert!(check_module_name("_3d").is_ok());
        assert_eq!(check_module_name("type"), Err("`type` is a Rust keyword".into()));
        assert!(check_module_name("3d").is_err());
        assert!(check_module_name("a-b").is_err());
        assert!(check_module_name("").is_err());
        assert!(check_module_name("_").is_err());
    }

    #[test]
    fn source_names_do_not_depend_on_how_the_path_is_spelled() {
        let cwd = std::env::current_dir().unwrap();
        for spelling in ["fixtures/hello.wasm", "./fixtures/hello.wasm", "../main/fixtures/hello.wasm", "hello.wasm"] {
            assert_eq!(source_name(Path::new(spelling)), "hello.wasm");
        }
        assert_eq!(source_name(&cwd.join("fixtures/hello.wasm")), "hello.wasm");
    }

    #[test]
    fn paths_are_clean_and_absolute() {
        let base = std::env::current_dir().unwrap();
        let p = input_path(&base, Path::new("./src/../Cargo.toml"));
        assert_eq!(p, base.join("Cargo.toml"));
        assert_eq!(input_path(&base, Path::new("/x/./y/../z")), PathBuf::from("/x/z"));
    }

    #[test]
    fn paths_are_tidied_only_when_that_names_the_same_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let clean = tidy(&dir.join("./src/../../fixtures/hello.wasm"));
        assert_eq!(clean, dir.parent().unwrap().join("fixtures/hello.wasm"));
        #[cfg(unix)]
        {
            // Through a symlinked directory, `..` is not lexical: the path stays as it is.
            let tmp = std::env::temp_dir().join(format!("asbind-resolve-{}", std::process::id()));
            std::fs::create_dir_all(&tmp).unwrap();
            let _ = std::fs::remove_file(tmp.join("link"));
            std::os::unix::fs::symlink(dir.join("src"), tmp.join("link")).unwrap();
            let odd = tmp.join("link/../Cargo.toml");
            assert_eq!(tidy(&odd), odd);
            let _ = std::fs::remove_dir_all(&tmp);
        }
    }
}
