//! The case list, `micro/cases.json` (shared with `micro/node_micro.mjs`), and the values each
//! case passes in and must get back. The Node script generates the same inputs.

use std::path::{Path, PathBuf};

use asbind_bench::Result;
use serde_json::Value;

use super::host::Rec;

/// What a case calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `add(40, 2)`.
    Add,
    /// `str_len(text)`.
    StrLower,
    /// `kept_str(slot)`, the text stored at setup.
    StrLift,
    /// `echo_str(text)`.
    StrEcho,
    /// `sum_f32(floats)`.
    F32Lower,
    /// `kept_f32(slot)`, copied.
    F32Lift,
    /// `kept_f32(slot)`, borrowed.
    F32View,
    /// `sum_f64(floats)`.
    F64Lower,
    /// `kept_f64(slot)`.
    F64Lift,
    /// `echo_rec(record)`.
    RecEcho,
    /// `kept_recs(slot)`.
    RecsLift,
    /// `__new(n, String id)`.
    New,
    /// `__pin` + `__unpin` of the string stored at setup.
    PinUnpin,
}

impl Op {
    fn parse(s: &str) -> Result<Op> {
        Ok(match s {
            "add" => Op::Add,
            "str_lower" => Op::StrLower,
            "str_lift" => Op::StrLift,
            "str_echo" => Op::StrEcho,
            "f32_lower" => Op::F32Lower,
            "f32_lift" => Op::F32Lift,
            "f32_view" => Op::F32View,
            "f64_lower" => Op::F64Lower,
            "f64_lift" => Op::F64Lift,
            "rec_echo" => Op::RecEcho,
            "recs_lift" => Op::RecsLift,
            "new" => Op::New,
            "pin_unpin" => Op::PinUnpin,
            other => return Err(format!("cases.json: unknown op {other:?}").into()),
        })
    }
}

/// The characters of a string case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Printable ASCII, cycling from U+0020 to U+007E.
    Ascii,
    /// Cyrillic letters, cycling from U+0410 to U+044F (2 bytes each in UTF-8 and UTF-16).
    Cyrillic,
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Case {
    /// Identifier (shared with the Node script's output).
    pub name: String,
    /// Text of the table's first column.
    pub label: String,
    /// What is called.
    pub op: Op,
    /// Characters, elements, records or bytes.
    pub n: usize,
    /// The characters, for string cases.
    pub text: Text,
    /// Whether the row gets a memcpy column.
    pub memcpy: bool,
}

/// `bench/micro/`.
pub fn micro_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("micro")
}

/// Reads `micro/cases.json`.
pub fn load() -> Result<Vec<Case>> {
    let path = micro_dir().join("cases.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let cases = json["cases"].as_array().ok_or("cases.json: no `cases` array")?;
    cases
        .iter()
        .map(|c| {
            let field = |k: &str| c[k].as_str().ok_or_else(|| format!("cases.json: a case without `{k}`: {c}"));
            Ok(Case {
                name: field("name")?.to_string(),
                label: field("label")?.to_string(),
                op: Op::parse(field("op")?)?,
                n: c["n"].as_u64().ok_or_else(|| format!("cases.json: a case without `n`: {c}"))? as usize,
                text: match c["text"].as_str() {
                    None | Some("ascii") => Text::Ascii,
                    Some("cyrillic") => Text::Cyrillic,
                    Some(other) => return Err(format!("cases.json: unknown text {other:?}").into()),
                },
                memcpy: c["memcpy"].as_bool().unwrap_or(false),
            })
        })
        .collect()
}

/// `n` characters of `text`.
pub fn text(text: Text, n: usize) -> String {
    let (first, count) = match text {
        Text::Ascii => (0x20, 95),
        Text::Cyrillic => (0x410, 64),
    };
    (0..n).map(|i| char::from_u32(first + (i % count) as u32).expect("a scalar value")).collect()
}

/// The Float32Array of `n` elements: multiples of 0.25 below 250, so every sum is exact.
pub fn f32s(n: usize) -> Vec<f32> {
    (0..n).map(|i| (i % 1000) as f32 * 0.25).collect()
}

/// The `Array<f64>` of `n` elements: multiples of 0.5, every sum exact.
pub fn f64s(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64 * 0.5).collect()
}

/// The record of the echo row.
pub fn rec() -> Rec {
    Rec { id: 7, x: 1.5, y: -2.25, name: "a record, 16 ch.".into() }
}

/// The records of the lifting row: record `i` is `{ i, i / 2, -i / 4, "rec i" }`.
pub fn recs(n: usize) -> Vec<Rec> {
    (0..n).map(|i| Rec { id: i as i32, x: i as f64 * 0.5, y: i as f64 * -0.25, name: format!("rec {i}") }).collect()
}

/// The bytes the case's value occupies in the module's memory (payloads, not headers): what
/// the memcpy column copies.
pub fn payload_bytes(case: &Case) -> usize {
    match case.op {
        Op::StrLower | Op::StrLift | Op::StrEcho | Op::PinUnpin => 2 * case.n,
        Op::F32Lower | Op::F32Lift | Op::F32View => 4 * case.n,
        Op::F64Lower | Op::F64Lift => 8 * case.n,
        Op::RecEcho => 28 + 2 * rec().name.len(),
        Op::RecsLift => recs(case.n).iter().map(|r| 4 + 28 + 2 * r.name.len()).sum(),
        Op::New => case.n,
        Op::Add => 0,
    }
}
