#!/usr/bin/env bash
# The minimum supported Rust version, checked without a second toolchain (only one can
# be had here): every package the workspace builds on this host, its dependencies
# included, declares a rust-version no newer than the workspace's. The standard
# library's side is clippy's: its `incompatible_msrv` lint (on by default) refuses an
# API newer than `rust-version`, and .ci/run runs clippy with warnings denied.
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
cargo metadata --format-version 1 --all-features --filter-platform "$host" | python3 -c '
import json, sys

meta = json.load(sys.stdin)
workspace = set(meta["workspace_members"])

def version(text):
    return tuple(int(x) for x in (text + ".0.0").split(".")[:3])

ours = {p["rust_version"] for p in meta["packages"] if p["id"] in workspace}
if len(ours) != 1 or None in ours:
    sys.exit("msrv: the workspace crates must share one rust-version, found %s" % sorted(map(str, ours)))
msrv = ours.pop()
used = {node["id"] for node in meta["resolve"]["nodes"]}
newer = sorted(
    "%s %s needs Rust %s" % (p["name"], p["version"], p["rust_version"])
    for p in meta["packages"]
    if p["id"] in used and p.get("rust_version") and version(p["rust_version"]) > version(msrv)
)
if newer:
    sys.exit("msrv: newer than rust-version %s:\n  %s" % (msrv, "\n  ".join(newer)))
print("msrv: all %d packages of the build declare Rust %s or older" % (len(used), msrv))
'
