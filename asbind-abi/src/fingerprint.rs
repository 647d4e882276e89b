//! The fingerprint of the exports a set of bindings uses: the generator computes it from the
//! wasm it read and writes it into the bindings; the runtime computes it again from the module
//! it is given and compares, so bindings loaded against another build of the module fail with
//! "this wasm does not match the bindings" instead of a confusing error at the first call.
//!
//! It is FNV-1a (64 bit) over a canonical listing: one line per export the bindings use,
//! `func NAME(PARAMS)->(RESULTS)` or `global NAME:TYPE`, sorted, joined with `\n`. Both sides
//! build the lines with [`func_line`] and [`global_line`] from the same [`ValType`] names.

/// A wasm value type, as the listing names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValType {
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `v128`
    V128,
    /// Any reference type.
    Ref,
}

impl ValType {
    /// Its name in the listing.
    pub fn name(self) -> &'static str {
        match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::V128 => "v128",
            ValType::Ref => "ref",
        }
    }
}

fn list(types: &[ValType]) -> String {
    types.iter().map(|t| t.name()).collect::<Vec<_>>().join(",")
}

/// The line of an exported function.
pub fn func_line(name: &str, params: &[ValType], results: &[ValType]) -> String {
    format!("func {name}({})->({})", list(params), list(results))
}

/// The line of an exported global.
pub fn global_line(name: &str, ty: ValType) -> String {
    format!("global {name}:{}", ty.name())
}

/// The line of an export the module lacks (only the runtime writes it: it never matches).
pub fn missing_line(name: &str) -> String {
    format!("missing {name}")
}

/// FNV-1a (64 bit) of the sorted `lines`, joined with `\n`.
pub fn fingerprint(lines: impl IntoIterator<Item = String>) -> u64 {
    let mut lines: Vec<String> = lines.into_iter().collect();
    lines.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, line) in lines.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"\n" };
        for b in sep.iter().chain(line.as_bytes()) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_of_the_sorted_listing() {
        // FNV-1a of the empty string and of "a" (published test vectors).
        assert_eq!(fingerprint(Vec::new()), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(["a".to_string()]), 0xaf63_dc4c_8601_ec8c);
        let a = func_line("add", &[ValType::I32, ValType::I32], &[ValType::I32]);
        assert_eq!(a, "func add(i32,i32)->(i32)");
        let g = global_line("count", ValType::I32);
        assert_eq!(fingerprint([a.clone(), g.clone()]), fingerprint([g.clone(), a.clone()]), "order-free");
        assert_ne!(fingerprint([a.clone()]), fingerprint([func_line("add", &[ValType::I32], &[ValType::I32])]));
    }
}
