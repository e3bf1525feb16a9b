#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 60), one job at a time,
# with the dictionary fuzz/graph.dict and the seed corpus made from corpus/, and
# prints for each target the executions, the speed, the corpus size and whether it
# found a crash. Exits 1 if any target crashed (the inputs are in fuzz/artifacts/).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Works from a fresh clone on the stable toolchain: installs cargo-fuzz if missing,
# and builds with RUSTC_BOOTSTRAP=1 (cargo-fuzz needs nightly flags). The address
# sanitizer is used when it builds; FUZZ_SANITIZER=none (or a failed build) turns it
# off. FUZZ_SEED=N fixes libFuzzer's random seed (default: random, but 1 under
# CI=true, so that a CI smoke run is the same run each time). Build output goes to
# $CARGO_TARGET_DIR, else fuzz/target (git-ignored). See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
case "$seconds" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac
all_targets=(strict_notifications lenient_any repair roundtrip deserialize token arbitrary_notifications)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
target_dir="${CARGO_TARGET_DIR:-$PWD/fuzz/target}"
# cargo-fuzz finds its binaries through --target-dir; keep cargo's variable out of
# the way so that both agree.
unset CARGO_TARGET_DIR

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

echo "== seed corpus and dictionary"
cargo run --quiet --release --manifest-path fuzz/seed/Cargo.toml \
  --target-dir "$target_dir/seed" -- .

sanitizer="${FUZZ_SANITIZER:-address}"
seed="${FUZZ_SEED:-}"
if [ -z "$seed" ] && [ "${CI:-}" = true ]; then seed=1; fi
seed_flag=()
if [ -n "$seed" ]; then seed_flag=(-seed="$seed"); fi
echo "== build (sanitizer: $sanitizer)"
if ! cargo fuzz build --sanitizer "$sanitizer" --target-dir "$target_dir"; then
  if [ "$sanitizer" = none ]; then exit 1; fi
  echo "the $sanitizer sanitizer does not build here: fuzzing without one"
  sanitizer=none
  cargo fuzz build --sanitizer none --target-dir "$target_dir"
fi

logs=fuzz/artifacts/logs
mkdir -p "$logs"
summary=()
failed=0
for t in "${targets[@]}"; do
  echo "== $t: ${seconds}s"
  mkdir -p "fuzz/artifacts/$t"
  status=0
  # One job; a run that takes over 10 s on one input counts as a hang; libFuzzer's
  # default 2 GiB memory limit stands. stdin is closed: CI has none.
  cargo fuzz run "$t" --sanitizer "$sanitizer" --target-dir "$target_dir" \
    "fuzz/corpus/$t" -- \
    -dict=fuzz/graph.dict -max_total_time="$seconds" -timeout=10 \
    -print_final_stats=1 "${seed_flag[@]}" </dev/null >"$logs/$t.log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logs/$t.log" | tail -1)
  # libFuzzer's last status line: coverage, and the corpus it keeps (entries/size).
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$logs/$t.log" | tail -1 || true)
  cov=$(echo "$done_line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  corpus=$(echo "$done_line" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
  files=$(find "fuzz/corpus/$t" -type f | wc -l | tr -d ' ')
  crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logs/$t.log" | tail -1)
  if [ "$status" -ne 0 ] || [ -n "$crash" ]; then
    failed=1
    verdict="CRASH ${crash:-(exit $status, see $logs/$t.log)}"
    grep -E "panicked at|ERROR: libFuzzer|SUMMARY" "$logs/$t.log" | head -5 || true
  else
    verdict="no crash"
  fi
  summary+=("$(printf '%-22s %11s execs %7s exec/s  cov %6s  corpus %s (%s files)  %s' \
    "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${corpus:-?}" "$files" "$verdict")")
done

echo "== summary (${seconds}s per target, sanitizer: $sanitizer, seed: ${seed:-random})"
printf '%s\n' "${summary[@]}"
exit "$failed"
