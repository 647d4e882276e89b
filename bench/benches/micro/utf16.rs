//! The raw host's string transcoding (AS_ABI §2.3: UTF-16LE payloads), as a careful hand-written
//! host does it: in place where the payload allows, strict on unpaired surrogates, output
//! buffers of the exact size.

use asbind_bench::Result;

/// Chunk of the counting loops: their per-element terms are summed in `u32` within a chunk
/// (LLVM vectorizes that, not a `usize` sum), and a chunk's total cannot overflow it.
const CHUNK: usize = 1 << 16;

/// The UTF-16 length of `s` in code units, and whether `s` is ASCII.
pub fn utf16_len(s: &str) -> (usize, bool) {
    if s.is_ascii() {
        return (s.len(), true);
    }
    // One unit per character, two for the 4-byte ones: count lead bytes, plus the 4-byte leads.
    let units = s
        .as_bytes()
        .chunks(CHUNK)
        .map(|c| c.iter().map(|&b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0)).sum::<u32>() as usize)
        .sum();
    (units, false)
}

/// The UTF-8 length of valid UTF-16 `units`: 1, 2 or 3 bytes per unit, and 2 per surrogate
/// (a pair is 4 bytes). Branch-free, so it vectorizes.
pub fn utf8_len(units: &[u16]) -> usize {
    let bytes = |u: u16| 1 + u32::from(u >= 0x80) + u32::from(u >= 0x800) - u32::from(u & 0xF800 == 0xD800);
    units.chunks(CHUNK).map(|c| c.iter().map(|&u| bytes(u)).sum::<u32>() as usize).sum()
}

/// `bytes` as code units in place: little-endian hosts, 2-aligned payloads (every payload the
/// AssemblyScript allocator makes is 16-aligned in a page-aligned memory).
fn units_of(bytes: &[u8]) -> Option<&[u16]> {
    if cfg!(target_endian = "little") { bytemuck::try_cast_slice(bytes).ok() } else { None }
}

fn units_of_mut(bytes: &mut [u8]) -> Option<&mut [u16]> {
    if cfg!(target_endian = "little") { bytemuck::try_cast_slice_mut(bytes).ok() } else { None }
}

/// Writes `s` as UTF-16LE into `dst`, which is exactly `2 * utf16_len(s)` bytes; `scratch` is
/// reused between calls (`encoding_rs` needs room for as many units as `s` has bytes).
pub fn encode(s: &str, ascii: bool, dst: &mut [u8], scratch: &mut Vec<u16>) {
    match units_of_mut(dst) {
        Some(out) if ascii => encoding_rs::mem::convert_latin1_to_utf16(s.as_bytes(), out),
        Some(out) => {
            if scratch.len() < s.len() {
                scratch.resize(s.len(), 0);
            }
            let n = encoding_rs::mem::convert_str_to_utf16(s, &mut scratch[..s.len()]);
            out.copy_from_slice(&scratch[..n]);
        }
        None => {
            for (d, u) in dst.chunks_exact_mut(2).zip(s.encode_utf16()) {
                d.copy_from_slice(&u.to_le_bytes());
            }
        }
    }
}

/// Decodes a UTF-16LE payload; an unpaired surrogate is an error (what asbind does by default).
pub fn decode(bytes: &[u8]) -> Result<String> {
    let owned: Vec<u16>;
    let units = match units_of(bytes) {
        Some(units) => units,
        None => {
            owned = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            &owned
        }
    };
    // All Basic Latin (one fast pass) is valid and as long in UTF-8; otherwise validate, count.
    let len = if encoding_rs::mem::is_basic_latin(units) {
        units.len()
    } else if encoding_rs::mem::utf16_valid_up_to(units) != units.len() {
        return Err("invalid UTF-16: unpaired surrogate".into());
    } else {
        utf8_len(units)
    };
    let mut out = "\0".repeat(len);
    let (read, written) = encoding_rs::mem::convert_utf16_to_str_partial(units, &mut out);
    if read != units.len() || written != len {
        return Err(format!("UTF-16 conversion stopped at unit {read} of {}", units.len()).into());
    }
    Ok(out)
}
