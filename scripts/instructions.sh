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

# The typed peers a user who wants speed would pick (benches/peers: serde derive models
# on serde_json, sonic-rs and simd-json), and graph-comms, in one build for x86-64-v3
# (AVX2: the peers' SIMD paths; valgrind 3.19 runs AVX2, not AVX-512).
peers_target="$PWD/target/callgrind-v3"
CARGO_TARGET_DIR="$peers_target" RUSTFLAGS="-C target-cpu=x86-64-v3" \
  cargo build --quiet --release --manifest-path benches/peers/Cargo.toml --example count
peers_bin="$peers_target/release/examples/count"
calls=() notes=()
for f in "${corpus[@]}"; do
  if grep -q '"#microsoft.graph.commsNotifications"' "$f"; then notes+=("$f"); else calls+=("$f"); fi
done
peers=(lenient strict serde_json-typed sonic-rs-typed simd-json-typed value ignored)
typed=(serde_json-typed sonic-rs-typed simd-json-typed)
declare -A cost
for p in "${peers[@]}"; do
  for kind in calls notes; do
    declare -n files="$kind"
    full=$(count "$peers_bin" seed "$p" "$passes" "${files[@]}")
    base=$(count "$peers_bin" seed "$p" 0 "${files[@]}")
    cost[$kind,$p]=$(( (full - base) / passes / ${#files[@]} ))
  done
  base=$(count "$peers_bin" roster none 10000)
  cost[roster,$p]=$(( $(count "$peers_bin" roster "$p" 10000) - base ))
done
roster_bytes=$("$peers_bin" roster-size none 10000)
echo "typed peers (x86-64-v3), instructions per payload (roster: per byte), and graph-comms lenient against the fastest typed peer:"
printf '  %-22s' "kind"; for p in "${peers[@]}"; do printf ' %16s' "$p"; done; printf '   lenient/fastest  lenient/value  strict/lenient\n'
for kind in calls notes roster; do
  case $kind in
    calls) label="call bodies (${#calls[@]})"; div=1 ;;
    notes) label="notifications (${#notes[@]})"; div=1 ;;
    roster) label="roster of 10 000"; div=$roster_bytes ;;
  esac
  printf '  %-22s' "$label"
  for p in "${peers[@]}"; do printf ' %16.1f' "$(echo "${cost[$kind,$p]} / $div" | bc -l)"; done
  fastest=""
  for p in "${typed[@]}"; do
    if [ -z "$fastest" ] || [ "${cost[$kind,$p]}" -lt "$fastest" ]; then fastest=${cost[$kind,$p]}; fi
  done
  printf '   %15.3fx  %12.3fx  %13.3fx\n' "$(echo "${cost[$kind,lenient]} / $fastest" | bc -l)" \
    "$(echo "${cost[$kind,lenient]} / ${cost[$kind,value]}" | bc -l)" \
    "$(echo "${cost[$kind,strict]} / ${cost[$kind,lenient]}" | bc -l)"
done
