//! Hand-written bindings for `fixtures/values.wasm` in the shape the generator will emit:
//! exports resolved once, one typed method per export, records as structs with `Lift`/`Lower`.
//! Ids come from `fixtures/values.js` (identical for the incremental, minimal and stub builds).
#![allow(dead_code)]

use asbind::wasmtime::{Global, TypedFunc, Val};
use asbind::{Ctx, Imports, Instance, Lift, Lower, Ref, Result, kinds};

pub const INT8ARRAY: u32 = 10;
pub const UINT8ARRAY: u32 = 9;
pub const UINT8CLAMPEDARRAY: u32 = 13;
pub const INT16ARRAY: u32 = 14;
pub const UINT16ARRAY: u32 = 16;
pub const INT32ARRAY: u32 = 4;
pub const UINT32ARRAY: u32 = 19;
pub const INT64ARRAY: u32 = 21;
pub const UINT64ARRAY: u32 = 23;
pub const FLOAT32ARRAY: u32 = 25;
pub const FLOAT64ARRAY: u32 = 27;
pub const ARRAY_I32: u32 = 5;
pub const ARRAY_STRING: u32 = 6;
pub const ARRAY_F64: u32 = 29;
pub const ARRAY_BOOL: u32 = 31;
pub const ARRAY_NULLABLE_STRING: u32 = 33;
pub const ARRAY_ARRAY_I32: u32 = 34;
pub const ARRAY_POINT: u32 = 40;
pub const ARRAY_COUNTER: u32 = 43;
pub const STATICARRAY_U16: u32 = 8;
pub const STATICARRAY_STRING: u32 = 36;

/// `src/values/Inner` (record, id 38, 4 bytes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inner {
    pub v: i8,
    pub w: i16,
}

/// `src/values/Mixed` (record, id 37, 64 bytes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mixed {
    pub a: u8,
    pub b: f64,
    pub c: i32,
    pub s: String,
    pub t: bool,
    pub h: u16,
    pub n: Option<String>,
    pub big: i64,
    pub ub: u64,
    pub u: u32,
    pub f: f32,
    pub arr: Vec<i32>,
    pub inner: Option<Inner>,
}

/// `src/values/Point` (record, id 7, 16 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// `src/values/Segment` (record, id 39, 12 bytes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segment {
    pub from: Point,
    pub to: Point,
    pub label: String,
}

/// `src/values/Counter` and subclasses (internref ids 41, 42).
pub struct Counter;
impl kinds::Class for Counter {
    const NAME: &'static str = "src/values/Counter";
    const IDS: &'static [u32] = &[41, 42];
}

/// `src/values/NamedCounter` (internref id 42).
pub struct NamedCounter;
impl kinds::Class for NamedCounter {
    const NAME: &'static str = "src/values/NamedCounter";
    const IDS: &'static [u32] = &[42];
}

impl Lift for Inner {
    fn describe() -> String {
        "src/values/Inner".into()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, p: u32) -> Result<Self> {
        cx.expect_object(p, &[38], 4, "src/values/Inner")?;
        Ok(Inner { v: cx.read(p)?, w: cx.read(p + 2)? })
    }
}
impl Lower for Inner {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        cx.lower_object(4, 38, |cx, p| {
            cx.write(p, self.v)?;
            cx.write(p + 2, self.w)
        })
    }
}
asbind::impl_reference_element!(Inner);

impl Lift for Mixed {
    fn describe() -> String {
        "src/values/Mixed".into()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, p: u32) -> Result<Self> {
        cx.expect_object(p, &[37], 64, "src/values/Mixed")?;
        Ok(Mixed {
            a: cx.read(p)?,
            b: cx.read(p + 8)?,
            c: cx.read(p + 16)?,
            s: cx.read_lift(p + 20)?,
            t: cx.read(p + 24)?,
            h: cx.read(p + 26)?,
            n: cx.read_lift(p + 28)?,
            big: cx.read(p + 32)?,
            ub: cx.read(p + 40)?,
            u: cx.read(p + 48)?,
            f: cx.read(p + 52)?,
            arr: cx.read_lift(p + 56)?,
            inner: cx.read_lift(p + 60)?,
        })
    }
}
impl Lower for Mixed {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        cx.lower_object(64, 37, |cx, p| {
            cx.write(p, self.a)?;
            cx.write(p + 8, self.b)?;
            cx.write(p + 16, self.c)?;
            cx.write_lowered(p + 20, &self.s)?;
            cx.write(p + 24, self.t)?;
            cx.write(p + 26, self.h)?;
            cx.write_lowered(p + 28, &self.n)?;
            cx.write(p + 32, self.big)?;
            cx.write(p + 40, self.ub)?;
            cx.write(p + 48, self.u)?;
            cx.write(p + 52, self.f)?;
            let arr = cx.lower_array(&self.arr, ARRAY_I32)?;
            cx.write(p + 56, arr)?;
            cx.write_lowered(p + 60, &self.inner)
        })
    }
}
asbind::impl_reference_element!(Mixed);

impl Lift for Point {
    fn describe() -> String {
        "src/values/Point".into()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, p: u32) -> Result<Self> {
        cx.expect_object(p, &[7], 16, "src/values/Point")?;
        Ok(Point { x: cx.read(p)?, y: cx.read(p + 8)? })
    }
}
impl Lower for Point {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        cx.lower_object(16, 7, |cx, p| {
            cx.write(p, self.x)?;
            cx.write(p + 8, self.y)
        })
    }
}
asbind::impl_reference_element!(Point);

impl Lift for Segment {
    fn describe() -> String {
        "src/values/Segment".into()
    }
    fn lift<D: 'static>(cx: &mut Ctx<'_, D>, p: u32) -> Result<Self> {
        cx.expect_object(p, &[39], 12, "src/values/Segment")?;
        Ok(Segment { from: cx.read_lift(p)?, to: cx.read_lift(p + 4)?, label: cx.read_lift(p + 8)? })
    }
}
impl Lower for Segment {
    fn lower<D: 'static>(&self, cx: &mut Ctx<'_, D>) -> Result<u32> {
        cx.lower_object(12, 39, |cx, p| {
            cx.write_lowered(p, &self.from)?;
            cx.write_lowered(p + 4, &self.to)?;
            cx.write_lowered(p + 8, &self.label)
        })
    }
}

/// `src/values/Color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
    Blue,
}

/// The module: every export resolved once.
pub struct Values {
    pub inst: Instance,
    not_bool: TypedFunc<i32, i32>,
    neg_i8: TypedFunc<i32, i32>,
    neg_i16: TypedFunc<i32, i32>,
    neg_i32: TypedFunc<i32, i32>,
    neg_i64: TypedFunc<i64, i64>,
    inc_u8: TypedFunc<u32, u32>,
    inc_u16: TypedFunc<u32, u32>,
    inc_u32: TypedFunc<u32, u32>,
    inc_u64: TypedFunc<u64, u64>,
    neg_isize: TypedFunc<i32, i32>,
    inc_usize: TypedFunc<u32, u32>,
    half_f32: TypedFunc<f32, f32>,
    half_f64: TypedFunc<f64, f64>,
    u32_max: TypedFunc<(), u32>,
    u64_max: TypedFunc<(), u64>,
    i8_min: TypedFunc<(), i32>,
    mix_scalars: TypedFunc<(i32, u32, i64, f32, i32), f64>,
    concat: TypedFunc<(u32, u32), u32>,
    string_length: TypedFunc<u32, i32>,
    upper_or_null: TypedFunc<u32, u32>,
    empty_string: TypedFunc<(), u32>,
    unicode_string: TypedFunc<(), u32>,
    lone_surrogate: TypedFunc<(), u32>,
    repeat_string: TypedFunc<(u32, i32), u32>,
    reverse_buffer: TypedFunc<u32, u32>,
    twice: [TypedFunc<u32, u32>; 11],
    subarray_i16: TypedFunc<(), u32>,
    sum_i32_array: TypedFunc<u32, i32>,
    scale_f64_array: TypedFunc<(u32, f64), u32>,
    range_u64: TypedFunc<i32, u32>,
    negate_bools: TypedFunc<u32, u32>,
    join_strings: TypedFunc<(u32, u32), u32>,
    split_words: TypedFunc<u32, u32>,
    count_nulls: TypedFunc<u32, i32>,
    with_nulls: TypedFunc<(), u32>,
    transpose: TypedFunc<u32, u32>,
    static_squares: TypedFunc<i32, u32>,
    static_sum_u16: TypedFunc<u32, u32>,
    static_join: TypedFunc<u32, u32>,
    make_mixed: TypedFunc<(), u32>,
    bump_mixed: TypedFunc<u32, u32>,
    segment_length: TypedFunc<u32, f64>,
    make_segment: TypedFunc<(f64, f64, f64, f64, u32), u32>,
    centroid: TypedFunc<u32, u32>,
    grid_points: TypedFunc<i32, u32>,
    maybe_point: TypedFunc<i32, u32>,
    counter_new: TypedFunc<i32, u32>,
    counter_bump: TypedFunc<(u32, i32), i32>,
    counter_get: TypedFunc<u32, i32>,
    named_counter_new: TypedFunc<(u32, i32), u32>,
    counter_describe: TypedFunc<u32, u32>,
    maybe_counter: TypedFunc<i32, u32>,
    counters: TypedFunc<i32, u32>,
    sum_counters: TypedFunc<u32, i32>,
    next_color: TypedFunc<i32, i32>,
    bump_counter: TypedFunc<(), i32>,
    read_message: TypedFunc<(), u32>,
    with_defaults: TypedFunc<(i32, i32), i32>,
    greet: TypedFunc<(u32, u32), u32>,
    opt_tail: TypedFunc<(f64, i64, u32), u32>,
    g_answer: Global,
    g_big_u64: Global,
    g_pi_f32: Global,
    g_greeting: Global,
    g_counter: Global,
    g_flag: Global,
    g_message: Global,
    g_maybe_message: Global,
    colors: [i32; 3],
}

/// Which typed array `twice_*` to call.
#[derive(Debug, Clone, Copy)]
pub enum Twice {
    I8 = 0,
    U8,
    U8c,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
}

impl Values {
    /// Instantiates `fixtures/<name>.wasm` (`values`, `values_minimal` or `values_stub`).
    pub fn new(name: &str) -> Result<Self> {
        let mut imports = Imports::new();
        imports.seed(7.0);
        Self::with_imports(name, imports)
    }

    pub fn with_imports(name: &str, imports: Imports) -> Result<Self> {
        let module = super::module(name);
        let mut inst = Instance::with_imports(&module, imports, ())?;
        let twice_names = [
            "twice_i8",
            "twice_u8",
            "twice_u8c",
            "twice_i16",
            "twice_u16",
            "twice_i32",
            "twice_u32",
            "twice_i64",
            "twice_u64",
            "twice_f32",
            "twice_f64",
        ];
        let mut twice = Vec::new();
        for n in twice_names {
            twice.push(inst.func(n)?);
        }
        let mut colors = [0; 3];
        for (i, m) in ["Color.Red", "Color.Green", "Color.Blue"].iter().enumerate() {
            let g = inst.global(m)?;
            colors[i] = g.get(inst.store_mut()).unwrap_i32();
        }
        Ok(Values {
            not_bool: inst.func("not_bool")?,
            neg_i8: inst.func("neg_i8")?,
            neg_i16: inst.func("neg_i16")?,
            neg_i32: inst.func("neg_i32")?,
            neg_i64: inst.func("neg_i64")?,
            inc_u8: inst.func("inc_u8")?,
            inc_u16: inst.func("inc_u16")?,
            inc_u32: inst.func("inc_u32")?,
            inc_u64: inst.func("inc_u64")?,
            neg_isize: inst.func("neg_isize")?,
            inc_usize: inst.func("inc_usize")?,
            half_f32: inst.func("half_f32")?,
            half_f64: inst.func("half_f64")?,
            u32_max: inst.func("u32_max")?,
            u64_max: inst.func("u64_max")?,
            i8_min: inst.func("i8_min")?,
            mix_scalars: inst.func("mix_scalars")?,
            concat: inst.func("concat")?,
            string_length: inst.func("string_length")?,
            upper_or_null: inst.func("upper_or_null")?,
            empty_string: inst.func("empty_string")?,
            unicode_string: inst.func("unicode_string")?,
            lone_surrogate: inst.func("lone_surrogate")?,
            repeat_string: inst.func("repeat_string")?,
            reverse_buffer: inst.func("reverse_buffer")?,
            twice: twice.try_into().map_err(|_| asbind::Error::InvalidValue("twice".into()))?,
            subarray_i16: inst.func("subarray_i16")?,
            sum_i32_array: inst.func("sum_i32_array")?,
            scale_f64_array: inst.func("scale_f64_array")?,
            range_u64: inst.func("range_u64")?,
            negate_bools: inst.func("negate_bools")?,
            join_strings: inst.func("join_strings")?,
            split_words: inst.func("split_words")?,
            count_nulls: inst.func("count_nulls")?,
            with_nulls: inst.func("with_nulls")?,
            transpose: inst.func("transpose")?,
            static_squares: inst.func("static_squares")?,
            static_sum_u16: inst.func("static_sum_u16")?,
            static_join: inst.func("static_join")?,
            make_mixed: inst.func("make_mixed")?,
            bump_mixed: inst.func("bump_mixed")?,
            segment_length: inst.func("segment_length")?,
            make_segment: inst.func("make_segment")?,
            centroid: inst.func("centroid")?,
            grid_points: inst.func("grid_points")?,
            maybe_point: inst.func("maybe_point")?,
            counter_new: inst.func("counter_new")?,
            counter_bump: inst.func("counter_bump")?,
            counter_get: inst.func("counter_get")?,
            named_counter_new: inst.func("named_counter_new")?,
            counter_describe: inst.func("counter_describe")?,
            maybe_counter: inst.func("maybe_counter")?,
            counters: inst.func("counters")?,
            sum_counters: inst.func("sum_counters")?,
            next_color: inst.func("next_color")?,
            bump_counter: inst.func("bump_counter")?,
            read_message: inst.func("read_message")?,
            with_defaults: inst.func("with_defaults")?,
            greet: inst.func("greet")?,
            opt_tail: inst.func("opt_tail")?,
            g_answer: inst.global("ANSWER")?,
            g_big_u64: inst.global("BIG_U64")?,
            g_pi_f32: inst.global("PI_F32")?,
            g_greeting: inst.global("GREETING")?,
            g_counter: inst.global("counter")?,
            g_flag: inst.global("flag")?,
            g_message: inst.global("message")?,
            g_maybe_message: inst.global("maybe_message")?,
            colors,
            inst,
        })
    }

    // ---- scalars ----
    pub fn not_bool(&mut self, b: bool) -> Result<bool> {
        Ok(self.inst.call(&self.not_bool, b as i32)? != 0)
    }
    pub fn neg_i8(&mut self, x: i8) -> Result<i8> {
        Ok(self.inst.call(&self.neg_i8, x as i32)? as i8)
    }
    pub fn neg_i16(&mut self, x: i16) -> Result<i16> {
        Ok(self.inst.call(&self.neg_i16, x as i32)? as i16)
    }
    pub fn neg_i32(&mut self, x: i32) -> Result<i32> {
        self.inst.call(&self.neg_i32, x)
    }
    pub fn neg_i64(&mut self, x: i64) -> Result<i64> {
        self.inst.call(&self.neg_i64, x)
    }
    pub fn inc_u8(&mut self, x: u8) -> Result<u8> {
        Ok(self.inst.call(&self.inc_u8, x as u32)? as u8)
    }
    pub fn inc_u16(&mut self, x: u16) -> Result<u16> {
        Ok(self.inst.call(&self.inc_u16, x as u32)? as u16)
    }
    pub fn inc_u32(&mut self, x: u32) -> Result<u32> {
        self.inst.call(&self.inc_u32, x)
    }
    pub fn inc_u64(&mut self, x: u64) -> Result<u64> {
        self.inst.call(&self.inc_u64, x)
    }
    pub fn neg_isize(&mut self, x: i32) -> Result<i32> {
        self.inst.call(&self.neg_isize, x)
    }
    pub fn inc_usize(&mut self, x: u32) -> Result<u32> {
        self.inst.call(&self.inc_usize, x)
    }
    pub fn half_f32(&mut self, x: f32) -> Result<f32> {
        self.inst.call(&self.half_f32, x)
    }
    pub fn half_f64(&mut self, x: f64) -> Result<f64> {
        self.inst.call(&self.half_f64, x)
    }
    pub fn u32_max(&mut self) -> Result<u32> {
        self.inst.call(&self.u32_max, ())
    }
    pub fn u64_max(&mut self) -> Result<u64> {
        self.inst.call(&self.u64_max, ())
    }
    pub fn i8_min(&mut self) -> Result<i8> {
        Ok(self.inst.call(&self.i8_min, ())? as i8)
    }
    pub fn mix_scalars(&mut self, a: i8, b: u16, c: i64, d: f32, e: bool) -> Result<f64> {
        self.inst.call(&self.mix_scalars, (a as i32, b as u32, c, d, e as i32))
    }

    // ---- strings ----
    pub fn concat(&mut self, a: &str, b: &str) -> Result<String> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_str(a)?;
        cx.hold(a)?;
        let b = cx.lower_str(b)?;
        let r = cx.call(&self.concat, (a, b))?;
        cx.lift(r)
    }
    pub fn string_length(&mut self, s: &str) -> Result<i32> {
        let mut cx = self.inst.ctx();
        let s = cx.lower_str(s)?;
        cx.call(&self.string_length, s)
    }
    pub fn upper_or_null(&mut self, s: Option<&str>) -> Result<Option<String>> {
        let mut cx = self.inst.ctx();
        let s = cx.lower(&s)?;
        let r = cx.call(&self.upper_or_null, s)?;
        cx.lift(r)
    }
    pub fn empty_string(&mut self) -> Result<String> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.empty_string, ())?;
        cx.lift(r)
    }
    pub fn unicode_string(&mut self) -> Result<String> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.unicode_string, ())?;
        cx.lift(r)
    }
    /// Raw pointer result, for the strict/lossy/UTF-16 tests.
    pub fn lone_surrogate_ptr(&mut self) -> Result<u32> {
        self.inst.call(&self.lone_surrogate, ())
    }
    pub fn repeat_string(&mut self, s: &str, n: i32) -> Result<String> {
        let mut cx = self.inst.ctx();
        let s = cx.lower_str(s)?;
        let r = cx.call(&self.repeat_string, (s, n))?;
        cx.lift(r)
    }

    // ---- buffers and typed arrays ----
    pub fn reverse_buffer(&mut self, b: &[u8]) -> Result<Vec<u8>> {
        let mut cx = self.inst.ctx();
        let b = cx.lower_array_buffer(b)?;
        let r = cx.call(&self.reverse_buffer, b)?;
        cx.lift_array_buffer(r)
    }
    pub fn twice<T: asbind::Scalar>(&mut self, which: Twice, values: &[T], id: u32) -> Result<Vec<T>> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_typed_array(values, id)?;
        let r = cx.call(&self.twice[which as usize], a)?;
        cx.lift_vec(r)
    }
    pub fn subarray_i16(&mut self) -> Result<Vec<i16>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.subarray_i16, ())?;
        cx.lift_vec(r)
    }
    pub fn subarray_i16_ptr(&mut self) -> Result<u32> {
        self.inst.call(&self.subarray_i16, ())
    }

    // ---- arrays ----
    pub fn sum_i32_array(&mut self, a: &[i32]) -> Result<i32> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_array(a, ARRAY_I32)?;
        cx.call(&self.sum_i32_array, a)
    }
    pub fn scale_f64_array(&mut self, a: &[f64], k: f64) -> Result<Vec<f64>> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_array(a, ARRAY_F64)?;
        let r = cx.call(&self.scale_f64_array, (a, k))?;
        cx.lift_vec(r)
    }
    pub fn range_u64(&mut self, n: i32) -> Result<Vec<u64>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.range_u64, n)?;
        cx.lift_vec(r)
    }
    pub fn negate_bools(&mut self, a: &[bool]) -> Result<Vec<bool>> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_array(a, ARRAY_BOOL)?;
        let r = cx.call(&self.negate_bools, a)?;
        cx.lift_vec(r)
    }
    pub fn join_strings(&mut self, a: &[&str], sep: &str) -> Result<String> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_array_of(a, ARRAY_STRING)?;
        cx.hold(a)?;
        let sep = cx.lower_str(sep)?;
        let r = cx.call(&self.join_strings, (a, sep))?;
        cx.lift(r)
    }
    pub fn split_words(&mut self, s: &str) -> Result<Vec<String>> {
        let mut cx = self.inst.ctx();
        let s = cx.lower_str(s)?;
        let r = cx.call(&self.split_words, s)?;
        cx.lift(r)
    }
    pub fn count_nulls(&mut self, a: &[Option<&str>]) -> Result<i32> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_array_of(a, ARRAY_NULLABLE_STRING)?;
        cx.call(&self.count_nulls, a)
    }
    pub fn with_nulls(&mut self) -> Result<Vec<Option<String>>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.with_nulls, ())?;
        cx.lift(r)
    }
    pub fn transpose(&mut self, m: &[Vec<i32>]) -> Result<Vec<Vec<i32>>> {
        let mut cx = self.inst.ctx();
        let m = cx.lower_array_with(m, ARRAY_ARRAY_I32, |cx, row| cx.lower_array(row, ARRAY_I32))?;
        let r = cx.call(&self.transpose, m)?;
        cx.lift(r)
    }
    pub fn static_squares(&mut self, n: i32) -> Result<Vec<f64>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.static_squares, n)?;
        cx.lift(r)
    }
    pub fn static_sum_u16(&mut self, a: &[u16]) -> Result<u32> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_static_array(a, STATICARRAY_U16)?;
        cx.call(&self.static_sum_u16, a)
    }
    pub fn static_join(&mut self, a: &[&str]) -> Result<String> {
        let mut cx = self.inst.ctx();
        let a = cx.lower_static_array_with(a, STATICARRAY_STRING, |cx, s| cx.lower_str(s))?;
        let r = cx.call(&self.static_join, a)?;
        cx.lift(r)
    }

    // ---- records ----
    pub fn make_mixed(&mut self) -> Result<Mixed> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.make_mixed, ())?;
        cx.lift(r)
    }
    pub fn bump_mixed(&mut self, m: &Mixed) -> Result<Mixed> {
        let mut cx = self.inst.ctx();
        let m = cx.lower(m)?;
        let r = cx.call(&self.bump_mixed, m)?;
        cx.lift(r)
    }
    pub fn segment_length(&mut self, s: &Segment) -> Result<f64> {
        let mut cx = self.inst.ctx();
        let s = cx.lower(s)?;
        cx.call(&self.segment_length, s)
    }
    pub fn make_segment(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, label: &str) -> Result<Segment> {
        let mut cx = self.inst.ctx();
        let label = cx.lower_str(label)?;
        let r = cx.call(&self.make_segment, (x0, y0, x1, y1, label))?;
        cx.lift(r)
    }
    pub fn centroid(&mut self, ps: &[Point]) -> Result<Point> {
        let mut cx = self.inst.ctx();
        let ps = cx.lower_array_of(ps, ARRAY_POINT)?;
        let r = cx.call(&self.centroid, ps)?;
        cx.lift(r)
    }
    pub fn grid_points(&mut self, n: i32) -> Result<Vec<Point>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.grid_points, n)?;
        cx.lift(r)
    }
    pub fn maybe_point(&mut self, make: bool) -> Result<Option<Point>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.maybe_point, make as i32)?;
        cx.lift(r)
    }

    // ---- internrefs ----
    pub fn counter_new(&mut self, start: i32) -> Result<Ref<Counter>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.counter_new, start)?;
        cx.lift(r)
    }
    pub fn counter_bump(&mut self, c: &Ref<Counter>, by: i32) -> Result<i32> {
        let mut cx = self.inst.ctx();
        let c = cx.lower(c)?;
        cx.call(&self.counter_bump, (c, by))
    }
    pub fn counter_get(&mut self, c: &Ref<Counter>) -> Result<i32> {
        let mut cx = self.inst.ctx();
        let c = cx.lower(c)?;
        cx.call(&self.counter_get, c)
    }
    pub fn named_counter_new(&mut self, name: &str, start: i32) -> Result<Ref<NamedCounter>> {
        let mut cx = self.inst.ctx();
        let name = cx.lower_str(name)?;
        let r = cx.call(&self.named_counter_new, (name, start))?;
        cx.lift(r)
    }
    pub fn counter_describe<K>(&mut self, c: &Ref<K>) -> Result<String> {
        let mut cx = self.inst.ctx();
        let c = cx.lower(c)?;
        let r = cx.call(&self.counter_describe, c)?;
        cx.lift(r)
    }
    pub fn maybe_counter(&mut self, make: bool) -> Result<Option<Ref<Counter>>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.maybe_counter, make as i32)?;
        cx.lift(r)
    }
    pub fn counters(&mut self, n: i32) -> Result<Vec<Ref<Counter>>> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.counters, n)?;
        cx.lift(r)
    }
    pub fn sum_counters(&mut self, cs: &[Ref<Counter>]) -> Result<i32> {
        let mut cx = self.inst.ctx();
        let cs = cx.lower_array_of(cs, ARRAY_COUNTER)?;
        cx.call(&self.sum_counters, cs)
    }

    // ---- enums ----
    pub fn next_color(&mut self, c: Color) -> Result<Color> {
        let raw = self.inst.call(&self.next_color, self.colors[c as usize])?;
        let i = self
            .colors
            .iter()
            .position(|&v| v == raw)
            .ok_or_else(|| asbind::Error::InvalidValue(format!("{raw} is not a Color")))?;
        Ok([Color::Red, Color::Green, Color::Blue][i])
    }
    pub fn color_values(&self) -> [i32; 3] {
        self.colors
    }

    // ---- globals ----
    pub fn answer(&mut self) -> i32 {
        self.g_answer.get(self.inst.store_mut()).unwrap_i32()
    }
    pub fn big_u64(&mut self) -> u64 {
        self.g_big_u64.get(self.inst.store_mut()).unwrap_i64() as u64
    }
    pub fn pi_f32(&mut self) -> f32 {
        self.g_pi_f32.get(self.inst.store_mut()).unwrap_f32()
    }
    pub fn greeting(&mut self) -> Result<String> {
        let p = self.g_greeting.get(self.inst.store_mut()).unwrap_i32() as u32;
        self.inst.ctx().lift(p)
    }
    pub fn counter(&mut self) -> i32 {
        self.g_counter.get(self.inst.store_mut()).unwrap_i32()
    }
    pub fn set_counter(&mut self, v: i32) -> Result<()> {
        self.g_counter.set(self.inst.store_mut(), Val::I32(v)).map_err(|e| asbind::Error::InvalidValue(e.to_string()))
    }
    pub fn flag(&mut self) -> bool {
        self.g_flag.get(self.inst.store_mut()).unwrap_i32() != 0
    }
    pub fn set_flag(&mut self, v: bool) -> Result<()> {
        self.g_flag
            .set(self.inst.store_mut(), Val::I32(v as i32))
            .map_err(|e| asbind::Error::InvalidValue(e.to_string()))
    }
    pub fn message(&mut self) -> Result<String> {
        let p = self.g_message.get(self.inst.store_mut()).unwrap_i32() as u32;
        self.inst.ctx().lift(p)
    }
    pub fn set_message(&mut self, s: &str) -> Result<()> {
        let p = self.inst.ctx().lower_str(s)?;
        self.g_message
            .set(self.inst.store_mut(), Val::I32(p as i32))
            .map_err(|e| asbind::Error::InvalidValue(e.to_string()))
    }
    pub fn maybe_message(&mut self) -> Result<Option<String>> {
        let p = self.g_maybe_message.get(self.inst.store_mut()).unwrap_i32() as u32;
        self.inst.ctx().lift(p)
    }
    pub fn bump_counter(&mut self) -> Result<i32> {
        self.inst.call(&self.bump_counter, ())
    }
    pub fn read_message(&mut self) -> Result<String> {
        let mut cx = self.inst.ctx();
        let r = cx.call(&self.read_message, ())?;
        cx.lift(r)
    }

    // ---- optional parameters ----
    pub fn with_defaults(&mut self, a: i32, b: Option<i32>) -> Result<i32> {
        let mut cx = self.inst.ctx();
        cx.set_arguments_length(1 + b.is_some() as u32)?;
        cx.call(&self.with_defaults, (a, b.unwrap_or(0)))
    }
    pub fn greet(&mut self, name: &str, greeting: Option<&str>) -> Result<String> {
        let mut cx = self.inst.ctx();
        let name = cx.lower_str(name)?;
        let greeting = match greeting {
            Some(g) => {
                cx.hold(name)?;
                cx.lower_str(g)?
            }
            None => 0,
        };
        cx.set_arguments_length(1 + greeting.min(1))?;
        let r = cx.call(&self.greet, (name, greeting))?;
        cx.lift(r)
    }
    /// `opt_tail(a, b?, c?)`: `c` can only be given with `b`.
    pub fn opt_tail(&mut self, a: f64, b: Option<i64>, c: Option<Option<&str>>) -> Result<String> {
        let mut cx = self.inst.ctx();
        let given = 1 + b.is_some() as u32 + (b.is_some() && c.is_some()) as u32;
        let c_ptr = match (b, c) {
            (Some(_), Some(c)) => cx.lower(&c)?,
            _ => 0,
        };
        cx.set_arguments_length(given)?;
        let r = cx.call(&self.opt_tail, (a, b.unwrap_or(0), c_ptr))?;
        cx.lift(r)
    }

    /// Runs `__collect`.
    pub fn collect(&mut self) -> Result<()> {
        self.inst.collect()
    }
}
