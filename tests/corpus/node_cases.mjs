// Differential oracle for the corpus: calls exports of third-party AssemblyScript modules
// (corpus/out/*.wasm, built by corpus/build.mjs) through AssemblyScript's own JS glue under Node
// and writes the results to node_results.json; tests/corpus.rs makes the same calls through
// asbind's generated bindings and compares.
//
//   node tests/corpus/node_cases.mjs          # (re)write node_results.json
//   node tests/corpus/node_cases.mjs --check  # exit 1 if the committed file is stale
//
// Encoding: JSON; i64/u64 as decimal strings, byte arrays (Uint8Array) as arrays of numbers,
// records as objects keyed by field name. No dependencies; Node 20.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const out = (name) => here(`../../corpus/out/${name}`);
const RESULTS = here("./node_results.json");

async function load(name) {
  const source = readFileSync(out(`${name}.js`), "utf8");
  const url = `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
  const { instantiate } = await import(url);
  return instantiate(new WebAssembly.Module(readFileSync(out(`${name}.wasm`))), {});
}

function enc(v) {
  if (typeof v === "bigint") return v.toString();
  if (ArrayBuffer.isView(v)) return Array.from(v, enc);
  if (Array.isArray(v)) return v.map(enc);
  if (v !== null && typeof v === "object") {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = enc(x);
    return o;
  }
  return v;
}

const bytes = (s) => new TextEncoder().encode(s);

async function run() {
  const results = {};
  const c = (name, f) => {
    if (name in results) throw new Error(`duplicate case ${name}`);
    results[name] = enc(f());
  };

  const b64 = await load("as_base64");
  c("as_base64.encode", () => b64.encode(bytes("hello, corpus")));
  c("as_base64.decode", () => b64.decode("aGVsbG8sIGNvcnB1cw=="));
  c("as_base64.encodeString", () => b64.encodeString("AssemblyScript ✓"));
  c("as_base64.decodeToString", () => b64.decodeToString("QXNzZW1ibHlTY3JpcHQg4pyT"));
  c("as_base64.roundTripLength", () => b64.roundTripLength(new Uint8Array(1000).fill(7)));
  c("as_base64.encodeMany", () => b64.encodeMany([bytes("a"), bytes("bc"), bytes("")]));

  const hex = await load("as_hex");
  c("as_hex.encode", () => hex.encode("héllo"));
  c("as_hex.decode", () => hex.decode("68c3a96c6c6f"));
  c("as_hex.encodeAll", () => hex.encodeAll(["", "a", "ÿ"]));
  c("as_hex.roundTrip", () => hex.roundTrip("round ↺ trip"));

  const big = await load("as_big");
  c("as_big.add", () => big.add("0.1", "0.2"));
  c("as_big.mul", () => big.mul("123456789.123", "-987.5"));
  c("as_big.div", () => big.div("1", "3"));
  c("as_big.sqrt", () => big.sqrt("2"));
  c("as_big.round", () => big.round("3.14159", 2));
  c("as_big.compare", () => big.compare("10", "9.99"));
  c("as_big.sum", () => big.sum(["1.5", "2.25", "-0.75"]));
  c("as_big.objects", () => big.bigToString(big.bigPlus(big.fromF64(1.25), big.fromF64(2.5))));

  const bn = await load("as_bignum");
  c("as_bignum.add", () => bn.u128ToString(bn.u128Add(bn.u128FromString("340282366920938463463374607431768211400"), bn.u128FromString("55"))));
  c("as_bignum.mul", () => bn.u128ToString(bn.u128Mul(bn.u128FromString("18446744073709551616"), bn.u128FromString("3"))));
  c("as_bignum.parts", () => bn.u128ToString(bn.u128FromParts(5n, 1n)));
  c("as_bignum.lo", () => bn.u128Lo(bn.u128FromString("18446744073709551621")));
  c("as_bignum.bytes", () => bn.u128ToBytes(bn.u128FromString("258"), true));
  c("as_bignum.max", () => bn.u128ToString(bn.maxU128()));
  c("as_bignum.u256", () => bn.u256ToString(bn.u256FromU64(18446744073709551615n)));

  const sink = await load("as_string_sink");
  c("as_string_sink.join", () => sink.join(["a", "b", "c"], ", "));
  c("as_string_sink.numbers", () => sink.numbers(new Float64Array([1, 2.5, -3])));
  c("as_string_sink.repeat", () => sink.repeat("ab", 4));
  c("as_string_sink.sink", () => {
    const s = sink.newSink("x");
    sink.sinkWrite(s, "yz");
    return [sink.sinkLength(s), sink.sinkToString(s)];
  });

  const crypto = await load("wasm_crypto");
  c("wasm_crypto.sha256Hex", () => crypto.sha256Hex("abc"));
  c("wasm_crypto.sha512Hex", () => crypto.sha512Hex(""));
  c("wasm_crypto.hashAll", () => crypto.hashAll([bytes("x"), bytes("yz")]));
  c("wasm_crypto.equals", () => [crypto.equals(bytes("ab"), bytes("ab")), crypto.equals(bytes("ab"), bytes("ac"))]);

  const json = await load("json_as");
  c("json_as.makePlayer", () => json.makePlayer("Ada", "Lovelace", 36, 1, 2, 3));
  c("json_as.playerToJson", () => json.playerToJson(json.makePlayer("Ada", "Lovelace", 36, 1, 2, 3)));
  c("json_as.vecFromJson", () => json.vecFromJson('{"x":1.5,"y":-2,"z":0.25}'));
  c("json_as.numbersToJson", () => json.numbersToJson([1, -2, 3]));
  c("json_as.namesFromJson", () => json.namesFromJson('["a","b c","d"]'));
  c("json_as.mapToJson", () => json.mapToJson(["k1", "k2"], new Int32Array([7, -8])));
  return results;
}

const results = await run();
// One case per line, so a diff names the case that changed.
const fresh = `{\n${Object.entries(results).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(",\n")}\n}\n`;
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(RESULTS, "utf8");
  } catch {}
  if (committed !== fresh) {
    console.error(`${RESULTS} is stale: run \`node tests/corpus/node_cases.mjs\` and commit it`);
    process.exit(1);
  }
  console.log("corpus oracle is current");
} else {
  writeFileSync(RESULTS, fresh);
  console.log(`wrote ${RESULTS}`);
}
