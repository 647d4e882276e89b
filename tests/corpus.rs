//! Third-party AssemblyScript packages (corpus/, pinned with their licences) through asbind's
//! generated bindings, compared call by call with AssemblyScript's own JS glue under Node
//! (`tests/corpus/node_results.json`, written by `node tests/corpus/node_cases.mjs`). Every
//! corpus module that binds is included, so its bindings compile.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{Value, json};

asbind::include!("corpus/out/as_base64.wasm");
asbind::include!("corpus/out/as_hex.wasm");
asbind::include!("corpus/out/as_big.wasm");
asbind::include!("corpus/out/as_bignum.wasm");
asbind::include!("corpus/out/as_string_sink.wasm");
asbind::include!("corpus/out/wasm_crypto.wasm");
asbind::include!("corpus/out/json_as.wasm");
// The other modules that bind: compiled here (they bind with warnings, or need a host).
asbind::include!("corpus/out/as_option.wasm");
asbind::include!("corpus/out/as_uuid.wasm");
asbind::include!("corpus/out/as_uuid_wasi.wasm");
asbind::include!("corpus/out/as_variant.wasm");
asbind::include!("corpus/out/as_virtual.wasm");
asbind::include!("corpus/out/assemblyscript_json.wasm");

/// The Node results, by case name.
fn oracle() -> &'static BTreeMap<String, Value> {
    static ORACLE: OnceLock<BTreeMap<String, Value>> = OnceLock::new();
    ORACLE.get_or_init(|| {
        let text = include_str!("corpus/node_results.json");
        serde_json::from_str(text).expect("node_results.json is valid JSON")
    })
}

/// JSON numbers compared by value: JavaScript has one number type, so `1.0` from an `f32` field
/// and `1` from Node are the same result.
fn normalize(v: &Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => json!(f as i64),
            _ => v.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, x)| (k.clone(), normalize(x))).collect()),
        other => other.clone(),
    }
}

/// Compares one case with Node's result and records it for the coverage check.
fn check(seen: &mut Vec<&'static str>, case: &'static str, ours: Value) {
    let theirs = oracle().get(case).unwrap_or_else(|| panic!("{case}: no Node result; rerun node_cases.mjs"));
    assert_eq!(normalize(&ours), normalize(theirs), "{case}: asbind and AssemblyScript's glue disagree");
    seen.push(case);
}

fn utf8(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

#[test]
fn corpus_modules_agree_with_assemblyscripts_glue() -> asbind::Result<()> {
    let mut seen = Vec::new();
    let s = &mut seen;

    let mut b64 = as_base64::Module::new()?;
    check(s, "as_base64.encode", json!(b64.encode(b"hello, corpus")?));
    check(s, "as_base64.decode", json!(b64.decode("aGVsbG8sIGNvcnB1cw==")?));
    check(s, "as_base64.encodeString", json!(b64.encode_string("AssemblyScript ✓")?));
    check(s, "as_base64.decodeToString", json!(b64.decode_to_string("QXNzZW1ibHlTY3JpcHQg4pyT")?));
    check(s, "as_base64.roundTripLength", json!(b64.round_trip_length(&[7; 1000])?));
    let many: Vec<Vec<u8>> = vec![utf8("a"), utf8("bc"), Vec::new()];
    check(s, "as_base64.encodeMany", json!(b64.encode_many(&many)?));

    let mut hex = as_hex::Module::new()?;
    check(s, "as_hex.encode", json!(hex.encode("héllo")?));
    check(s, "as_hex.decode", json!(hex.decode("68c3a96c6c6f")?));
    check(s, "as_hex.encodeAll", json!(hex.encode_all(&["", "a", "ÿ"])?));
    check(s, "as_hex.roundTrip", json!(hex.round_trip("round ↺ trip")?));

    let mut big = as_big::Module::new()?;
    check(s, "as_big.add", json!(big.add("0.1", "0.2")?));
    check(s, "as_big.mul", json!(big.mul("123456789.123", "-987.5")?));
    check(s, "as_big.div", json!(big.div("1", "3")?));
    check(s, "as_big.sqrt", json!(big.sqrt("2")?));
    check(s, "as_big.round", json!(big.round("3.14159", 2)?));
    check(s, "as_big.compare", json!(big.compare("10", "9.99")?));
    check(s, "as_big.sum", json!(big.sum(&["1.5", "2.25", "-0.75"])?));
    // `Big.of` makes a `BigOfString`, a private subclass of `Big`: no export names it and the
    // module was built without asbind's transform, so nothing records that it is a `Big`, and
    // the handle refuses it until the instance opts in.
    let refused = big.from_f64(1.25).map(drop).unwrap_err();
    assert!(matches!(refused, asbind::Error::WrongType { .. }), "{refused}");
    big.instance_mut().accept_unlisted_subclasses(true);
    let (x, y) = (big.from_f64(1.25)?, big.from_f64(2.5)?);
    let sum = big.big_plus(&x, &y)?;
    check(s, "as_big.objects", json!(big.big_to_string(&sum)?));

    let mut bn = as_bignum::Module::new()?;
    let a = bn.u128_from_string("340282366920938463463374607431768211400")?;
    let b = bn.u128_from_string("55")?;
    let sum = bn.u128_add(&a, &b)?;
    check(s, "as_bignum.add", json!(bn.u128_to_string(&sum)?));
    let a = bn.u128_from_string("18446744073709551616")?;
    let b = bn.u128_from_string("3")?;
    let product = bn.u128_mul(&a, &b)?;
    check(s, "as_bignum.mul", json!(bn.u128_to_string(&product)?));
    let parts = bn.u128_from_parts(5, 1)?;
    check(s, "as_bignum.parts", json!(bn.u128_to_string(&parts)?));
    let x = bn.u128_from_string("18446744073709551621")?;
    check(s, "as_bignum.lo", json!(bn.u128_lo(&x)?.to_string()));
    let x = bn.u128_from_string("258")?;
    check(s, "as_bignum.bytes", json!(bn.u128_to_bytes(&x, true)?));
    let max = bn.max_u128()?;
    check(s, "as_bignum.max", json!(bn.u128_to_string(&max)?));
    let wide = bn.u256_from_u64(u64::MAX)?;
    check(s, "as_bignum.u256", json!(bn.u256_to_string(&wide)?));

    let mut sink = as_string_sink::Module::new()?;
    check(s, "as_string_sink.join", json!(sink.join(&["a", "b", "c"], ", ")?));
    check(s, "as_string_sink.numbers", json!(sink.numbers(&[1.0, 2.5, -3.0])?));
    check(s, "as_string_sink.repeat", json!(sink.repeat("ab", 4)?));
    let handle = sink.new_sink("x")?;
    sink.sink_write(&handle, "yz")?;
    check(s, "as_string_sink.sink", json!([sink.sink_length(&handle)?, sink.sink_to_string(&handle)?]));

    let mut crypto = wasm_crypto::Module::new()?;
    check(s, "wasm_crypto.sha256Hex", json!(crypto.sha256_hex("abc")?));
    check(s, "wasm_crypto.sha512Hex", json!(crypto.sha512_hex("")?));
    let messages = vec![utf8("x"), utf8("yz")];
    check(s, "wasm_crypto.hashAll", json!(crypto.hash_all(&messages)?));
    check(s, "wasm_crypto.equals", json!([crypto.equals(b"ab", b"ab")?, crypto.equals(b"ab", b"ac")?]));

    let mut js = json_as::Module::new()?;
    let player = |p: &json_as::Player| {
        json!({
            "firstName": p.first_name, "lastName": p.last_name, "lastActive": p.last_active, "age": p.age,
            "pos": p.pos.as_ref().map(|v| json!({"x": v.x, "y": v.y, "z": v.z})), "isVerified": p.is_verified,
        })
    };
    let ada = js.make_player("Ada", "Lovelace", 36, 1.0, 2.0, 3.0)?;
    check(s, "json_as.makePlayer", player(&ada));
    check(s, "json_as.playerToJson", json!(js.player_to_json(&ada)?));
    let v = js.vec_from_json(r#"{"x":1.5,"y":-2,"z":0.25}"#)?;
    check(s, "json_as.vecFromJson", json!({"x": v.x, "y": v.y, "z": v.z}));
    check(s, "json_as.numbersToJson", json!(js.numbers_to_json(&[1.0, -2.0, 3.0])?));
    check(s, "json_as.namesFromJson", json!(js.names_from_json(r#"["a","b c","d"]"#)?));
    check(s, "json_as.mapToJson", json!(js.map_to_json(&["k1", "k2"], &[7, -8])?));

    // Every Node case was made here too.
    let missing: Vec<&String> = oracle().keys().filter(|k| !seen.contains(&k.as_str())).collect();
    assert!(missing.is_empty(), "cases only Node ran: {missing:?}");
    Ok(())
}
