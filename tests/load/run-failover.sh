#!/usr/bin/env bash
# Worker fleet run (issue 8 item 4, full form; the CI form is tests/AqNano.Scale.Tests FailoverTests).
# Mosquitto + PostgreSQL + `aqnano serve --worker-id` processes + aqnano-sim, all on 127.0.0.1, each its own process.
#   1. Throughput with 1, 2 and 3 workers, same boards, same machine, one after the other: each phase a fresh
#      database and broker, BOARDS boards offering one frame per INTERVAL s for PHASE_SECONDS; the rate is
#      ledger frame records written per second (accepted links, PostgreSQL), sampled every 5 s, over the
#      phase's second half (after the boots); printed as ratios to 1 worker.
#   2. Failover: 3 workers, BOARDS boards for FAILOVER_MINUTES (interval FAILOVER_INTERVAL), worker w2 killed
#      with SIGKILL at a third of the run. Checked: its partitions moved, every obs frame the broker
#      acknowledged to a board (the simulator's capture) is in the ledger, no refusal, fork, conflict or
#      incident, the ledger verifies (`lineage verify --postgres`: partitions and anchors).
# Usage: tests/load/run-failover.sh [boards=5000] [interval=2] [phase_seconds=120] [failover_minutes=3] [failover_interval=10]
# Everything lives in a temporary folder removed at the end (KEEP_WORK=1 keeps it).
set -euo pipefail

BOARDS=${1:-5000}
INTERVAL=${2:-2}
PHASE_SECONDS=${3:-120}
FAILOVER_MINUTES=${4:-3}
FAILOVER_INTERVAL=${5:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/aqnano-failover.XXXXXX)
chmod 755 "$WORK"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort | tail -1)
[[ -x "$PGBIN/pg_ctl" && -x /usr/sbin/mosquitto ]] || { echo "needs PostgreSQL (apt-get install postgresql) and mosquitto"; exit 3; }
BROKER_PASSWORD=failover-run-secret
WORKER_PIDS=(); MOSQUITTO_PID=""; SIM_PID=""; PG_STARTED=""

as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_workers() {
    for pid in "${WORKER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${WORKER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    WORKER_PIDS=()
}
stop_mosquitto() { [[ -n "$MOSQUITTO_PID" ]] && { kill "$MOSQUITTO_PID" 2>/dev/null || true; wait "$MOSQUITTO_PID" 2>/dev/null || true; }; MOSQUITTO_PID=""; }
cleanup() {
    [[ -n "$SIM_PID" ]] && { kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; }
    stop_workers; stop_mosquitto
    [[ -n "$PG_STARTED" ]] && as_postgres "$PGBIN/pg_ctl" stop -m immediate -D "$WORK/pg/data" >/dev/null 2>&1 || true
    if [[ -n "${KEEP_WORK:-}" ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== build (Release)"
dotnet build -c Release -nologo -v q "$ROOT/verifier/AqNano.Verifier.App" >"$WORK/build-app.log" || { cat "$WORK/build-app.log"; exit 3; }
dotnet build -c Release -nologo -v q "$ROOT/simulator/AqNano.Simulator.Cli" >"$WORK/build-sim.log" || { cat "$WORK/build-sim.log"; exit 3; }
AQNANO="$ROOT/verifier/AqNano.Verifier.App/bin/Release/net10.0/aqnano.dll"
AQSIM="$ROOT/simulator/AqNano.Simulator.Cli/bin/Release/net10.0/aqnano-sim.dll"

echo "== PostgreSQL ($PGBIN)"
PG_PORT=$(free_port)
mkdir -p "$WORK/pg"; [[ $(id -u) == 0 ]] && chown postgres:postgres "$WORK/pg"
as_postgres "$PGBIN/initdb" -D "$WORK/pg/data" -U aqnano -A trust -E UTF8 --locale=C >"$WORK/initdb.log"
as_postgres "$PGBIN/pg_ctl" start -w -t 60 -D "$WORK/pg/data" -l "$WORK/pg/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg" >/dev/null
PG_STARTED=1
psql_db() { "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U aqnano -d "$1" -Atq -c "$2"; }
connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=aqnano;Database=$1"; }

# The verifier's default policy admits 1,000 new identities per hour per zone (anti-Sybil): raised so that the
# whole fleet can boot at once (as tests/load/run-fleet-load.sh does with NEW_IDENTITIES_PER_HOUR).
echo '{"defaultZone":"lab","zones":{"lab":{"newIdentitiesPerHour":1000000}}}' >"$WORK/policy.json"

start_mosquitto() {
    local folder="$WORK/mosquitto-$1"
    mkdir -p "$folder"; chmod 755 "$folder"
    MQTT_PORT=$(free_port)
    cp "$ROOT/verifier/mosquitto/aqnano.acl" "$folder/aqnano.acl"
    sed -e "s|/etc/mosquitto/aqnano.passwd|$folder/aqnano.passwd|" -e "s|/etc/mosquitto/aqnano.acl|$folder/aqnano.acl|" \
        -e "s|listener 1883 127.0.0.1|listener $MQTT_PORT 127.0.0.1|" -e "s|persistence true|persistence false|" \
        -e "s|persistence_location /var/lib/mosquitto/||" "$ROOT/verifier/mosquitto/mosquitto.conf" >"$folder/mosquitto.conf"
    mosquitto_passwd -b -c "$folder/aqnano.passwd" verifier "$BROKER_PASSWORD"
    chmod 644 "$folder"/*
    /usr/sbin/mosquitto -c "$folder/mosquitto.conf" >"$folder/mosquitto.log" 2>&1 &
    MOSQUITTO_PID=$!
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$MQTT_PORT") 2>/dev/null && return 0; sleep 0.1; done
    echo "mosquitto did not start"; cat "$folder/mosquitto.log"; exit 3
}

# start_workers DATABASE COUNT: worker processes w1..wCOUNT, then waits until their leases are spread evenly.
start_workers() {
    local db=$1 count=$2 i
    for i in $(seq 1 "$count"); do
        dotnet "$AQNANO" serve --broker "mqtt://127.0.0.1:$MQTT_PORT" --broker-user verifier --broker-password "$BROKER_PASSWORD" \
            --postgres "$(connection "$db")" --worker-id "w$i" --policy "$WORK/policy.json" --tls-port 0 \
            --dashboard-port "$(free_port)" --operator-password op --viewer-password view --controller-password ctl \
            >"$WORK/$db-w$i.out" 2>&1 &
        WORKER_PIDS+=($!)
    done
    local share=$(( (64 + count - 1) / count ))
    for _ in $(seq 1 240); do
        local spread
        spread=$(psql_db "$db" "SELECT count(DISTINCT owner) || ' ' || count(*) || ' ' || coalesce(max(n),0) FROM (SELECT owner, count(*) OVER (PARTITION BY owner) n FROM partition_lease WHERE owner IS NOT NULL AND expires_at > now()) o" 2>/dev/null || echo "0 0 0")
        read -r owners leased largest <<<"$spread"
        [[ "$owners" == "$count" && "$leased" == 64 && "$largest" -le "$share" ]] && return 0
        sleep 0.5
    done
    echo "leases did not spread over $count workers"; tail -5 "$WORK/$db"-w*.out; exit 3
}

scenario() { # scenario FILE DURATION_MINUTES INTERVAL
    python3 - "$BOARDS" "$2" "$3" >"$1" <<'PY'
import json, sys
devices, minutes, interval = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(json.dumps({
  "name": "worker-fleet", "seed": 8004, "devices": devices, "intervalSeconds": interval, "durationMinutes": minutes,
  "description": "Honest boards behind verifier workers.", "path": "open",
  "network": {"delayFloorMs": 1, "delayMedianExtraMs": 4, "delaySpread": 0.8, "lossPercent": 1, "ackLossPercent": 1},
  "expected": [{"role": "honest", "verdicts": ["Genesis", "Next"], "neverVerdicts": ["Conflict", "Fork", "Broken", "Malformed", "Contended"],
                "finalModes": ["AdmitRestricted", "AdmitFull", "Observe"], "incident": False, "note": "worker run"}]}))
PY
}

frames_in_ledger() { psql_db "$1" "SELECT count(*) FROM partition_ledger WHERE kind = 'frame'" 2>/dev/null || echo 0; }

declare -A RATE
for workers in 1 2 3; do
    db="phase$workers"
    psql_db postgres "CREATE DATABASE $db"
    start_mosquitto "$db"
    echo "== phase: $workers worker(s), $BOARDS boards, one frame per $INTERVAL s, $PHASE_SECONDS s (load $(load))"
    start_workers "$db" "$workers"
    scenario "$WORK/$db.json" "$(python3 -c "print($PHASE_SECONDS/60)")" "$INTERVAL"
    dotnet "$AQSIM" --broker "mqtt://127.0.0.1:$MQTT_PORT" --scenario "$WORK/$db.json" >"$WORK/$db-sim.out" 2>&1 &
    SIM_PID=$!
    started=$(date +%s)
    : >"$WORK/$db-samples.log"
    while kill -0 "$SIM_PID" 2>/dev/null; do
        echo "$(date +%s) $(frames_in_ledger "$db") $(cut -d' ' -f1 /proc/loadavg)" >>"$WORK/$db-samples.log"
        sleep 5
    done
    wait "$SIM_PID" || true; SIM_PID=""
    # Second half of the run: boots are over, the backlog (if any) is growing at the workers' pace.
    RATE[$workers]=$(awk -v from=$(( started + PHASE_SECONDS / 2 )) '$1 >= from { if (!n++) { t0=$1; c0=$2 } t1=$1; c1=$2 }
        END { if (t1 > t0) printf "%.1f", (c1 - c0) / (t1 - t0); else print "0" }' "$WORK/$db-samples.log")
    offered=$(python3 -c "print(round($BOARDS/$INTERVAL))")
    echo "   ledger frame records per second (second half): ${RATE[$workers]} of $offered offered; load at the end $(load)"
    stop_workers; stop_mosquitto
done

echo "== failover: 3 workers, $BOARDS boards, one frame per $FAILOVER_INTERVAL s, $FAILOVER_MINUTES min, w2 killed at a third (load $(load))"
db=failover
psql_db postgres "CREATE DATABASE $db"
start_mosquitto "$db"
start_workers "$db" 3
VICTIM_PID=${WORKER_PIDS[1]}
scenario "$WORK/$db.json" "$FAILOVER_MINUTES" "$FAILOVER_INTERVAL"
dotnet "$AQSIM" --broker "mqtt://127.0.0.1:$MQTT_PORT" --scenario "$WORK/$db.json" --capture "$WORK/acknowledged.jsonl" >"$WORK/$db-sim.out" 2>&1 &
SIM_PID=$!
sleep "$(python3 -c "print(int($FAILOVER_MINUTES * 60 / 3))")"
echo "   before the kill: $(psql_db "$db" "SELECT string_agg(owner || '=' || n, ', ' ORDER BY owner) FROM (SELECT owner, count(*) n FROM partition_lease WHERE expires_at > now() GROUP BY owner) o")"
kill -KILL "$VICTIM_PID"; KILLED_AT=$(date +%s)
echo "   killed w2 (pid $VICTIM_PID) at $(date -u +%H:%M:%S)"
set +e; wait "$SIM_PID"; SIM_RC=$?; set -e; SIM_PID=""
# Wait for the ledger to take every acknowledged frame (the survivors drain their broker queues): until none is
# missing, or the ledger has not grown for 60 s, or 15 min.
python3 - "$WORK/acknowledged.jsonl" >"$WORK/acknowledged.hex" <<'PY'
import base64, json, sys
seen = set()
for line in open(sys.argv[1]):
    item = json.loads(line)
    if item["topic"].endswith("/obs"): seen.add(base64.b64decode(item["frame"]).hex())
print("\n".join(sorted(seen)))
PY
ACKED=$(grep -c . "$WORK/acknowledged.hex" || true)
LAST_COUNT=-1; STALLED=0
for _ in $(seq 1 900); do
    psql_db "$db" "SELECT DISTINCT encode(frame, 'hex') FROM partition_ledger WHERE kind = 'frame'" | sort >"$WORK/ledger.hex"
    MISSING=$(comm -23 "$WORK/acknowledged.hex" "$WORK/ledger.hex" | grep -c . || true)
    [[ "$MISSING" == 0 ]] && break
    COUNT=$(frames_in_ledger "$db")
    if [[ "$COUNT" == "$LAST_COUNT" ]]; then STALLED=$(( STALLED + 1 )); else STALLED=0; LAST_COUNT=$COUNT; fi
    (( STALLED >= 60 )) && break
    sleep 1
done
DRAINED_AT=$(date +%s)
echo "   after: $(psql_db "$db" "SELECT string_agg(owner || '=' || n, ', ' ORDER BY owner) FROM (SELECT owner, count(*) n FROM partition_lease WHERE expires_at > now() GROUP BY owner) o")"
grep -h -E "took partitions|lost partitions|gave back" "$WORK/$db"-w1.out "$WORK/$db"-w3.out | sed 's/^/   /' | tail -8
echo "   simulator exit code $SIM_RC; obs frames acknowledged (distinct, capture): $ACKED; missing from the ledger: $MISSING"
psql_db "$db" "SELECT kind, count(*) FROM partition_ledger GROUP BY kind ORDER BY kind" | sed 's/^/   ledger records /'
psql_db "$db" "SELECT kind, detail::json->>'verdict', coalesce(detail::json->>'reasonName', ''), count(*) FROM partition_ledger WHERE kind IN ('frame', 'refusal') GROUP BY 1, 2, 3 ORDER BY 1, 2" | sed 's/^/   verdicts /'
echo "   the ledger took the last acknowledged frame $(( DRAINED_AT - KILLED_AT )) s after the kill (the run went on $(( FAILOVER_MINUTES * 40 )) s after it)"
DUPLICATES=$(psql_db "$db" "SELECT count(*) - count(DISTINCT frame) FROM partition_ledger WHERE kind = 'frame'")
echo "   frames recorded twice: $DUPLICATES (0 expected: records and state are one commit, docs/SECURITY.md \"Known limits\")"
if dotnet "$AQNANO" lineage verify --help 2>/dev/null | grep -q -- --postgres; then
    set +e; dotnet "$AQNANO" lineage verify --postgres "$(connection "$db")" >"$WORK/verify.out" 2>&1; VERIFY_RC=$?; set -e
    echo "   ledger verifies: $([[ $VERIFY_RC == 0 ]] && echo yes || echo "NO (exit $VERIFY_RC)") - $(tail -1 "$WORK/verify.out")"
else
    echo "   ledger verify: this build has no 'lineage verify --postgres' (tests/AqNano.Scale.Tests verifies the CI run's ledger)"
fi
stop_workers; stop_mosquitto

echo "== throughput with 1, 2 and 3 workers ($BOARDS boards, one frame per $INTERVAL s offered, $(nproc) cores, load at the end $(load))"
for workers in 1 2 3; do
    echo "   $workers worker(s): ${RATE[$workers]} ledger frame records/s, ratio $(python3 -c "a=${RATE[1]}; b=${RATE[$workers]}; print(f'{b/a:.2f}' if a > 0 else 'n/a')")"
done
