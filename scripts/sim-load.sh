#!/usr/bin/env bash
# The simulator's load run: the example bot (release build of
# bot/examples/axum_bot.rs) as a process of its own, under `graph-comms simulate
# --calls CALLS --concurrency CONCURRENCY` (every built-in scenario, round-robin) on
# 127.0.0.1. Prints the summary line, and the CPU time of each process measured by
# the kernel (wait4 rusage), with the simulator's share of the two.
#
#   scripts/sim-load.sh [CALLS] [CONCURRENCY] [FAULTS]
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-1000}"
concurrency="${2:-100}"
faults="${3:-none}"
cargo build --release -q -p graph-comms-cli
cargo build --release -q -p graph-comms-bot --example axum_bot

python3 - "$calls" "$concurrency" "$faults" <<'PY'
import json, os, socket, subprocess, sys, time

calls, concurrency, faults = sys.argv[1:4]
app_id = "3d913abb-aec0-4964-8fa6-3c6850c4f278"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

sim_port, bot_port = free_port(), free_port()
base = f"http://127.0.0.1:{sim_port}"
callback = f"http://127.0.0.1:{bot_port}/callback"
started = time.monotonic()
sim = subprocess.Popen(
    ["target/release/graph-comms", "simulate", "--listen", f"127.0.0.1:{sim_port}",
     "--bot", callback, "--calls", calls, "--concurrency", concurrency,
     "--faults", faults, "--json"],
    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
# The bot fetches the simulator's keys at start: once the simulator listens.
line = sim.stderr.readline()
assert "listening on" in line, line
bot = subprocess.Popen(
    ["target/release/examples/axum_bot", "--listen", f"127.0.0.1:{bot_port}",
     "--graph-base", base, "--openid-configuration", f"{base}/.well-known/openid-configuration",
     "--app-id", app_id, "--callback-url", callback, "--access-token", "load"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
stdout = sim.stdout.read()
_, status, sim_usage = os.wait4(sim.pid, 0)
wall = time.monotonic() - started
bot.terminate()
_, _, bot_usage = os.wait4(bot.pid, 0)
lines = stdout.splitlines()
summary = json.loads(lines[-1])["summary"]
failed = [json.loads(l) for l in lines[:-1] if not json.loads(l)["passed"]]
print(lines[-1])
for report in failed[:5]:
    print("failed:", json.dumps(report))
sim_cpu = sim_usage.ru_utime + sim_usage.ru_stime
bot_cpu = bot_usage.ru_utime + bot_usage.ru_stime
print(f"wall {wall:.1f} s; CPU: simulator {sim_cpu:.2f} s, bot {bot_cpu:.2f} s; "
      f"simulator's share {100 * sim_cpu / (sim_cpu + bot_cpu):.0f} % of the two, "
      f"{100 * sim_cpu / wall:.0f} % of one core over the run")
sys.exit(os.waitstatus_to_exitcode(status))
PY
