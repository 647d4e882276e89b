//! Each case's call, written once for any [`Micro`] host: set up, one checked call, and the
//! timed loop.

use std::hint::black_box;

use asbind_bench::Result;

use super::cases::{self, Case, Op};
use super::host::{Micro, Rec};

/// What a case passes in.
#[derive(Debug, Clone)]
enum Input {
    None,
    Str(String),
    F32s(Vec<f32>),
    F64s(Vec<f64>),
    Rec(Rec),
}

/// A case set up on one host.
#[derive(Debug, Clone)]
pub struct Prepared {
    op: Op,
    n: usize,
    slot: i32,
    input: Input,
    /// The object of the pin row.
    ptr: u32,
}

/// What a call returns, comparable across hosts.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// A number (`add`, `str_len`).
    Int(i64),
    /// A sum.
    F64(f64),
    /// A string.
    Str(String),
    /// Float32Array elements.
    F32s(Vec<f32>),
    /// `Array<f64>` elements.
    F64s(Vec<f64>),
    /// A record.
    Rec(Rec),
    /// Records.
    Recs(Vec<Rec>),
    /// An object's runtime id and payload size.
    Object(u32, u32),
}

/// Stores what the case lifts in the module (slot `slot`) and builds what it lowers.
pub fn prepare<H: Micro>(h: &mut H, case: &Case, slot: i32) -> Result<Prepared> {
    let n = case.n;
    let mut input = Input::None;
    let mut ptr = 0;
    match case.op {
        Op::Add | Op::New => {}
        Op::StrLower | Op::StrEcho => input = Input::Str(cases::text(case.text, n)),
        Op::StrLift => h.keep_str(slot, &cases::text(case.text, n))?,
        Op::PinUnpin => {
            h.keep_str(slot, &cases::text(case.text, n))?;
            ptr = h.kept_str_ptr(slot)?;
        }
        Op::F32Lower => input = Input::F32s(cases::f32s(n)),
        Op::F32Lift | Op::F32View => h.keep_f32(slot, &cases::f32s(n))?,
        Op::F64Lower => input = Input::F64s(cases::f64s(n)),
        Op::F64Lift => h.keep_f64(slot, &cases::f64s(n))?,
        Op::RecEcho => input = Input::Rec(cases::rec()),
        Op::RecsLift => h.keep_recs(slot, &cases::recs(n))?,
    }
    Ok(Prepared { op: case.op, n, slot, input, ptr })
}

/// The correct result of a case.
pub fn expected(case: &Case, string_id: u32) -> Output {
    let n = case.n;
    match case.op {
        Op::Add => Output::Int(42),
        Op::StrLower => Output::Int(cases::text(case.text, n).encode_utf16().count() as i64),
        Op::StrLift | Op::StrEcho | Op::PinUnpin => Output::Str(cases::text(case.text, n)),
        Op::F32Lower => Output::F64(cases::f32s(n).iter().map(|&v| v as f64).sum()),
        Op::F32Lift | Op::F32View => Output::F32s(cases::f32s(n)),
        Op::F64Lower => Output::F64(cases::f64s(n).iter().sum()),
        Op::F64Lift => Output::F64s(cases::f64s(n)),
        Op::RecEcho => Output::Rec(cases::rec()),
        Op::RecsLift => Output::Recs(cases::recs(n)),
        Op::New => Output::Object(string_id, n as u32),
    }
}

fn input_str(p: &Prepared) -> &str {
    if let Input::Str(s) = &p.input { s } else { "" }
}

fn input_f32s(p: &Prepared) -> &[f32] {
    if let Input::F32s(v) = &p.input { v } else { &[] }
}

fn input_f64s(p: &Prepared) -> &[f64] {
    if let Input::F64s(v) = &p.input { v } else { &[] }
}

fn input_rec(p: &Prepared) -> Result<&Rec> {
    if let Input::Rec(r) = &p.input { Ok(r) } else { Err("not a record case".into()) }
}

/// One call of the case; its result. For the pin row, the pinned string read back afterwards;
/// for `__new`, the new object's header.
pub fn call<H: Micro>(h: &mut H, p: &Prepared) -> Result<Output> {
    Ok(match p.op {
        Op::Add => Output::Int(h.add(40, 2)?.into()),
        Op::StrLower => Output::Int(h.str_len(input_str(p))?.into()),
        Op::StrLift => Output::Str(h.kept_str(p.slot)?),
        Op::StrEcho => Output::Str(h.echo_str(input_str(p))?),
        Op::F32Lower => Output::F64(h.sum_f32(input_f32s(p))?),
        Op::F32Lift => Output::F32s(h.kept_f32(p.slot)?),
        Op::F32View => Output::F32s(h.kept_f32_view(p.slot)?.to_vec()),
        Op::F64Lower => Output::F64(h.sum_f64(input_f64s(p))?),
        Op::F64Lift => Output::F64s(h.kept_f64(p.slot)?),
        Op::RecEcho => Output::Rec(h.echo_rec(input_rec(p)?)?),
        Op::RecsLift => Output::Recs(h.kept_recs(p.slot)?),
        Op::New => {
            let ptr = h.alloc_string(p.n as u32)?;
            let (id, size) = h.header(ptr)?;
            Output::Object(id, size)
        }
        Op::PinUnpin => {
            h.pin_unpin(p.ptr)?;
            Output::Str(h.kept_str(p.slot)?)
        }
    })
}

/// `iters` calls of the case, inputs and results through [`black_box`]: the timed loop. One
/// loop per op, so each is compiled for its host without a dispatch per call.
pub fn run<H: Micro>(h: &mut H, p: &Prepared, iters: u64) -> Result<()> {
    macro_rules! repeat {
        ($call:expr) => {
            for _ in 0..iters {
                black_box($call?);
            }
        };
    }
    let (slot, s, f32s, f64s) = (p.slot, input_str(p), input_f32s(p), input_f64s(p));
    match p.op {
        Op::Add => repeat!(h.add(black_box(40), black_box(2))),
        Op::StrLower => repeat!(h.str_len(black_box(s))),
        Op::StrLift => repeat!(h.kept_str(black_box(slot))),
        Op::StrEcho => repeat!(h.echo_str(black_box(s))),
        Op::F32Lower => repeat!(h.sum_f32(black_box(f32s))),
        Op::F32Lift => repeat!(h.kept_f32(black_box(slot))),
        Op::F32View => repeat!(h.kept_f32_view(black_box(slot)).map(|v| (v.as_ptr(), v.len()))),
        Op::F64Lower => repeat!(h.sum_f64(black_box(f64s))),
        Op::F64Lift => repeat!(h.kept_f64(black_box(slot))),
        Op::RecEcho => {
            let r = input_rec(p)?;
            repeat!(h.echo_rec(black_box(r)))
        }
        Op::RecsLift => repeat!(h.kept_recs(black_box(slot))),
        Op::New => repeat!(h.alloc_string(black_box(p.n as u32))),
        Op::PinUnpin => repeat!(h.pin_unpin(black_box(p.ptr))),
    }
    Ok(())
}
