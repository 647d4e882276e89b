//! The baseline: every case's marshalling written by hand on `asbind::wasmtime`, following the
//! AssemblyScript host ABI (AS_ABI §2 layouts, §2.2 ids, §5 runtime interface, §8.9 pinning).
//! Exports resolved once, container ids read once from the module's `idof` globals, memory read
//! through bounds-checked slices, every object's runtime id and size checked before its payload
//! is read, strings decoded strictly. No asbind code runs here except the `wasmtime` re-export
//! (the generated `Rec` is used as a plain struct).

use std::borrow::Cow;
use std::ops::Range;

use asbind::wasmtime::{Instance, Linker, Memory, Module, Store, TypedFunc};
use asbind_bench::Result;

use super::host::{Micro, Rec};
use super::utf16;

/// Built-in class ids of AssemblyScript 0.24+ (checked against the RTTI at instantiation).
const ARRAYBUFFER_ID: u32 = 1;
const STRING_ID: u32 = 2;
/// RTTI flags of both (AS_ABI §3.4: they tell 0.24+ apart from older generations).
const POINTERFREE: u32 = 0x20;
/// Payload sizes and field offsets (AS_ABI §2.5, §2.6, §4).
const TYPED_ARRAY_SIZE: u32 = 12;
const ARRAY_SIZE: u32 = 16;
const REC_SIZE: u32 = 28;

type Slot<P> = TypedFunc<(i32, P), ()>;

/// micro.wasm on a bare wasmtime instance.
pub struct RawMicro {
    store: Store<()>,
    memory: Memory,
    new: TypedFunc<(u32, u32), u32>,
    pin: TypedFunc<u32, u32>,
    unpin: TypedFunc<u32, ()>,
    add: TypedFunc<(i32, i32), i32>,
    keep_str: Slot<u32>,
    kept_str: TypedFunc<i32, u32>,
    str_len: TypedFunc<u32, i32>,
    echo_str: TypedFunc<u32, u32>,
    keep_f32: Slot<u32>,
    kept_f32: TypedFunc<i32, u32>,
    sum_f32: TypedFunc<u32, f64>,
    keep_f64: Slot<u32>,
    kept_f64: TypedFunc<i32, u32>,
    sum_f64: TypedFunc<u32, f64>,
    echo_rec: TypedFunc<u32, u32>,
    keep_recs: Slot<u32>,
    kept_recs: TypedFunc<i32, u32>,
    ids: Ids,
    /// UTF-16 scratch for lowering non-ASCII strings (reused).
    scratch: Vec<u16>,
}

/// Runtime ids of the module's containers and record.
#[derive(Clone, Copy)]
struct Ids {
    float32_array: u32,
    array_f64: u32,
    rec: u32,
    array_rec: u32,
}

fn bytes<const N: usize>(mem: &[u8], addr: usize) -> Result<[u8; N]> {
    let b = mem.get(addr..addr + N).ok_or("read out of bounds")?;
    Ok(b.try_into().expect("N bytes"))
}

fn u32_at(mem: &[u8], addr: usize) -> Result<u32> {
    Ok(u32::from_le_bytes(bytes(mem, addr)?))
}

/// The payload of the object at `ptr` after checking its header: runtime id `id`, at least
/// `min` bytes, all in memory.
fn object<'m>(mem: &'m [u8], ptr: u32, id: u32, min: u32, what: &str) -> Result<&'m [u8]> {
    if ptr == 0 {
        return Err(format!("null {what}").into());
    }
    let p = ptr as usize;
    let header = p.checked_sub(8).ok_or("header out of bounds")?;
    let (rt_id, rt_size) = (u32_at(mem, header)?, u32_at(mem, header + 4)?);
    if rt_id != id {
        return Err(format!("object at {ptr:#x} has runtime id {rt_id}, not {what}'s {id}").into());
    }
    if rt_size < min {
        return Err(format!("{what} at {ptr:#x} is {rt_size} bytes, less than {min}").into());
    }
    Ok(mem.get(p..p + rt_size as usize).ok_or("payload out of bounds")?)
}

/// Where the elements of a typed array (`array == false`) or an `Array<T>` of `1 << align`-byte
/// elements lie in memory (checked).
fn elements(mem: &[u8], ptr: u32, id: u32, array: bool, align: u32, what: &str) -> Result<Range<usize>> {
    let header = object(mem, ptr, id, if array { ARRAY_SIZE } else { TYPED_ARRAY_SIZE }, what)?;
    let field = |i: usize| u32::from_le_bytes(header[i..i + 4].try_into().expect("4 bytes"));
    let (data_start, byte_length) = (field(4) as usize, field(8) as usize);
    let len = if array {
        let n = field(12) as usize;
        let len = n.checked_mul(1 << align).ok_or("array too long")?;
        if len > byte_length {
            return Err(format!("{what}: {n} elements in a {byte_length}-byte buffer").into());
        }
        len
    } else {
        if byte_length % (1 << align) != 0 {
            return Err(format!("{what}: {byte_length} bytes is not a whole number of elements").into());
        }
        byte_length
    };
    let range = data_start..data_start + len;
    if range.end > mem.len() {
        return Err(format!("{what}: elements out of bounds").into());
    }
    Ok(range)
}

/// Copies little-endian elements out: one `memcpy` when aligned (always, for AS buffers).
fn copy_out<T: bytemuck::Pod, const N: usize>(bytes: &[u8], from_le: fn([u8; N]) -> T) -> Vec<T> {
    match bytemuck::try_cast_slice::<u8, T>(bytes) {
        Ok(values) if cfg!(target_endian = "little") => values.to_vec(),
        _ => bytes.chunks_exact(N).map(|c| from_le(c.try_into().expect("N bytes"))).collect(),
    }
}

/// `values` as little-endian bytes: borrowed on little-endian hosts.
fn le_bytes<T: bytemuck::Pod, const N: usize>(values: &[T], to_le: fn(T) -> [u8; N]) -> Cow<'_, [u8]> {
    if cfg!(target_endian = "little") {
        Cow::Borrowed(bytemuck::cast_slice(values))
    } else {
        Cow::Owned(values.iter().flat_map(|&v| to_le(v)).collect())
    }
}

fn lift_str(mem: &[u8], ptr: u32) -> Result<String> {
    let payload = object(mem, ptr, STRING_ID, 0, "String")?;
    utf16::decode(&payload[..payload.len() & !1])
}

fn lift_rec(mem: &[u8], ptr: u32, id: u32) -> Result<Rec> {
    let f = object(mem, ptr, id, REC_SIZE, "Rec")?;
    Ok(Rec {
        id: i32::from_le_bytes(f[0..4].try_into().expect("4 bytes")),
        x: f64::from_le_bytes(f[8..16].try_into().expect("8 bytes")),
        y: f64::from_le_bytes(f[16..24].try_into().expect("8 bytes")),
        name: lift_str(mem, u32::from_le_bytes(f[24..28].try_into().expect("4 bytes")))?,
    })
}

impl RawMicro {
    /// Instantiates `module` (compiled with asbind's engine: the same machine code as the
    /// asbind host) with an `env.abort` that fails the call.
    pub fn new(module: &Module) -> Result<Self> {
        let mut linker = Linker::<()>::new(module.engine());
        linker.func_wrap(
            "env",
            "abort",
            |msg: i32, file: i32, line: i32, col: i32| -> asbind::wasmtime::Result<()> {
                Err(asbind::wasmtime::Error::msg(format!("abort (message {msg:#x}, file {file:#x}, {line}:{col})")))
            },
        )?;
        let mut store = Store::new(module.engine(), ());
        let instance: Instance = linker.instantiate(&mut store, module)?;
        let memory = instance.get_memory(&mut store, "memory").ok_or("no memory export")?;
        let mut id = |name: &str| -> Result<u32> {
            let g = instance.get_global(&mut store, name).ok_or_else(|| format!("no {name} export"))?;
            Ok(g.get(&mut store).i32().ok_or_else(|| format!("{name} is not an i32"))? as u32)
        };
        let ids = Ids {
            float32_array: id("FLOAT32ARRAY_ID")?,
            array_f64: id("ARRAY_F64_ID")?,
            rec: id("REC_ID")?,
            array_rec: id("ARRAY_REC_ID")?,
        };
        let rtti = id("__rtti_base")? as usize;
        let mem = memory.data(&store);
        if u32_at(mem, rtti + 4 + 4 * ARRAYBUFFER_ID as usize)? != POINTERFREE
            || u32_at(mem, rtti + 4 + 4 * STRING_ID as usize)? != POINTERFREE
        {
            return Err("not an AssemblyScript 0.24+ module (ArrayBuffer and String ids differ)".into());
        }
        macro_rules! f {
            ($name:literal) => {
                instance.get_typed_func(&mut store, $name)?
            };
        }
        Ok(RawMicro {
            new: f!("__new"),
            pin: f!("__pin"),
            unpin: f!("__unpin"),
            add: f!("add"),
            keep_str: f!("keep_str"),
            kept_str: f!("kept_str"),
            str_len: f!("str_len"),
            echo_str: f!("echo_str"),
            keep_f32: f!("keep_f32"),
            kept_f32: f!("kept_f32"),
            sum_f32: f!("sum_f32"),
            keep_f64: f!("keep_f64"),
            kept_f64: f!("kept_f64"),
            sum_f64: f!("sum_f64"),
            echo_rec: f!("echo_rec"),
            keep_recs: f!("keep_recs"),
            kept_recs: f!("kept_recs"),
            store,
            memory,
            ids,
            scratch: Vec::new(),
        })
    }

    /// `__new(size, id)`, checked: non-null, the payload in memory.
    fn alloc(&mut self, size: u32, id: u32) -> Result<u32> {
        let p = self.new.call(&mut self.store, (size, id))?;
        if p == 0 || self.memory.data_size(&self.store) < p as usize + size as usize {
            return Err(format!("__new returned {p:#x} for {size} bytes").into());
        }
        Ok(p)
    }

    /// The payload of an object just allocated by [`alloc`](Self::alloc).
    fn payload_mut(&mut self, ptr: u32, size: u32) -> Result<&mut [u8]> {
        let p = ptr as usize;
        Ok(self.memory.data_mut(&mut self.store).get_mut(p..p + size as usize).ok_or("payload out of bounds")?)
    }

    fn mem(&self) -> &[u8] {
        self.memory.data(&self.store)
    }

    fn lower_str(&mut self, s: &str) -> Result<u32> {
        let (units, ascii) = utf16::utf16_len(s);
        let size = u32::try_from(units * 2)?;
        let p = self.alloc(size, STRING_ID)?;
        let mut scratch = std::mem::take(&mut self.scratch);
        utf16::encode(s, ascii, self.payload_mut(p, size)?, &mut scratch);
        self.scratch = scratch;
        Ok(p)
    }

    /// A typed array (`length == None`) or `Array<T>` of `length` elements holding `bytes`: a
    /// buffer, pinned while the header is allocated (AS_ABI §2.5, §2.6).
    fn lower_buffered(&mut self, bytes: &[u8], id: u32, length: Option<usize>) -> Result<u32> {
        let byte_length = u32::try_from(bytes.len())?;
        let buf = self.alloc(byte_length, ARRAYBUFFER_ID)?;
        self.payload_mut(buf, byte_length)?.copy_from_slice(bytes);
        self.pin.call(&mut self.store, buf)?;
        let size = if length.is_some() { ARRAY_SIZE } else { TYPED_ARRAY_SIZE };
        let header = match self.alloc(size, id) {
            Ok(h) => h,
            Err(e) => {
                self.unpin.call(&mut self.store, buf)?;
                return Err(e);
            }
        };
        let h = self.payload_mut(header, size)?;
        h[0..4].copy_from_slice(&buf.to_le_bytes());
        h[4..8].copy_from_slice(&buf.to_le_bytes());
        h[8..12].copy_from_slice(&byte_length.to_le_bytes());
        if let Some(n) = length {
            h[12..16].copy_from_slice(&u32::try_from(n)?.to_le_bytes());
        }
        self.unpin.call(&mut self.store, buf)?;
        Ok(header)
    }

    /// A record: allocated and pinned, then its string field lowered into it (AS_ABI §8.7).
    fn lower_rec(&mut self, r: &Rec) -> Result<u32> {
        let p = self.alloc(REC_SIZE, self.ids.rec)?;
        self.pin.call(&mut self.store, p)?;
        let name = match self.lower_str(&r.name) {
            Ok(name) => name,
            Err(e) => {
                self.unpin.call(&mut self.store, p)?;
                return Err(e);
            }
        };
        let f = self.payload_mut(p, REC_SIZE)?;
        f[0..4].copy_from_slice(&r.id.to_le_bytes());
        f[8..16].copy_from_slice(&r.x.to_le_bytes());
        f[16..24].copy_from_slice(&r.y.to_le_bytes());
        f[24..28].copy_from_slice(&name.to_le_bytes());
        self.unpin.call(&mut self.store, p)?;
        Ok(p)
    }

    /// An `Array<Rec>`: buffer and header pinned while the records are allocated.
    fn lower_recs(&mut self, recs: &[Rec]) -> Result<u32> {
        let byte_length = u32::try_from(recs.len() * 4)?;
        let buf = self.alloc(byte_length, ARRAYBUFFER_ID)?;
        self.pin.call(&mut self.store, buf)?;
        let header = self.alloc(ARRAY_SIZE, self.ids.array_rec)?;
        self.pin.call(&mut self.store, header)?;
        let h = self.payload_mut(header, ARRAY_SIZE)?;
        h[0..4].copy_from_slice(&buf.to_le_bytes());
        h[4..8].copy_from_slice(&buf.to_le_bytes());
        h[8..12].copy_from_slice(&byte_length.to_le_bytes());
        h[12..16].copy_from_slice(&u32::try_from(recs.len())?.to_le_bytes());
        let mut result = Ok(());
        for (i, r) in recs.iter().enumerate() {
            match self.lower_rec(r) {
                Ok(p) => self.payload_mut(buf, byte_length)?[4 * i..4 * i + 4].copy_from_slice(&p.to_le_bytes()),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.unpin.call(&mut self.store, buf)?;
        self.unpin.call(&mut self.store, header)?;
        result.map(|()| header)
    }
}

impl Micro for RawMicro {
    #[inline]
    fn add(&mut self, a: i32, b: i32) -> Result<i32> {
        Ok(self.add.call(&mut self.store, (a, b))?)
    }
    fn keep_str(&mut self, slot: i32, s: &str) -> Result<()> {
        let p = self.lower_str(s)?;
        Ok(self.keep_str.call(&mut self.store, (slot, p))?)
    }
    #[inline]
    fn kept_str(&mut self, slot: i32) -> Result<String> {
        let p = self.kept_str.call(&mut self.store, slot)?;
        lift_str(self.mem(), p)
    }
    #[inline]
    fn str_len(&mut self, s: &str) -> Result<i32> {
        let p = self.lower_str(s)?;
        Ok(self.str_len.call(&mut self.store, p)?)
    }
    #[inline]
    fn echo_str(&mut self, s: &str) -> Result<String> {
        let p = self.lower_str(s)?;
        let r = self.echo_str.call(&mut self.store, p)?;
        lift_str(self.mem(), r)
    }
    fn keep_f32(&mut self, slot: i32, a: &[f32]) -> Result<()> {
        let p = self.lower_buffered(&le_bytes(a, f32::to_le_bytes), self.ids.float32_array, None)?;
        Ok(self.keep_f32.call(&mut self.store, (slot, p))?)
    }
    #[inline]
    fn kept_f32(&mut self, slot: i32) -> Result<Vec<f32>> {
        let p = self.kept_f32.call(&mut self.store, slot)?;
        let range = elements(self.mem(), p, self.ids.float32_array, false, 2, "Float32Array")?;
        Ok(copy_out(&self.mem()[range], f32::from_le_bytes))
    }
    #[inline]
    fn kept_f32_view(&mut self, slot: i32) -> Result<&mut [f32]> {
        let p = self.kept_f32.call(&mut self.store, slot)?;
        let range = elements(self.mem(), p, self.ids.float32_array, false, 2, "Float32Array")?;
        if !cfg!(target_endian = "little") {
            return Err("views need a little-endian host".into());
        }
        let bytes = &mut self.memory.data_mut(&mut self.store)[range];
        Ok(bytemuck::try_cast_slice_mut(bytes).map_err(|e| format!("Float32Array view: {e}"))?)
    }
    #[inline]
    fn sum_f32(&mut self, a: &[f32]) -> Result<f64> {
        let p = self.lower_buffered(&le_bytes(a, f32::to_le_bytes), self.ids.float32_array, None)?;
        Ok(self.sum_f32.call(&mut self.store, p)?)
    }
    fn keep_f64(&mut self, slot: i32, a: &[f64]) -> Result<()> {
        let p = self.lower_buffered(&le_bytes(a, f64::to_le_bytes), self.ids.array_f64, Some(a.len()))?;
        Ok(self.keep_f64.call(&mut self.store, (slot, p))?)
    }
    #[inline]
    fn kept_f64(&mut self, slot: i32) -> Result<Vec<f64>> {
        let p = self.kept_f64.call(&mut self.store, slot)?;
        let range = elements(self.mem(), p, self.ids.array_f64, true, 3, "Array<f64>")?;
        Ok(copy_out(&self.mem()[range], f64::from_le_bytes))
    }
    #[inline]
    fn sum_f64(&mut self, a: &[f64]) -> Result<f64> {
        let p = self.lower_buffered(&le_bytes(a, f64::to_le_bytes), self.ids.array_f64, Some(a.len()))?;
        Ok(self.sum_f64.call(&mut self.store, p)?)
    }
    #[inline]
    fn echo_rec(&mut self, r: &Rec) -> Result<Rec> {
        let p = self.lower_rec(r)?;
        let out = self.echo_rec.call(&mut self.store, p)?;
        lift_rec(self.mem(), out, self.ids.rec)
    }
    fn keep_recs(&mut self, slot: i32, a: &[Rec]) -> Result<()> {
        let p = self.lower_recs(a)?;
        Ok(self.keep_recs.call(&mut self.store, (slot, p))?)
    }
    #[inline]
    fn kept_recs(&mut self, slot: i32) -> Result<Vec<Rec>> {
        let p = self.kept_recs.call(&mut self.store, slot)?;
        let (mem, ids) = (self.mem(), self.ids);
        let ptrs = elements(mem, p, ids.array_rec, true, 2, "Array<Rec>")?;
        mem[ptrs]
            .chunks_exact(4)
            .map(|c| lift_rec(mem, u32::from_le_bytes(c.try_into().expect("4 bytes")), ids.rec))
            .collect()
    }
    fn kept_str_ptr(&mut self, slot: i32) -> Result<u32> {
        Ok(self.kept_str.call(&mut self.store, slot)?)
    }
    #[inline]
    fn alloc_string(&mut self, size: u32) -> Result<u32> {
        self.alloc(size, STRING_ID)
    }
    #[inline]
    fn pin_unpin(&mut self, ptr: u32) -> Result<()> {
        self.pin.call(&mut self.store, ptr)?;
        Ok(self.unpin.call(&mut self.store, ptr)?)
    }
    fn header(&self, ptr: u32) -> Result<(u32, u32)> {
        let h = (ptr as usize).checked_sub(8).ok_or("header out of bounds")?;
        Ok((u32_at(self.mem(), h)?, u32_at(self.mem(), h + 4)?))
    }
}
