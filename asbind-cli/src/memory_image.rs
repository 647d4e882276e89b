//! The initial contents of a module's linear memory: its active data segments placed at their
//! constant offsets, so that what the compiler laid out statically (the RTTI table, AS_ABI §3)
//! can be read without instantiating the module.

use wasmparser::{ConstExpr, DataKind, Operator, Parser, Payload, TypeRef};

/// Memory 0 as instantiation leaves it, before the start function runs.
#[derive(Debug, Clone, Default)]
pub struct MemoryImage {
    /// Active segments of memory 0 with a constant offset, in section order (later ones win).
    segments: Vec<(u64, Vec<u8>)>,
    /// Some active segment of memory 0 has an offset that is not a known constant (for
    /// example `global.get` of an imported global): reads would not be reliable.
    unresolved: bool,
    /// Initial size of memory 0 in bytes, when the module defines or imports one.
    initial_size: Option<u64>,
}

impl MemoryImage {
    /// Reads the memory and data sections of a wasm binary. Only a malformed binary is an error;
    /// a module without memory gives an image from which nothing can be read.
    pub fn parse(bytes: &[u8]) -> Result<MemoryImage, wasmparser::BinaryReaderError> {
        let mut image = MemoryImage::default();
        // Constant initial values of the globals, imports first (imported ones are unknown).
        let mut globals: Vec<Option<u64>> = Vec::new();
        for payload in Parser::new(0).parse_all(bytes) {
            match payload? {
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        match import?.ty {
                            TypeRef::Global(_) => globals.push(None),
                            TypeRef::Memory(m) if image.initial_size.is_none() => {
                                image.initial_size = Some(size_in_bytes(&m));
                            }
                            _ => {}
                        }
                    }
                }
                Payload::MemorySection(reader) => {
                    for memory in reader {
                        let memory = memory?;
                        if image.initial_size.is_none() {
                            image.initial_size = Some(size_in_bytes(&memory));
                        }
                    }
                }
                Payload::GlobalSection(reader) => {
                    for global in reader {
                        globals.push(constant(&global?.init_expr, &[]));
                    }
                }
                Payload::DataSection(reader) => {
                    for data in reader {
                        let data = data?;
                        let DataKind::Active { memory_index: 0, offset_expr } = data.kind else { continue };
                        match constant(&offset_expr, &globals) {
                            Some(offset) => image.segments.push((offset, data.data.to_vec())),
                            None => image.unresolved = true,
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(image)
    }

    /// Fills `out` with the bytes at `addr`: `None` when they lie outside the initial memory or
    /// the image is not reliable. Bytes no segment covers are zero.
    pub fn read(&self, addr: u64, out: &mut [u8]) -> Option<()> {
        let end = addr.checked_add(out.len() as u64)?;
        if self.unresolved || end > self.initial_size? {
            return None;
        }
        out.fill(0);
        for (start, bytes) in &self.segments {
            let seg_end = start.saturating_add(bytes.len() as u64);
            let (from, to) = (addr.max(*start), end.min(seg_end));
            if from < to {
                let src = &bytes[(from - start) as usize..(to - start) as usize];
                out[(from - addr) as usize..(to - addr) as usize].copy_from_slice(src);
            }
        }
        Some(())
    }

    /// The little-endian `u32` at `addr`, if it can be read (see [`MemoryImage::read`]).
    pub fn u32(&self, addr: u64) -> Option<u32> {
        let mut word = [0u8; 4];
        self.read(addr, &mut word)?;
        Some(u32::from_le_bytes(word))
    }
}

/// Reads the initial memory the way asbind-abi reads a live one (the RTTI probe, AS_ABI §3.4).
impl asbind_abi::Memory for MemoryImage {
    fn read_u32(&self, addr: u32) -> Option<u32> {
        self.u32(u64::from(addr))
    }
}

fn size_in_bytes(memory: &wasmparser::MemoryType) -> u64 {
    let page_log2 = memory.page_size_log2.unwrap_or(16).min(32);
    memory.initial.saturating_mul(1 << page_log2)
}

/// The value of a constant expression that is one `i32.const`, `i64.const` or `global.get` of
/// a global with a known constant value (addresses are unsigned).
fn constant(expr: &ConstExpr<'_>, globals: &[Option<u64>]) -> Option<u64> {
    let mut ops = expr.get_operators_reader();
    let value = match ops.read().ok()? {
        Operator::I32Const { value } => u64::from(value as u32),
        Operator::I64Const { value } => value as u64,
        Operator::GlobalGet { global_index } => (*globals.get(global_index as usize)?)?,
        _ => return None,
    };
    matches!(ops.read().ok()?, Operator::End).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one memory page and the given active segments `(offset, bytes)`.
    fn module(segments: &[(u32, &[u8])]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([5, 3, 1, 0, 1]); // memory section: one memory, min 1 page
        let mut body = vec![segments.len() as u8];
        for (offset, bytes) in segments {
            body.push(0); // active, memory 0
            body.push(0x41); // i32.const
            let mut v = *offset;
            loop {
                let byte = (v & 0x7f) as u8;
                v >>= 7;
                // Signed LEB128: stop when the rest is zero and the sign bit is clear.
                if v == 0 && byte & 0x40 == 0 {
                    body.push(byte);
                    break;
                }
                body.push(byte | 0x80);
            }
            body.push(0x0b);
            body.push(bytes.len() as u8);
            body.extend_from_slice(bytes);
        }
        m.push(11);
        m.push(body.len() as u8);
        m.extend(body);
        m
    }

    #[test]
    fn reads_words_across_segments_and_gaps() {
        let image = MemoryImage::parse(&module(&[(8, &[1, 2, 3, 4]), (10, &[9]), (100, &[7, 0, 0, 0])])).unwrap();
        assert_eq!(image.u32(8), Some(u32::from_le_bytes([1, 2, 9, 4])));
        assert_eq!(image.u32(100), Some(7));
        assert_eq!(image.u32(6), Some(u32::from_le_bytes([0, 0, 1, 2])));
        assert_eq!(image.u32(65532), Some(0));
        assert_eq!(image.u32(65533), None);
        assert_eq!(image.u32(u64::MAX - 1), None);
    }

    #[test]
    fn no_memory_reads_nothing() {
        let image = MemoryImage::parse(b"\0asm\x01\0\0\0").unwrap();
        assert_eq!(image.u32(0), None);
    }
}
