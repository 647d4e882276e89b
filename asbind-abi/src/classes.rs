//! The paths AssemblyScript prints for its built-in classes (AS_ABI §2.3 – §2.7, §8.4), as the
//! `.d.ts` JSDoc, the JS glue and error messages spell them.

/// Prefix of every standard-library path.
pub const LIB_PREFIX: &str = "~lib/";
/// `String`.
pub const STRING: &str = "~lib/string/String";
/// `ArrayBuffer`.
pub const ARRAY_BUFFER: &str = "~lib/arraybuffer/ArrayBuffer";
/// `Array<T>`, without its type argument.
pub const ARRAY: &str = "~lib/array/Array";
/// `StaticArray<T>`, without its type argument.
pub const STATIC_ARRAY: &str = "~lib/staticarray/StaticArray";
/// Prefix of the typed arrays (`~lib/typedarray/Float64Array`).
pub const TYPED_ARRAY_PREFIX: &str = "~lib/typedarray/";
/// Prefix of a function type's class, with its percent-encoded signature and `>` after it
/// (`~lib/function/Function<%28i32%29=>i32>`): a function reference is a managed object of it.
pub const FUNCTION_PREFIX: &str = "~lib/function/Function<";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_is_in_the_standard_library() {
        for path in [STRING, ARRAY_BUFFER, ARRAY, STATIC_ARRAY, TYPED_ARRAY_PREFIX, FUNCTION_PREFIX] {
            assert!(path.starts_with(LIB_PREFIX), "{path}");
        }
    }
}
