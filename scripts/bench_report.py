#!/usr/bin/env python3
"""Ratios from the criterion results of `cargo bench --bench decode`.

Reads target/criterion/<group>/<benchmark>/new/estimates.json (mean time per
iteration) and prints each benchmark against its baseline in the same run.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def mean(*parts: str) -> float:
    path = ROOT.joinpath(*parts, "new", "estimates.json")
    return json.loads(path.read_text())["mean"]["point_estimate"]


def row(label: str, value: float, base: float) -> None:
    print(f"| {label} | {value / base:.2f}x |")


def main() -> int:
    if not ROOT.exists():
        print("run `cargo bench --bench decode` first", file=sys.stderr)
        return 2
    print("| measure | time, against the baseline of the same run |")
    print("|---|---|")
    value = mean("corpus-decode", "serde_json-Value")
    for name in ["serde_json-IgnoredAny", "graph-comms-strict", "graph-comms-lenient",
                 "graph-comms-lenient-as-published"]:
        row(f"seed corpus decode: {name} / serde_json::Value", mean("corpus-decode", name), value)
    strict = mean("corpus-decode", "graph-comms-strict")
    row("seed corpus decode: lenient / strict (same bytes)", mean("corpus-decode", "graph-comms-lenient"), strict)
    repaired = mean("repair", "graph-comms-strict-repaired")
    row("payloads that need repair: lenient as published / strict on repaired bytes",
        mean("repair", "graph-comms-lenient-as-published"), repaired)
    row("payloads that need repair: repair() then strict / strict on repaired bytes",
        mean("repair", "graph-comms-repair-then-strict"), repaired)
    row("corpus encode: graph-comms / serde_json::to_vec(Value)",
        mean("corpus-encode", "graph-comms"), mean("corpus-encode", "serde_json-Value"))
    for n in ["1000", "10000", "100000"]:
        row(f"roster of {n}: decode / serde_json::Value",
            mean("roster", "decode-graph-comms", n), mean("roster", "decode-serde_json-Value", n))
        row(f"roster of {n}: encode / serde_json::to_vec(Value)",
            mean("roster", "encode-graph-comms", n), mean("roster", "encode-serde_json-Value", n))
    per = {n: mean("roster", "decode-graph-comms", n) / int(n) for n in ["1000", "10000", "100000"]}
    print(f"| roster decode time per participant, 100 000 against 1 000 (linear = 1.00) | {per['100000'] / per['1000']:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
