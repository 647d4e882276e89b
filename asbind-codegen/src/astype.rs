//! AssemblyScript type names as the compiler prints them in `.d.ts` JSDoc and JS glue comments
//! (AS_ABI §8.4), parsed into [`AsType`].
//!
//! ```text
//! ~lib/array/Array<~lib/string/String|null>   ~lib/string/String | null   src/values/Point
//! ```

use std::fmt;

use asbind_abi::classes;

/// A scalar AssemblyScript type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `bool`
    Bool,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `isize` (wasm32: 4 bytes)
    Isize,
    /// `usize` (wasm32: 4 bytes)
    Usize,
    /// `f32`
    F32,
    /// `f64`
    F64,
}

impl Scalar {
    /// Parses a basic type name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "bool" => Scalar::Bool,
            "i8" => Scalar::I8,
            "i16" => Scalar::I16,
            "i32" => Scalar::I32,
            "i64" => Scalar::I64,
            "u8" => Scalar::U8,
            "u16" => Scalar::U16,
            "u32" => Scalar::U32,
            "u64" => Scalar::U64,
            "isize" => Scalar::Isize,
            "usize" => Scalar::Usize,
            "f32" => Scalar::F32,
            "f64" => Scalar::F64,
            _ => return None,
        })
    }

    /// The AssemblyScript name.
    pub fn name(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I8 => "i8",
            Scalar::I16 => "i16",
            Scalar::I32 => "i32",
            Scalar::I64 => "i64",
            Scalar::U8 => "u8",
            Scalar::U16 => "u16",
            Scalar::U32 => "u32",
            Scalar::U64 => "u64",
            Scalar::Isize => "isize",
            Scalar::Usize => "usize",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
        }
    }

    /// Size in bytes in memory (arrays, fields).
    pub fn size(self) -> u32 {
        match self {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::Isize | Scalar::Usize | Scalar::F32 => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
        }
    }

    /// The wasm value type it travels as.
    pub fn wasm(self) -> WasmType {
        match self {
            Scalar::I64 | Scalar::U64 => WasmType::I64,
            Scalar::F32 => WasmType::F32,
            Scalar::F64 => WasmType::F64,
            _ => WasmType::I32,
        }
    }
}

/// A wasm value type (the subset AssemblyScript exports use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WasmType {
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
    /// a reference type (`funcref`, `externref`)
    Ref,
}

impl fmt::Display for WasmType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WasmType::I32 => "i32",
            WasmType::I64 => "i64",
            WasmType::F32 => "f32",
            WasmType::F64 => "f64",
            WasmType::V128 => "v128",
            WasmType::Ref => "ref",
        })
    }
}

/// The eleven typed arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypedArray {
    /// `Int8Array`
    Int8,
    /// `Uint8Array`
    Uint8,
    /// `Uint8ClampedArray`
    Uint8Clamped,
    /// `Int16Array`
    Int16,
    /// `Uint16Array`
    Uint16,
    /// `Int32Array`
    Int32,
    /// `Uint32Array`
    Uint32,
    /// `Int64Array`
    Int64,
    /// `Uint64Array`
    Uint64,
    /// `Float32Array`
    Float32,
    /// `Float64Array`
    Float64,
}

impl TypedArray {
    const ALL: [(TypedArray, &'static str, Scalar); 11] = [
        (TypedArray::Int8, "Int8Array", Scalar::I8),
        (TypedArray::Uint8, "Uint8Array", Scalar::U8),
        (TypedArray::Uint8Clamped, "Uint8ClampedArray", Scalar::U8),
        (TypedArray::Int16, "Int16Array", Scalar::I16),
        (TypedArray::Uint16, "Uint16Array", Scalar::U16),
        (TypedArray::Int32, "Int32Array", Scalar::I32),
        (TypedArray::Uint32, "Uint32Array", Scalar::U32),
        (TypedArray::Int64, "Int64Array", Scalar::I64),
        (TypedArray::Uint64, "Uint64Array", Scalar::U64),
        (TypedArray::Float32, "Float32Array", Scalar::F32),
        (TypedArray::Float64, "Float64Array", Scalar::F64),
    ];

    /// Parses a class name such as `Float32Array`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n, _)| *n == name).map(|(t, _, _)| *t)
    }

    /// The class name.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(t, _, _)| *t == self).map(|(_, n, _)| *n).unwrap_or("?")
    }

    /// The element type.
    pub fn element(self) -> Scalar {
        Self::ALL.iter().find(|(t, _, _)| *t == self).map(|(_, _, e)| *e).unwrap_or(Scalar::U8)
    }
}

/// An AssemblyScript type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AsType {
    /// `void`
    Void,
    /// A scalar.
    Scalar(Scalar),
    /// `~lib/string/String`
    String,
    /// `~lib/arraybuffer/ArrayBuffer`
    ArrayBuffer,
    /// A typed array.
    TypedArray(TypedArray),
    /// `~lib/array/Array<T>`
    Array(Box<AsType>),
    /// `~lib/staticarray/StaticArray<T>`
    StaticArray(Box<AsType>),
    /// `T | null`
    Nullable(Box<AsType>),
    /// A user class, by its full path (`src/values/Point`, `index/Pair<u8,~lib/string/String>`).
    Class(String),
    /// Anything else the bindings cannot marshal by value: `Map`, `Set`, `DataView`, function
    /// types, `v128`, `externref`, ... Kept verbatim.
    Other(String),
}

impl AsType {
    /// Parses a type as printed in a `.d.ts` JSDoc (`@type`, `@param`, `@returns`) or a glue
    /// comment. Unknown shapes come back as [`AsType::Other`], never as an error.
    pub fn parse(text: &str) -> AsType {
        let text = text.trim();
        // `T | null` at the top level; `T|null` inside generic arguments.
        if let Some(inner) = strip_null(text) {
            return AsType::Nullable(Box::new(AsType::parse(inner)));
        }
        if text.starts_with('(') {
            return AsType::Other(text.to_string());
        }
        if text == "void" {
            return AsType::Void;
        }
        if let Some(s) = Scalar::from_name(text) {
            return AsType::Scalar(s);
        }
        let (path, args) = match text.find('<') {
            Some(i) if text.ends_with('>') => (&text[..i], Some(&text[i + 1..text.len() - 1])),
            _ => (text, None),
        };
        match (path, args) {
            (classes::STRING, None) => AsType::String,
            (classes::ARRAY_BUFFER, None) => AsType::ArrayBuffer,
            (classes::ARRAY, Some(a)) => AsType::Array(Box::new(AsType::parse(a))),
            (classes::STATIC_ARRAY, Some(a)) => AsType::StaticArray(Box::new(AsType::parse(a))),
            (p, None) if p.starts_with(classes::TYPED_ARRAY_PREFIX) => {
                match TypedArray::from_name(&p[classes::TYPED_ARRAY_PREFIX.len()..]) {
                    Some(t) => AsType::TypedArray(t),
                    None => AsType::Other(text.to_string()),
                }
            }
            (p, _) if p.starts_with(classes::LIB_PREFIX) || !p.contains('/') => AsType::Other(text.to_string()),
            _ => AsType::Class(text.to_string()),
        }
    }

    /// Whether values of this type are pointers to managed objects.
    pub fn is_reference(&self) -> bool {
        !matches!(self, AsType::Void | AsType::Scalar(_))
    }

    /// The wasm value type this type travels as, if any.
    pub fn wasm(&self) -> Option<WasmType> {
        match self {
            AsType::Void => None,
            AsType::Scalar(s) => Some(s.wasm()),
            AsType::Other(o) if o == "v128" => Some(WasmType::V128),
            AsType::Other(o) if o == "externref" || o == "funcref" || o.starts_with("ref_") => Some(WasmType::Ref),
            _ => Some(WasmType::I32),
        }
    }

    /// Size of a slot of this type in an array or object (references are 4-byte pointers).
    pub fn slot_size(&self) -> u32 {
        match self {
            AsType::Scalar(s) => s.size(),
            AsType::Other(o) if o == "v128" => 16,
            _ => asbind_abi::layout::POINTER_SIZE,
        }
    }
}

/// `X | null` / `X|null` at the end of `text`, outside any generic brackets.
fn strip_null(text: &str) -> Option<&str> {
    for suffix in [" | null", "|null"] {
        if let Some(inner) = text.strip_suffix(suffix) {
            // Only at depth 0: `Array<String|null>` is not nullable itself.
            let no_arrows = inner.replace("=>", "");
            let depth: i32 = no_arrows.chars().map(|c| (c == '<') as i32 - (c == '>') as i32).sum();
            let parens: i32 = inner.chars().map(|c| (c == '(') as i32 - (c == ')') as i32).sum();
            if depth == 0 && parens == 0 {
                return Some(inner.trim_end());
            }
        }
    }
    None
}

impl fmt::Display for AsType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsType::Void => f.write_str("void"),
            AsType::Scalar(s) => f.write_str(s.name()),
            AsType::String => f.write_str(classes::STRING),
            AsType::ArrayBuffer => f.write_str(classes::ARRAY_BUFFER),
            AsType::TypedArray(t) => write!(f, "{}{}", classes::TYPED_ARRAY_PREFIX, t.name()),
            AsType::Array(e) => write!(f, "{}<{}>", classes::ARRAY, Inner(e)),
            AsType::StaticArray(e) => write!(f, "{}<{}>", classes::STATIC_ARRAY, Inner(e)),
            AsType::Nullable(t) => write!(f, "{t} | null"),
            AsType::Class(c) | AsType::Other(c) => f.write_str(c),
        }
    }
}

/// Generic arguments print nullability without spaces, as the compiler does.
struct Inner<'a>(&'a AsType);

impl fmt::Display for Inner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            AsType::Nullable(t) => write!(f, "{}|null", Inner(t)),
            t => write!(f, "{t}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_the_compiler_prints() {
        let cases = [
            "i32",
            "void",
            "~lib/string/String",
            "~lib/string/String | null",
            "~lib/array/Array<~lib/string/String|null>",
            "~lib/array/Array<~lib/array/Array<i32>>",
            "~lib/staticarray/StaticArray<f64>",
            "~lib/typedarray/Uint8ClampedArray",
            "src/values/Point",
            "src/values/Inner | null",
            "~lib/map/Map<~lib/string/String,i32>",
        ];
        for text in cases {
            assert_eq!(AsType::parse(text).to_string(), text, "round trip");
        }
        assert_eq!(
            AsType::parse("~lib/array/Array<~lib/string/String|null>"),
            AsType::Array(Box::new(AsType::Nullable(Box::new(AsType::String))))
        );
        assert_eq!(AsType::parse("src/values/Point"), AsType::Class("src/values/Point".into()));
        assert!(matches!(AsType::parse("~lib/map/Map<~lib/string/String,i32>"), AsType::Other(_)));
        assert!(matches!(AsType::parse("(i32) => i32"), AsType::Other(_)));
        assert!(matches!(AsType::parse("((i32) => i32) | null"), AsType::Nullable(_)));
        assert_eq!(AsType::parse("~lib/typedarray/Float32Array"), AsType::TypedArray(TypedArray::Float32));
    }
}
