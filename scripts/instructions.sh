#!/usr/bin/env bash
# CPU instruction counts (callgrind) of decoding, as ratios against serde_json::Value.
# Repeatable: the same binary and inputs give the same counts whatever the machine's load.
#   scripts/instructions.sh [PASSES]      (default 20 passes over the seed corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-20}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
# valgrind 3.19 cannot run code built for AVX-512 (it stops at the first such
# instruction). The binaries counted here are built for the baseline x86-64 target,
# whatever RUSTFLAGS the environment sets (`-C target-cpu=native` on an AVX-512
# machine would emit it), in a target directory of their own. Code that picks its
# instructions at run time (glibc's memcpy, simdutf8) asks the CPU, which valgrind
# shows without AVX-512, so it takes its AVX2 path.
export CARGO_TARGET_DIR="$PWD/target/callgrind"
export RUSTFLAGS="-C target-cpu=x86-64"
unset CARGO_BUILD_RUSTFLAGS CARGO_ENCODED_RUSTFLAGS
bin="$CARGO_TARGET_DIR/release/examples"
cargo build --quiet --release --workspace --example decode_corpus --example roster --example tracker

count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
corpus=(corpus/seed/*.json)

declare -A per
for mode in value ignored strict lenient published serde; do
  full=$(count $bin/decode_corpus "$mode" "$passes" "${corpus[@]}")
  base=$(count $bin/decode_corpus "$mode" 0 "${corpus[@]}")
  per[$mode]=$(( (full - base) / passes ))
done
echo "seed corpus (${#corpus[@]} payloads), instructions per pass, and against serde_json::Value:"
for mode in value ignored strict lenient published serde; do
  printf '  %-10s %10d  %.3fx\n' "$mode" "${per[$mode]}" "$(echo "${per[$mode]} / ${per[value]}" | bc -l)"
done
printf '  lenient / strict: %.3fx\n' "$(echo "${per[lenient]} / ${per[strict]}" | bc -l)"

echo "roster notifications, instructions per participant (graph-comms, serde_json::Value), and validation only (IgnoredAny) against Value:"
for n in 1000 10000 100000; do
  base=$(count $bin/roster decode "$n" none)
  ours=$(( $(count $bin/roster decode "$n" graph-comms) - base ))
  theirs=$(( $(count $bin/roster decode "$n" value) - base ))
  ignored=$(( $(count $bin/roster decode "$n" ignored) - base ))
  printf '  %7d  %8.1f  %8.1f  %.3fx  (validation only %.3fx)\n' "$n" "$(echo "$ours / $n" | bc -l)" "$(echo "$theirs / $n" | bc -l)" "$(echo "$ours / $theirs" | bc -l)" "$(echo "$ignored / $theirs" | bc -l)"
done

echo "call tracker, a 1 000-participant meeting's delta stream (3 040 notifications):"
base=$(count $bin/tracker run none)
decode=$(( $(count $bin/tracker run decode) - base ))
feed=$(( $(count $bin/tracker run feed) - base - decode ))
printf '  decoding %8.0f instructions a notification\n' "$(echo "$decode / 3040" | bc -l)"
printf '  tracking %8.0f instructions a notification, %.3fx decoding it\n' "$(echo "$feed / 3040" | bc -l)" "$(echo "$feed / $decode" | bc -l)"
