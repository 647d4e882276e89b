//! Precompiled modules: the artifact asbind wraps around wasmtime's serialized code, and the key
//! that decides whether this process may load it.
//!
//! An artifact is a fixed header followed by the output of `Engine::precompile_module`:
//!
//! | bytes  | field                                                                    |
//! |--------|--------------------------------------------------------------------------|
//! | 0..8   | magic `b"asbindPC"`                                                      |
//! | 8..12  | format version (`u32`, little-endian, [`FORMAT`])                        |
//! | 12..16 | zero                                                                     |
//! | 16..24 | length of the wasm it was compiled from                                  |
//! | 24..32 | [`hash_bytes`] of that wasm                                              |
//! | 32..40 | [`engine_key`] of the engine that compiled it                            |
//! | 40..48 | length of wasmtime's bytes                                               |
//! | 48..56 | [`hash_bytes`] of wasmtime's bytes (catches a damaged artifact)          |
//! | 56..   | wasmtime's bytes                                                         |
//!
//! The key is the wasm hash plus the engine key, which hashes what wasmtime itself uses to decide
//! compatibility (`Engine::precompile_compatibility_hash`: the wasmtime version, the
//! configuration, the target and the CPU features the compiler was allowed to use). A matching
//! key means wasmtime will accept the artifact; a mismatch is found by comparing hashes, before
//! wasmtime reads a byte of it.

use std::hash::{Hash, Hasher};

use wasmtime::Engine;

const MAGIC: [u8; 8] = *b"asbindPC";
/// The artifact layout's version; bumped when the header changes.
pub(crate) const FORMAT: u32 = 1;
const HEADER: usize = 56;

/// The parts of an artifact, borrowed from it.
#[derive(Debug)]
pub(crate) struct Artifact<'a> {
    wasm_len: u64,
    wasm_hash: u64,
    engine_key: u64,
    /// wasmtime's serialized module.
    pub(crate) payload: &'a [u8],
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

impl<'a> Artifact<'a> {
    /// Reads the header and checks that wasmtime's bytes are whole and undamaged; the reason
    /// when they are not.
    pub(crate) fn parse(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < HEADER || bytes[..8] != MAGIC {
            return Err("not an asbind precompiled module".into());
        }
        let format = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if format != FORMAT {
            return Err(format!("artifact format {format}, this asbind reads format {FORMAT}"));
        }
        let payload = &bytes[HEADER..];
        if u64_at(bytes, 40) != payload.len() as u64 {
            return Err(format!(
                "truncated or extended: {} bytes of compiled code, the header says {}",
                payload.len(),
                u64_at(bytes, 40)
            ));
        }
        if hash_bytes(payload) != u64_at(bytes, 48) {
            return Err("damaged: the compiled code does not match its checksum".into());
        }
        Ok(Artifact {
            wasm_len: u64_at(bytes, 16),
            wasm_hash: u64_at(bytes, 24),
            engine_key: u64_at(bytes, 32),
            payload,
        })
    }

    /// Whether the artifact was compiled from exactly `wasm`.
    pub(crate) fn is_for_wasm(&self, wasm: &[u8]) -> bool {
        self.wasm_len == wasm.len() as u64 && self.wasm_hash == hash_bytes(wasm)
    }

    /// Whether `engine` is configured like the one that compiled the artifact; the reason if not.
    pub(crate) fn check_engine(&self, engine: &Engine) -> Result<(), String> {
        if self.engine_key == engine_key(engine) {
            return Ok(());
        }
        Err("compiled by an engine with another wasmtime version, configuration, target or CPU features".into())
    }
}

/// The artifact for `payload` (wasmtime's bytes), compiled by `engine` from `wasm`.
pub(crate) fn encode(wasm: &[u8], engine: &Engine, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    for v in [wasm.len() as u64, hash_bytes(wasm), engine_key(engine), payload.len() as u64, hash_bytes(payload)] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(payload);
    out
}

/// FNV-1a, 64 bit: a hasher with no random state, so a build script and the program it builds
/// (same compiler, same target) hash alike.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The part of the key that describes the engine: wasmtime's compatibility hash (version,
/// configuration, target, CPU features) through [`Fnv`].
pub(crate) fn engine_key(engine: &Engine) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    FORMAT.hash(&mut h);
    engine.precompile_compatibility_hash().hash(&mut h);
    h.finish()
}

/// A fast 64-bit hash of `bytes` (four multiply-rotate lanes over 32-byte blocks). Not
/// cryptographic: it detects damage, not forgery. Within one 8-byte word every change is
/// detected (each step is a bijection of the lane).
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |lane: u64, word: u64| (lane ^ word).wrapping_mul(K).rotate_left(29);
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let mut lanes = [K, K.rotate_left(16), K.rotate_left(32), K.rotate_left(48)];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            *lane = step(*lane, word(&block[8 * i..8 * i + 8]));
        }
    }
    for (i, tail) in blocks.remainder().chunks(8).enumerate() {
        lanes[i] = step(lanes[i], word(tail));
    }
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    for lane in lanes {
        h = step(h, lane);
    }
    // Final avalanche (the 64-bit finaliser of MurmurHash3).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_and_the_length_count() {
        let data: Vec<u8> = (0..200u32).map(|i| (i * 7) as u8).collect();
        let base = hash_bytes(&data);
        for i in 0..data.len() {
            let mut d = data.clone();
            d[i] ^= 1;
            assert_ne!(hash_bytes(&d), base, "byte {i}");
        }
        assert_ne!(hash_bytes(&data[..199]), base);
        let mut longer = data.clone();
        longer.push(0);
        assert_ne!(hash_bytes(&longer), base, "a trailing zero byte changes the hash");
        assert_eq!(hash_bytes(&data), base, "deterministic");
    }

    #[test]
    fn header_round_trip_and_damage() {
        let engine = Engine::default();
        let payload = b"not really code, but the header does not care".to_vec();
        let bytes = encode(b"wasm", &engine, &payload);
        let a = Artifact::parse(&bytes).unwrap();
        assert_eq!(a.payload, &payload[..]);
        assert!(a.is_for_wasm(b"wasm") && !a.is_for_wasm(b"wasM") && !a.is_for_wasm(b"wasm!"));
        assert!(a.check_engine(&engine).is_ok());

        let mut damaged = bytes.clone();
        *damaged.last_mut().unwrap() ^= 0x80;
        assert!(Artifact::parse(&damaged).unwrap_err().contains("damaged"));
        assert!(Artifact::parse(&bytes[..bytes.len() - 1]).unwrap_err().contains("truncated"));
        assert!(Artifact::parse(&bytes[..10]).unwrap_err().contains("not an asbind"));
        let mut future = bytes.clone();
        future[8] = 9;
        assert!(Artifact::parse(&future).unwrap_err().contains("format 9"));
    }
}
