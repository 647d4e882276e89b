//! [`Micro`]: the module's exports as both hosts offer them, and [`AsbindMicro`], the host on
//! asbind's generated bindings (`asbind::include!`), which is what the benchmark measures.

use asbind::wasmtime::TypedFunc;
use asbind_bench::Result;

asbind::include!("micro/micro.wasm");

/// The module's record (`class Rec { id: i32; x: f64; y: f64; name: string }`), as the bindings
/// generate it. The raw host fills it by hand: it is only a plain struct there.
pub use micro::Rec;

/// One host of `micro.wasm`: every export the cases call, plus the runtime calls.
pub trait Micro {
    /// `add(a, b)`.
    fn add(&mut self, a: i32, b: i32) -> Result<i32>;
    /// `keep_str(slot, s)`: stores a string in the module.
    fn keep_str(&mut self, slot: i32, s: &str) -> Result<()>;
    /// `kept_str(slot)`: the stored string, lifted.
    fn kept_str(&mut self, slot: i32) -> Result<String>;
    /// `str_len(s)`: lowers `s`, returns its length in UTF-16 code units.
    fn str_len(&mut self, s: &str) -> Result<i32>;
    /// `echo_str(s)`: lowers `s` and lifts it back.
    fn echo_str(&mut self, s: &str) -> Result<String>;
    /// `keep_f32(slot, a)`.
    fn keep_f32(&mut self, slot: i32, a: &[f32]) -> Result<()>;
    /// `kept_f32(slot)`, copied out.
    fn kept_f32(&mut self, slot: i32) -> Result<Vec<f32>>;
    /// `kept_f32(slot)`, borrowed in place.
    fn kept_f32_view(&mut self, slot: i32) -> Result<&mut [f32]>;
    /// `sum_f32(a)`: lowers a `Float32Array`.
    fn sum_f32(&mut self, a: &[f32]) -> Result<f64>;
    /// `keep_f64(slot, a)`.
    fn keep_f64(&mut self, slot: i32, a: &[f64]) -> Result<()>;
    /// `kept_f64(slot)`, copied out.
    fn kept_f64(&mut self, slot: i32) -> Result<Vec<f64>>;
    /// `sum_f64(a)`: lowers an `Array<f64>`.
    fn sum_f64(&mut self, a: &[f64]) -> Result<f64>;
    /// `echo_rec(r)`: lowers a record and lifts it back.
    fn echo_rec(&mut self, r: &Rec) -> Result<Rec>;
    /// `keep_recs(slot, a)`.
    fn keep_recs(&mut self, slot: i32, a: &[Rec]) -> Result<()>;
    /// `kept_recs(slot)`, copied out.
    fn kept_recs(&mut self, slot: i32) -> Result<Vec<Rec>>;
    /// The pointer `kept_str(slot)` returns (a live object, for the pin row).
    fn kept_str_ptr(&mut self, slot: i32) -> Result<u32>;
    /// `__new(size, String id)`: a string payload, unpinned.
    fn alloc_string(&mut self, size: u32) -> Result<u32>;
    /// Pins `ptr` and unpins it again.
    fn pin_unpin(&mut self, ptr: u32) -> Result<()>;
    /// The runtime id and payload size in the header of the object at `ptr`.
    fn header(&self, ptr: u32) -> Result<(u32, u32)>;
}

/// `micro.wasm` through asbind's generated bindings; the runtime rows through `Ctx`.
pub struct AsbindMicro {
    m: micro::Module,
    /// `kept_str` as a raw export (its pointer, not the lifted string).
    kept_str_raw: TypedFunc<i32, u32>,
    string_id: u32,
}

impl AsbindMicro {
    /// A fresh instance of the embedded module.
    pub fn new() -> Result<Self> {
        let mut m = micro::Module::new()?;
        let kept_str_raw = m.instance_mut().func("kept_str")?;
        let string_id = m.instance().abi().string_id();
        Ok(AsbindMicro { m, kept_str_raw, string_id })
    }

    /// The compiled module (shared with the raw host, so both run the same machine code).
    pub fn compiled() -> Result<asbind::Module> {
        Ok(micro::Module::compiled()?)
    }

    /// The bindings, for checks beyond the trait.
    pub fn module(&mut self) -> &mut micro::Module {
        &mut self.m
    }
}

impl Micro for AsbindMicro {
    #[inline]
    fn add(&mut self, a: i32, b: i32) -> Result<i32> {
        Ok(self.m.add(a, b)?)
    }
    fn keep_str(&mut self, slot: i32, s: &str) -> Result<()> {
        Ok(self.m.keep_str(slot, s)?)
    }
    #[inline]
    fn kept_str(&mut self, slot: i32) -> Result<String> {
        Ok(self.m.kept_str(slot)?)
    }
    #[inline]
    fn str_len(&mut self, s: &str) -> Result<i32> {
        Ok(self.m.str_len(s)?)
    }
    #[inline]
    fn echo_str(&mut self, s: &str) -> Result<String> {
        Ok(self.m.echo_str(s)?)
    }
    fn keep_f32(&mut self, slot: i32, a: &[f32]) -> Result<()> {
        Ok(self.m.keep_f32(slot, a)?)
    }
    #[inline]
    fn kept_f32(&mut self, slot: i32) -> Result<Vec<f32>> {
        Ok(self.m.kept_f32(slot)?)
    }
    #[inline]
    fn kept_f32_view(&mut self, slot: i32) -> Result<&mut [f32]> {
        Ok(self.m.kept_f32_view(slot)?)
    }
    #[inline]
    fn sum_f32(&mut self, a: &[f32]) -> Result<f64> {
        Ok(self.m.sum_f32(a)?)
    }
    fn keep_f64(&mut self, slot: i32, a: &[f64]) -> Result<()> {
        Ok(self.m.keep_f64(slot, a)?)
    }
    #[inline]
    fn kept_f64(&mut self, slot: i32) -> Result<Vec<f64>> {
        Ok(self.m.kept_f64(slot)?)
    }
    #[inline]
    fn sum_f64(&mut self, a: &[f64]) -> Result<f64> {
        Ok(self.m.sum_f64(a)?)
    }
    #[inline]
    fn echo_rec(&mut self, r: &Rec) -> Result<Rec> {
        Ok(self.m.echo_rec(r)?)
    }
    fn keep_recs(&mut self, slot: i32, a: &[Rec]) -> Result<()> {
        Ok(self.m.keep_recs(slot, a)?)
    }
    #[inline]
    fn kept_recs(&mut self, slot: i32) -> Result<Vec<Rec>> {
        Ok(self.m.kept_recs(slot)?)
    }
    fn kept_str_ptr(&mut self, slot: i32) -> Result<u32> {
        Ok(self.m.instance_mut().call(&self.kept_str_raw, slot)?)
    }
    #[inline]
    fn alloc_string(&mut self, size: u32) -> Result<u32> {
        Ok(self.m.instance_mut().ctx().alloc(size, self.string_id)?)
    }
    #[inline]
    fn pin_unpin(&mut self, ptr: u32) -> Result<()> {
        let mut cx = self.m.instance_mut().ctx();
        cx.raw_pin(ptr)?;
        Ok(cx.raw_unpin(ptr)?)
    }
    fn header(&self, ptr: u32) -> Result<(u32, u32)> {
        let mem = self.m.instance().reader()?;
        Ok((mem.rt_id(ptr)?, mem.rt_size(ptr)?))
    }
}
