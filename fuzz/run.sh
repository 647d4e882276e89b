#!/usr/bin/env bash
# Builds and runs every fuzz target (or those in $TARGETS) for SECONDS each (default 60), on
# stable Rust, and prints each target's executions and crashes. Exits non-zero if any target
# found a crash, a timeout or an out-of-memory input (kept in artifacts/<target>/).
#
#   fuzz/run.sh [SECONDS]          TARGETS="lift dts" fuzz/run.sh 300
#
# New inputs go to work/<target>/ (git-ignored); the committed seeds in corpus/<target>/ are
# only read.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
targets="${TARGETS:-dts generate lift}"
# With `--sanitizer none` every flag cargo-fuzz passes is a stable one (`-Cpasses=sancov-module`,
# `-Cllvm-args=-sanitizer-coverage-*`, `--cfg fuzzing`, `-Cdebug-assertions`), so stable Rust
# builds the targets as they are. SANITIZER=address (or another) needs `-Zsanitizer`, which
# stable rustc takes only with RUSTC_BOOTSTRAP=1 (set here then); it rebuilds everything.
sanitizer="${SANITIZER:-none}"
# Such a build goes to its own target dir (about 1.5 GB more), leaving the plain one intact.
target_dir=target
if [ "$sanitizer" != none ]; then export RUSTC_BOOTSTRAP=1; target_dir=target-asan; fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
declare -A max_len=([dts]=16384 [generate]=65536 [lift]=4096)
failed=0
for t in $targets; do
    mkdir -p "work/$t" "artifacts/$t"
    cargo fuzz build --sanitizer "$sanitizer" --target-dir "$target_dir" "$t"
    log="work/$t.log"
    set +e
    cargo fuzz run --sanitizer "$sanitizer" --target-dir "$target_dir" "$t" "work/$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len="${max_len[$t]:-4096}" \
        -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    found=$(ls "artifacts/$t" | wc -l)
    echo "$t: ${secs}s, ${execs} executions, exit ${rc}, ${found} artifact(s) in fuzz/artifacts/$t"
    if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
        failed=1
        grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -5 || true
    fi
done
exit "$failed"
