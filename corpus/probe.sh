#!/usr/bin/env bash
# Probes the generator on every corpus module (read-only): asbind inspect + gen into /tmp/corpus_gen,
# then `cargo check` of a scratch crate outside the repo (/tmp/corpus_check) with one bin per module.
# Usage (from the repository root, after `cargo build -p asbind-cli`): bash corpus/probe.sh
set -u
repo=$(pwd)
gen=/tmp/corpus_gen; probe=/tmp/corpus_probe; crate=/tmp/corpus_check
rm -rf "$gen" "$probe" "$crate/src"; mkdir -p "$gen" "$probe" "$crate/src/bin"
for w in corpus/out/*.wasm; do
  n=$(basename "$w" .wasm)
  target/debug/asbind inspect "$w" >"$probe/$n.inspect.out" 2>&1; i=$?
  target/debug/asbind gen "$w" -o "$gen/$n.rs" >"$probe/$n.gen.out" 2>&1; g=$?
  echo "$n: inspect exit $i, gen exit $g"
  if [ -f "$gen/$n.rs" ]; then
    printf 'mod %s {\n    include!("%s/%s.rs");\n}\nfn main() {}\n' "$n" "$gen" "$n" >"$crate/src/bin/$n.rs"
  fi
done
printf '[package]\nname = "corpus_check"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nasbind = { path = "%s" }\n\n[workspace]\n' "$repo" >"$crate/Cargo.toml"
(cd "$crate" && CARGO_TARGET_DIR="$crate/target" cargo check --bins --keep-going --message-format=short 2>&1 | grep -E '^(src|/tmp).*(error|warning)|could not compile|Finished')
