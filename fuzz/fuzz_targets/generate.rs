//! The whole generator (wasm reader, `.d.ts` parser, JS glue reader, model checks, emitter) on
//! arbitrary `(wasm, .d.ts, .js)` triples. Any input must give bindings or diagnostics, never a
//! panic or a hang; bindings it does give must be valid Rust.
//!
//! The first byte chooses how the rest is read:
//! * even: a raw triple, split by two little-endian `u32` lengths (wasm, then `.d.ts`; the
//!   `.js` is the rest), with flag bits saying whether the `.d.ts` and `.js` are present;
//! * odd: one of the committed fixtures, with byte edits taken from the rest applied to its
//!   wasm, `.d.ts` or `.js`, so the inputs stay close to what asc writes and get past the
//!   first checks.

#![no_main]

use std::path::Path;

use arbitrary::{Result, Unstructured};
use asbind_codegen::{Embed, Inputs};
use libfuzzer_sys::fuzz_target;

/// One fixture: its name, wasm, `.d.ts` and `.js` (if it has them).
type Fixture = (&'static str, &'static [u8], Option<&'static str>, Option<&'static str>);

macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../fixtures/", $name, ".wasm")).as_slice(),
            Some(include_str!(concat!("../../fixtures/", $name, ".d.ts"))),
            Some(include_str!(concat!("../../fixtures/", $name, ".js"))),
        )
    };
    ($name:literal, classic) => {
        (
            $name,
            include_bytes!(concat!("../../fixtures/", $name, ".wasm")).as_slice(),
            Some(include_str!(concat!("../../fixtures/", $name, ".d.ts"))),
            None,
        )
    };
}

const FIXTURES: &[Fixture] = &[
    fixture!("values"),
    fixture!("classes"),
    fixture!("classes_0_19", classic),
    fixture!("vector3d_0_19", classic),
    fixture!("enums"),
    fixture!("env_globals"),
    fixture!("hello"),
    fixture!("imports"),
    fixture!("names"),
    fixture!("nested"),
    fixture!("partial"),
    fixture!("records"),
    fixture!("start"),
    fixture!("stdlib"),
    fixture!("torture"),
    fixture!("vector3d"),
];

fn u32_le(u: &mut Unstructured<'_>) -> Result<u32> {
    let b = u.bytes(4)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A raw triple: `flags, wasm_len: u32, dts_len: u32, wasm, dts, js`.
fn raw(mut u: Unstructured<'_>, mode: u8) -> Result<(Vec<u8>, Option<String>, Option<String>)> {
    let wasm_len = u32_le(&mut u)? as usize;
    let dts_len = u32_le(&mut u)? as usize;
    let wasm = u.bytes(wasm_len.min(u.len()))?.to_vec();
    let dts = u.bytes(dts_len.min(u.len()))?;
    let dts = (mode & 2 != 0).then(|| String::from_utf8_lossy(dts).into_owned());
    let js = u.take_rest();
    let js = (mode & 4 != 0).then(|| String::from_utf8_lossy(js).into_owned());
    Ok((wasm, dts, js))
}

/// A fixture with edits: `index`, then edits of 6 bytes each: `file`, `op`, `offset: u32`
/// (modulo the file's length), with the byte after the op for insertions and overwrites.
fn mutated(u: &mut Unstructured<'_>) -> Result<(Vec<u8>, Option<String>, Option<String>)> {
    let (_, wasm, dts, js) = FIXTURES[usize::from(u.bytes(1)?[0]) % FIXTURES.len()];
    let mut files =
        [wasm.to_vec(), dts.unwrap_or_default().as_bytes().to_vec(), js.unwrap_or_default().as_bytes().to_vec()];
    let mut present = [true, dts.is_some(), js.is_some()];
    while u.len() >= 7 {
        let head = u.bytes(2)?;
        let (which, op) = (usize::from(head[0] % 3), head[1]);
        let at = u32_le(u)? as usize;
        let byte = u.bytes(1)?[0];
        let file = &mut files[which];
        let at = if file.is_empty() { 0 } else { at % file.len() };
        match op % 6 {
            0 if !file.is_empty() => file[at] = byte,
            1 if !file.is_empty() => file[at] ^= 1 << (byte % 8),
            2 => file.insert(at, byte),
            3 if !file.is_empty() => {
                file.remove(at);
            }
            4 => file.truncate(at),
            5 => present[which] = !present[which],
            _ => {}
        }
    }
    let [wasm, dts, js] = files;
    let text = |present: bool, bytes: Vec<u8>| present.then(|| String::from_utf8_lossy(&bytes).into_owned());
    Ok((wasm, text(present[1], dts), text(present[2], js)))
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let mode = u.bytes(1)?[0];
    let (wasm, dts, js) = if mode & 1 == 0 { raw(u, mode)? } else { mutated(&mut u)? };
    let inputs = Inputs {
        wasm_path: Path::new("/fuzz/module.wasm"),
        wasm: &wasm,
        dts: dts.as_deref().map(|t| (Path::new("/fuzz/module.d.ts"), t)),
        js: js.as_deref().map(|t| (Path::new("/fuzz/module.js"), t)),
        js_given: mode & 8 != 0,
    };
    let Ok(model) = asbind_codegen::model_from(&inputs) else { return Ok(()) };
    let embed = if mode & 16 != 0 { Embed::Runtime } else { Embed::Bytes("/fuzz/module.wasm".into()) };
    let tokens = asbind_codegen::emit::emit(&model, &embed);
    if let Err(e) = syn::parse2::<syn::File>(tokens) {
        panic!("the generator accepted the inputs but emitted invalid Rust: {e}");
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
