#!/usr/bin/env bash
# The fleet's throughput with 1, 2 and 4 workers on this machine, in one run: the
# same generated logs (CALLS calls, about 15 bodies each, in 32 logs delivered side by
# side, so 32 bodies in flight) through the release build
# of bot/examples/fleet.rs, against GRAPH_COMMS_REDIS_URL or a redis-server started
# here on a free port (and stopped after). Prints each run's summary line and the
# ratio to one worker.
#
#   scripts/fleet-bench.sh [CALLS]
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-200}"
work=$(mktemp -d)
cleanup() {
  if [ -n "${redis_pid:-}" ]; then kill "$redis_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${GRAPH_COMMS_REDIS_URL:-}" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
  redis_pid=$!
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  GRAPH_COMMS_REDIS_URL="redis://127.0.0.1:$port"
fi

python3 - "$work" "$calls" <<'PY'
import json, random, sys
work, calls = sys.argv[1], int(sys.argv[2])
rng = random.Random(24)
def note(call, path, change, data):
    return json.dumps({"value": [{"changeType": change,
        "resourceUrl": f"/communications/calls/{call}{path}", "resourceData": data}]})
def person(i, muted):
    return {"@odata.type": "#microsoft.graph.participant", "id": f"p{i}",
            "info": {"identity": {"user": {"id": f"user-{i}", "displayName": f"User {i}"}}},
            "isMuted": muted, "isInLobby": False}
files = [[] for _ in range(32)]
lives = [[] for _ in range(32)]
for c in range(calls):
    call = f"{c:08x}-0000-4000-8000-000000000000"
    call_type = {"@odata.type": "#microsoft.graph.call"}
    out = [note(call, "", "created", {**call_type, "state": "incoming", "direction": "incoming"}),
           note(call, "", "updated", {**call_type, "state": "establishing"}),
           note(call, "", "updated", {**call_type, "state": "established"})]
    people = rng.randint(2, 8)
    out.append(note(call, "/participants", "updated", [{"@odata.type": "#microsoft.graph.deltaParticipants",
        "sequenceNumber": 1, "participants": [person(i, False) for i in range(people)]}]))
    for seq in range(2, 2 + rng.randint(4, 12)):
        out.append(note(call, "/participants", "updated", [{"@odata.type": "#microsoft.graph.deltaParticipants",
            "sequenceNumber": seq, "participants": [person(rng.randrange(people), rng.random() < 0.5)]}]))
    for tone in range(1, rng.randint(1, 4)):
        out.append(note(call, "", "updated", {**call_type, "state": "established",
            "toneInfo": {"sequenceId": tone, "tone": f"tone{tone}"}}))
    out.append(note(call, "", "updated", {**call_type, "state": "terminating"}))
    out.append(note(call, "", "deleted", {**call_type, "state": "terminated",
        "resultInfo": {"code": 0, "subcode": 7000}}))
    lives[c % 32].append(out)
# Each log interleaves its calls, each call's bodies in order: many calls at once.
for i, calls_of in enumerate(lives):
    while any(calls_of):
        life = rng.choice([l for l in calls_of if l])
        files[i].append(life.pop(0))
for i, lines in enumerate(files):
    with open(f"{work}/log-{i}.jsonl", "w") as f:
        f.write("\n".join(lines) + "\n")
PY

cargo build --quiet --release -p graph-comms-bot --example fleet
fleet=target/release/examples/fleet
one=""
for workers in 1 2 4; do
  "$fleet" --redis "$GRAPH_COMMS_REDIS_URL" --workers "$workers" "$work"/log-*.jsonl \
    >"$work/out-$workers" 2>"$work/err-$workers"
  summary=$(tail -n 1 "$work/err-$workers")
  rate=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["summary"]["bodiesPerSecond"])' "$summary")
  one="${one:-$rate}"
  ratio=$(python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$rate" "$one")
  echo "workers $workers: $summary  (x$ratio of one worker; $(wc -l <"$work/out-$workers") calls)"
done
