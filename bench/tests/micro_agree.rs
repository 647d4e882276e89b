//! The microbenchmark's hosts do the same work: for every case of `micro/cases.json` (at small
//! sizes) the raw baseline and asbind's bindings return the same, correct value, and the timed
//! loops run. Plus the raw host's transcoding on every kind of text.

#[path = "../benches/micro/mod.rs"]
mod micro;

use micro::cases::{self, Case, Op, Text};
use micro::host::{AsbindMicro, Micro};
use micro::raw::RawMicro;
use micro::run::{self, Output};
use micro::utf16;

fn hosts() -> (RawMicro, AsbindMicro) {
    let raw = RawMicro::new(AsbindMicro::compiled().unwrap().wasmtime()).unwrap();
    (raw, AsbindMicro::new().unwrap())
}

/// The case at a size a debug build runs in milliseconds; odd, so no length is a round number.
fn small(case: &Case) -> Case {
    let mut c = case.clone();
    c.n = c.n.min(if c.op == Op::RecsLift { 301 } else { 4099 });
    c
}

#[test]
fn every_case_returns_the_right_value_on_both_hosts() {
    let (mut raw, mut asbind) = hosts();
    let string_id = asbind.module().instance().abi().string_id();
    let all = cases::load().unwrap();
    assert!(all.len() >= 20, "{} cases", all.len());
    for (slot, case) in all.iter().map(small).enumerate() {
        let slot = slot as i32;
        let want = run::expected(&case, string_id);
        let pr = run::prepare(&mut raw, &case, slot).unwrap();
        let pa = run::prepare(&mut asbind, &case, slot).unwrap();
        assert_eq!(run::call(&mut raw, &pr).unwrap(), want, "{}: raw", case.name);
        assert_eq!(run::call(&mut asbind, &pa).unwrap(), want, "{}: asbind", case.name);
        run::run(&mut raw, &pr, 3).unwrap();
        run::run(&mut asbind, &pa, 3).unwrap();
        // The values stay put across the timed calls (a lift does not consume them).
        assert_eq!(run::call(&mut raw, &pr).unwrap(), want, "{}: raw, again", case.name);
        assert_eq!(run::call(&mut asbind, &pa).unwrap(), want, "{}: asbind, again", case.name);
    }
    assert_eq!(asbind.module().instance().pinned_count(), 0, "asbind left objects pinned");
}

#[test]
fn the_expected_values_are_what_the_module_computes() {
    // Spot checks of `run::expected` against arithmetic done here, so a wrong expectation
    // cannot hide behind two hosts that agree with it.
    let case = |op, n, text| Case { name: "t".into(), label: "t".into(), op, n, text, memcpy: false };
    assert_eq!(run::expected(&case(Op::Add, 0, Text::Ascii), 2), Output::Int(42));
    // 0.25 * (0 + 1 + ... + 999) over 1000 elements, then 0.25 * (0 + 1 + 2) for the last 3.
    assert_eq!(run::expected(&case(Op::F32Lower, 1003, Text::Ascii), 2), Output::F64(0.25 * (499_500.0 + 3.0)));
    assert_eq!(run::expected(&case(Op::F64Lower, 4, Text::Ascii), 2), Output::F64(3.0));
    assert_eq!(run::expected(&case(Op::StrLower, 5, Text::Cyrillic), 2), Output::Int(5));
    assert_eq!(cases::text(Text::Cyrillic, 3), "АБВ");
    assert_eq!(cases::text(Text::Cyrillic, 3).len(), 6, "2 bytes a letter");
    assert_eq!(cases::text(Text::Ascii, 3), " !\"");
    assert_eq!(run::expected(&case(Op::New, 32, Text::Ascii), 2), Output::Object(2, 32));
}

#[test]
fn cases_json_covers_every_op_and_the_node_script_knows_them() {
    let all = cases::load().unwrap();
    let mut names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all.len(), "case names repeat");
    let node = std::fs::read_to_string(cases::micro_dir().join("node_micro.mjs")).unwrap();
    let json = std::fs::read_to_string(cases::micro_dir().join("cases.json")).unwrap();
    for op in [
        "add",
        "str_lower",
        "str_lift",
        "str_echo",
        "f32_lower",
        "f32_lift",
        "f32_view",
        "f64_lower",
        "f64_lift",
        "rec_echo",
        "recs_lift",
        "new",
        "pin_unpin",
    ] {
        assert!(json.contains(&format!("\"op\": \"{op}\"")), "no case of op {op}");
        assert!(node.contains(&format!("case \"{op}\":")), "node_micro.mjs does not handle op {op}");
    }
}

#[test]
fn the_table_rows_are_labelled_and_memcpy_copies_the_payload() {
    let all = cases::load().unwrap();
    let mut labels: Vec<&str> = all.iter().map(|c| c.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), all.len(), "labels repeat");
    let bytes = |name: &str| {
        let c = all.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"));
        assert!(c.memcpy, "{name} has no memcpy column");
        cases::payload_bytes(c)
    };
    assert_eq!(bytes("str_1m_lift"), 2 << 20, "1 Mi ASCII characters are 2 MiB of UTF-16");
    assert_eq!(bytes("str_1m_cyr_lift"), 1 << 20, "1 MiB of Cyrillic UTF-8 is 1 MiB of UTF-16");
    assert_eq!(bytes("f32_1m_lift"), 4 << 20);
    assert_eq!(bytes("f64_1m_lift"), 8 << 20);
    // 10 000 pointers and 28-byte records, names "rec 0" .. "rec 9999" (78 890 characters).
    assert_eq!(bytes("recs_10k_lift"), 10_000 * 32 + 2 * 78_890);
}

#[test]
fn strings_of_every_width_round_trip_on_both_hosts() {
    let (mut raw, mut asbind) = hosts();
    for s in ["", "a", "ASCII only", "Grüße", "Съешь же ещё", "漢字かな交じり", "emoji 🦀 and 𝄞", &"🦀é".repeat(3000)]
    {
        let units = s.encode_utf16().count() as i32;
        assert_eq!(raw.echo_str(s).unwrap(), s);
        assert_eq!(asbind.echo_str(s).unwrap(), s);
        assert_eq!(raw.str_len(s).unwrap(), units, "{s:?}");
        assert_eq!(asbind.str_len(s).unwrap(), units, "{s:?}");
        assert_eq!(utf16::utf16_len(s), (units as usize, s.is_ascii()));
        let units: Vec<u16> = s.encode_utf16().collect();
        assert_eq!(utf16::utf8_len(&units), s.len(), "{s:?}");
    }
}

#[test]
fn an_unpaired_surrogate_fails_on_both_hosts() {
    // Raw: the decoder it lifts every string with.
    let le = |units: &[u16]| units.iter().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>();
    assert!(utf16::decode(&le(&[0x61, 0xD800, 0x62])).is_err());
    assert!(utf16::decode(&le(&[0xDC00])).is_err());
    assert_eq!(utf16::decode(&le(&[0xD83E, 0xDD80])).unwrap(), "🦀");
    // Odd-aligned input takes the copying path and decodes the same.
    let mut odd = vec![0u8];
    odd.extend(le(&[0x416, 0x20, 0xD83E, 0xDD80]));
    assert_eq!(utf16::decode(&odd[1..]).unwrap(), "Ж 🦀");
    // asbind: a lone surrogate stored in the module does not lift (strict by default).
    let (_, mut asbind) = hosts();
    let m = asbind.module().instance_mut();
    let keep = m.func::<(i32, u32), ()>("keep_str").unwrap();
    let mut cx = m.ctx();
    let p = cx.lower_utf16(&[0x61, 0xD800]).unwrap();
    cx.call(&keep, (0, p)).unwrap();
    assert!(asbind.kept_str(0).is_err());
}
