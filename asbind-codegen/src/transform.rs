//! The `asc` transform that exports class members as functions, shipped inside this crate so
//! that users of the published crates have it too: `asbind transform --out <dir>` and
//! `asbind_build::write_transform` write it out with [`write_classes_transform`].

use std::io;
use std::path::{Path, PathBuf};

/// The transform's file name: asc loads a transform by path (`asc --transform <dir>/asbind-classes.mjs`).
pub const CLASSES_TRANSFORM_FILE: &str = "asbind-classes.mjs";

/// The transform's source: plain JavaScript for asc 0.20 and later, with no dependencies.
pub const CLASSES_TRANSFORM: &str = include_str!("../transform/asbind-classes.mjs");

/// Writes [`CLASSES_TRANSFORM`] to `dir/asbind-classes.mjs`, creating `dir` if needed, and
/// returns that path. A file that already holds the transform is not rewritten (its mtime
/// stays, so asc builds keyed on it do not rerun). The error names the path that failed.
pub fn write_classes_transform(dir: &Path) -> io::Result<PathBuf> {
    let path = dir.join(CLASSES_TRANSFORM_FILE);
    let named = |at: &Path, e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", at.display()));
    std::fs::create_dir_all(dir).map_err(|e| named(dir, e))?;
    if std::fs::read(&path).is_ok_and(|old| old == CLASSES_TRANSFORM.as_bytes()) {
        return Ok(path);
    }
    std::fs::write(&path, CLASSES_TRANSFORM).map_err(|e| named(&path, e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_transform_into_a_new_folder_and_names_the_path_on_failure() {
        let dir = std::env::temp_dir().join(format!("asbind-transform-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = write_classes_transform(&dir.join("a/b")).unwrap();
        assert_eq!(path, dir.join("a/b/asbind-classes.mjs"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), CLASSES_TRANSFORM);
        assert!(CLASSES_TRANSFORM.starts_with("// asbind-classes: an AssemblyScript (0.20+) transform"));
        // Again: unchanged.
        assert_eq!(write_classes_transform(&dir.join("a/b")).unwrap(), path);
        // A file where the folder should be.
        let err = write_classes_transform(&path.join("c")).unwrap_err();
        assert!(err.to_string().contains(&path.join("c").display().to_string()), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
