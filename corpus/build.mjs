// Rebuilds the corpus: one entry file of ours per third-party package (src/<name>.ts), compiled with
// the pinned asc 0.28.20 from package.json into out/<name>.wasm/.d.ts/.js.
//   node build.mjs          write the outputs into out/
//   node build.mjs --check  rebuild into a temporary folder and fail if any committed output differs
// Run `npm ci` first: the packages are pinned by exact version in package.json + package-lock.json.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const asc = join(here, "node_modules/assemblyscript/bin/asc.js");

// The same layout as the project's modern fixtures: raw bindings + runtime exports.
const modern = ["--bindings", "raw", "--exportRuntime", "-O2", "--noColors"];
const outputs = ["wasm", "d.ts", "js"];

// `args`: flags a package itself needs on top of `modern`, with the reason beside each.
const targets = [
  { name: "as_base64", src: "as_base64.ts" },
  { name: "as_big", src: "as_big.ts" },
  { name: "as_bignum", src: "as_bignum.ts" },
  { name: "as_hex", src: "as_hex.ts" },
  { name: "as_option", src: "as_option.ts" },
  { name: "as_string_sink", src: "as_string_sink.ts" },
  // Math.random: the module imports env.seed.
  { name: "as_uuid", src: "as_uuid.ts" },
  // WASI: @assemblyscript/wasi-shim's asconfig.json adds its library folder, `--use` aliases
  // (abort/trace/seed/console/crypto/Date/... -> wasi_*) and `--exportStart _start`, so the
  // module imports wasi_snapshot_preview1 and must be started by the host calling `_start`.
  { name: "as_uuid_wasi", src: "as_uuid_wasi.ts", args: ["--config", "node_modules/@assemblyscript/wasi-shim/asconfig.json"] },
  { name: "as_variant", src: "as_variant.ts" },
  { name: "as_virtual", src: "as_virtual.ts" },
  { name: "assemblyscript_json", src: "assemblyscript_json.ts" },
  // json-as generates (de)serializers for @json classes in a compiler transform.
  { name: "json_as", src: "json_as.ts", args: ["--transform", "json-as"] },
  { name: "wasm_crypto", src: "wasm_crypto.ts" },
  // Shipped prebuilt (no sources in the package): the wasm and the .d.ts that an older asc wrote
  // with `-d` (classic `declare module ASModule`, __alloc/__retain/__release runtime).
  {
    name: "rabin_wasm",
    prebuilt: { wasm: "node_modules/rabin-wasm/dist/rabin.wasm", "d.ts": "node_modules/rabin-wasm/dist/rabin-wasm.d.ts" },
  },
];

const check = process.argv.includes("--check");
const outDir = check ? mkdtempSync(join(tmpdir(), "asbind-corpus-")) : join(here, "out");
mkdirSync(outDir, { recursive: true });
const stale = [];
for (const t of targets) {
  const base = join(outDir, t.name);
  const exts = t.prebuilt ? Object.keys(t.prebuilt) : outputs;
  if (t.prebuilt) {
    for (const ext of exts) copyFileSync(join(here, t.prebuilt[ext]), `${base}.${ext}`);
  } else {
    const args = [asc, join("src", t.src), "--outFile", base + ".wasm", ...modern, ...(t.args ?? [])];
    execFileSync(process.execPath, args, { cwd: here, stdio: ["ignore", "inherit", "inherit"] });
  }
  for (const ext of exts) {
    const file = `${t.name}.${ext}`;
    if (!existsSync(join(outDir, file))) throw new Error(`asc did not write ${file}`);
    if (check) {
      const committed = join(here, "out", file);
      if (!existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(outDir, file)))) {
        stale.push(file);
      }
    }
  }
  console.log(`built ${t.name}`);
}
if (check) {
  rmSync(outDir, { recursive: true, force: true });
  if (stale.length) {
    console.error(`corpus outputs differ from a fresh build: ${stale.join(", ")}\nrun \`node build.mjs\` in corpus/ and commit the result`);
    process.exit(1);
  }
  console.log("all corpus outputs match a fresh build");
}
