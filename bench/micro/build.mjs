// Rebuilds micro.wasm / micro.d.ts / micro.js from assembly/micro.ts with the pinned compiler of
// fixtures/ (assemblyscript 0.28.20: `cd fixtures && npm ci` first).
//   node bench/micro/build.mjs          write the outputs next to this file
//   node bench/micro/build.mjs --check  rebuild into a temporary folder; fail if a committed output differs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const asc = join(here, "../../fixtures/node_modules/assemblyscript/bin/asc.js");
if (!existsSync(asc)) {
  console.error(`no compiler at ${asc}: run \`npm ci\` in fixtures/ first`);
  process.exit(2);
}
// The Path Finder module's flags. The module has no class with a constructor, so the transform
// adds no wrappers; it is there so the module is built the way asbind users build theirs (it
// also writes the `asbind` custom section).
const args = [
  "--bindings", "raw", "--exportRuntime", "-O3", "--noColors",
  "--transform", "../../asbind-codegen/transform/asbind-classes.mjs",
];
const outputs = ["wasm", "d.ts", "js"];

const check = process.argv.includes("--check");
const outDir = check ? mkdtempSync(join(tmpdir(), "asbind-micro-")) : here;
const base = join(outDir, "micro");
execFileSync(process.execPath, [asc, "assembly/micro.ts", "--outFile", base + ".wasm", ...args], {
  cwd: here,
  stdio: ["ignore", "inherit", "inherit"],
});
const stale = [];
for (const ext of outputs) {
  const file = `micro.${ext}`;
  if (!existsSync(join(outDir, file))) throw new Error(`asc did not write ${file}`);
  if (check && !(existsSync(join(here, file)) && readFileSync(join(here, file)).equals(readFileSync(join(outDir, file))))) {
    stale.push(file);
  }
}
if (check) {
  rmSync(outDir, { recursive: true, force: true });
  if (stale.length) {
    console.error(`outputs differ from a fresh build: ${stale.join(", ")}\nrun \`node bench/micro/build.mjs\` and commit the result`);
    process.exit(1);
  }
  console.log("micro outputs match a fresh build");
} else {
  console.log("built micro");
}
