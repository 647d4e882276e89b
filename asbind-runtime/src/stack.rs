//! The module's shadow stack: finding AssemblyScript's stack-pointer global and exporting it,
//! so that the runtime can restore it after a failed call.
//!
//! AssemblyScript keeps managed locals on a shadow stack in linear memory whose pointer is a
//! mutable `i32` global (`~lib/memory/__stack_pointer`). Every function that uses it starts
//! with `sp -= frame` and a stack check (`sp < __data_end` aborts with a stack overflow), and
//! restores `sp` on return. A trap or abort skips the restore, so each failed call leaks its
//! frames; after some thousand failures every call overflows, and a module that keeps running
//! on an overflowed stack writes its frames over static data (AS_ABI §12). The global is not
//! exported, so [`export_stack_pointer`] adds an export for it before the module is compiled;
//! between calls (no wasm frame active) the pointer always holds its resting value, which
//! the runtime puts back after an outermost call fails.
//!
//! The global is recognised by both halves of the prologue AssemblyScript emits, in debug and
//! release builds alike (`global.get G; i32.const n; i32.sub; global.set G`, then
//! `global.get G; i32.const data_end; i32.lt_s`): a module without both has no shadow stack
//! asbind can see, and is compiled unchanged.

use wasmparser::{Operator, Parser, Payload, TypeRef, ValType};

/// The name of the export [`export_stack_pointer`] adds (a name no AssemblyScript export can
/// have: it is not an identifier).
pub(crate) const STACK_POINTER_EXPORT: &str = "asbind:stack_pointer";

/// `wasm` with its shadow-stack pointer exported as [`STACK_POINTER_EXPORT`], or `None` when
/// no such global is found (or the bytes do not parse: the compiler then reports them).
pub(crate) fn export_stack_pointer(wasm: &[u8]) -> Option<Vec<u8>> {
    let global = find_stack_pointer(wasm)?;
    let exports = sections(wasm)?.into_iter().find(|s| s.id == EXPORT_SECTION)?;
    let contents = &wasm[exports.contents.clone()];
    let (count, count_len) = read_leb128(contents)?;
    let mut body = Vec::with_capacity(contents.len() + STACK_POINTER_EXPORT.len() + 8);
    write_leb128(&mut body, count.checked_add(1)?);
    body.extend_from_slice(&contents[count_len..]);
    write_leb128(&mut body, STACK_POINTER_EXPORT.len() as u32);
    body.extend_from_slice(STACK_POINTER_EXPORT.as_bytes());
    body.push(GLOBAL_EXPORT_KIND);
    write_leb128(&mut body, global);
    let mut out = Vec::with_capacity(wasm.len() + body.len() - contents.len() + 5);
    out.extend_from_slice(&wasm[..exports.header]);
    out.push(EXPORT_SECTION);
    write_leb128(&mut out, u32::try_from(body.len()).ok()?);
    out.extend_from_slice(&body);
    out.extend_from_slice(&wasm[exports.contents.end..]);
    Some(out)
}

const EXPORT_SECTION: u8 = 7;
const GLOBAL_EXPORT_KIND: u8 = 3;
/// Magic number and version.
const PREAMBLE: usize = 8;

/// One section of a module: where its id byte is and the range of its contents.
struct Section {
    id: u8,
    header: usize,
    contents: std::ops::Range<usize>,
}

/// The module's sections in order, or `None` if the framing is broken.
fn sections(wasm: &[u8]) -> Option<Vec<Section>> {
    let mut out = Vec::new();
    let mut at = PREAMBLE;
    if wasm.len() < PREAMBLE {
        return None;
    }
    while at < wasm.len() {
        let id = wasm[at];
        let (size, len) = read_leb128(&wasm[at + 1..])?;
        let start = at + 1 + len;
        let end = start.checked_add(size as usize).filter(|&e| e <= wasm.len())?;
        out.push(Section { id, header: at, contents: start..end });
        at = end;
    }
    Some(out)
}

/// The index of the mutable `i32` global that function prologues decrement and stack-check,
/// if the module has one and does not already export [`STACK_POINTER_EXPORT`].
fn find_stack_pointer(wasm: &[u8]) -> Option<u32> {
    // Per global index (imported globals first): whether it is a defined mutable i32.
    let mut mutable_i32 = Vec::new();
    let mut prologues = Vec::<u32>::new();
    let mut checked = Vec::<u32>::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.ok()? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if let TypeRef::Global(_) = import.ok()?.ty {
                        // The host's, never the stack pointer.
                        mutable_i32.push(false);
                    }
                }
            }
            Payload::GlobalSection(globals) => {
                for global in globals {
                    let ty = global.ok()?.ty;
                    mutable_i32.push(ty.mutable && ty.content_type == ValType::I32);
                }
            }
            Payload::ExportSection(exports) => {
                for export in exports {
                    if export.ok()?.name == STACK_POINTER_EXPORT {
                        return None;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let mut ops = body.get_operators_reader().ok()?;
                let mut window: [Option<Operator<'_>>; 4] = [None, None, None, None];
                while !ops.eof() {
                    window.rotate_left(1);
                    window[3] = Some(ops.read().ok()?);
                    match &window {
                        [
                            Some(Operator::GlobalGet { global_index: a }),
                            Some(Operator::I32Const { .. }),
                            Some(Operator::I32Sub),
                            Some(Operator::GlobalSet { global_index: b }),
                        ] if a == b => prologues.push(*a),
                        [
                            _,
                            Some(Operator::GlobalGet { global_index: a }),
                            Some(Operator::I32Const { .. }),
                            Some(Operator::I32LtS),
                        ] => checked.push(*a),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // The candidate with the most prologues.
    prologues.sort_unstable();
    prologues
        .chunk_by(|a, b| a == b)
        .filter(|run| mutable_i32.get(run[0] as usize).copied().unwrap_or(false) && checked.contains(&run[0]))
        .max_by_key(|run| run.len())
        .map(|run| run[0])
}

fn write_leb128(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// An unsigned LEB128 `u32` at the start of `bytes`, and how many bytes it took.
fn read_leb128(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut v = 0u32;
    for (i, &b) in bytes.iter().take(5).enumerate() {
        v |= u32::from(b & 0x7f).checked_shl(7 * i as u32)?;
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb128_round_trips() {
        for v in [0, 1, 127, 128, 300, 16_384, u32::MAX] {
            let mut buf = Vec::new();
            write_leb128(&mut buf, v);
            assert_eq!(read_leb128(&buf), Some((v, buf.len())));
        }
        assert_eq!(read_leb128(&[0x80, 0x80]), None);
    }

    #[test]
    fn truncated_modules_are_left_alone() {
        assert!(export_stack_pointer(b"\0asm\x01\0\0\0\x07\x7f").is_none());
        assert!(export_stack_pointer(b"\0as").is_none());
    }
}
