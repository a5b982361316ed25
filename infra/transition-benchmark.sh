#!/usr/bin/env bash
# Transition benchmark: how many workflow transitions per second (Submit, ApproveTask, MarkDelivered) the broker
# sustains on a durable PostgreSQL, beside pgbench's simple-update on the same cluster at the same client counts, and
# what each transition costs: CPU (broker, PostgreSQL, load generator), statements, transactions and WAL bytes.
#   infra/transition-benchmark.sh [--seconds D] [--repeat R] [CLIENTS …]     default: 20 s, once, 1 8 32 clients
# Starts a fresh PostgreSQL cluster of its own in a temporary directory on port 55435 (fsync and synchronous_commit
# on, pg_stat_statements) and a Release broker on ports 5093-5095; stops both and removes the cluster on exit. Keeps
# every run's raw output and a summary.json in infra/.local/transition-benchmark/<timestamp>/.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."

pg_port=55435 grpc_port=5093 issuer_port=5094 operations_port=5095
seconds=20 repeat=1 clients=()

# Internal: dab-bench runs "$0 --snapshot start|end FILE" as it opens and closes its measured window, so that the
# counters below cover exactly the transitions it counts. Writes key=value lines.
if [ "${1:-}" = "--snapshot" ]; then
  phase=$2 file=$3
  ticks_of() { sed 's/^.*) //' "/proc/$1/stat" | awk -v waited="$2" '{ print $12 + $13 + (waited ? $14 + $15 : 0) }'; }
  # PostgreSQL: the postmaster with the children it has reaped, plus every live child (backends, walwriter, …).
  pg_ticks() {
    local total children pid
    total=$(ticks_of "$TB_POSTMASTER" 1)
    children=$(cat "/proc/$TB_POSTMASTER/task/$TB_POSTMASTER/children" 2>/dev/null || true)
    for pid in $children; do total=$(( total + $(ticks_of "$pid" 0 2>/dev/null || echo 0) )); done
    echo "$total"
  }
  [ "$phase" = start ] && "$TB_PSQL" -qtAc "select pg_stat_statements_reset()" >/dev/null
  # One statement naming pg_stat_statements, which the count leaves out: the snapshot does not count itself.
  IFS='|' read -r statements commits wal < <("$TB_PSQL" -qtAc "
    select (select coalesce(sum(calls), 0) from pg_stat_statements
              where dbid = (select oid from pg_database where datname = current_database())
                and query not like '%pg_stat_statements%'),
           (select xact_commit from pg_stat_database where datname = current_database()),
           pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")
  {
    echo "broker_ticks=$(ticks_of "$TB_BROKER" 0)"
    echo "postgres_ticks=$(pg_ticks)"
    echo "statements=$statements"
    echo "xact_commit=$commits"
    echo "wal_bytes=$wal"
    echo "broker_hwm_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$TB_BROKER/status")"
  } >"$file"
  # What the broker ran in the window, most frequent first: where the statements per transition come from.
  [ "$phase" = end ] && "$TB_PSQL" -qc "
    select calls, rows, round(total_exec_time::numeric, 1) as total_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 160) as query
      from pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database())
       and query not like '%pg_stat_statements%'
     order by calls desc limit 40" >"${file%.end.env}.statements.txt"
  exit 0
fi

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$self"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) clients+=("$1"); shift ;;
  esac
done
[ ${#clients[@]} -gt 0 ] || clients=(1 8 32)

results="$PWD/infra/.local/transition-benchmark/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/dab-transition-benchmark.XXXXXX")
chmod 755 "$work"   # as root, the cluster inside belongs to the postgres user, who must reach it
broker=""
export DAB_PG_DIR="$work/postgres" DAB_PG_PORT=$pg_port DAB_PG_DATABASE=dab
unset DAB_PG_FAST   # durable on purpose: every commit waits for its WAL flush, as in production

cleanup() {
  if [ -n "$broker" ]; then kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true; fi
  [ -f "$work/broker.log" ] && cp "$work/broker.log" "$results/broker.log"
  infra/local-postgres.sh stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building the broker and dab-bench (Release)…"
dotnet build src/DataAccessBroker.Server -c Release >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 1; }
dotnet build tests/DataAccessBroker.Benchmarks -c Release >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 1; }
bench_dll="$PWD/tests/DataAccessBroker.Benchmarks/bin/Release/net10.0/dab-bench.dll"

echo "Starting PostgreSQL on port $pg_port in $DAB_PG_DIR…"
infra/local-postgres.sh start >/dev/null
infra/local-postgres.sh stop
{
  echo "fsync = on"
  echo "synchronous_commit = on"
  echo "shared_preload_libraries = 'pg_stat_statements'"
  echo "pg_stat_statements.track = all"
} >>"$DAB_PG_DIR/postgresql.conf"
connection=$(infra/local-postgres.sh start)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql_as() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 "$@"; }
psql_as -qc "create extension pg_stat_statements" dab
psql_as -qc "create database pgbench" postgres
echo "Initialising pgbench (scale 10)…"
"$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >"$work/pgbench-init.log" 2>&1 \
  || { cat "$work/pgbench-init.log" >&2; exit 1; }

echo "Starting the broker on port $grpc_port…"
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Broker="$connection" \
  Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc_port \
  Kestrel__Endpoints__DevelopmentIssuer__Url=http://127.0.0.1:$issuer_port \
  Kestrel__Endpoints__Operations__Url=http://127.0.0.1:$operations_port \
  Authentication__DevelopmentIssuer__Url=http://127.0.0.1:$issuer_port \
  Authentication__DevelopmentIssuer__KeyFile="$work/issuer-key.pem" \
  Logging__LogLevel__Default=Warning \
  bash -c 'cd src/DataAccessBroker.Server/bin/Release/net10.0 && exec dotnet DataAccessBroker.Server.dll' \
  >"$work/broker.log" 2>&1 &
broker=$!
# Ready when its issuer hands out the token dab-bench will ask for (migrations run before Kestrel listens).
ready=0
for _ in $(seq 1 60); do
  curl -sf -X POST -H 'Content-Type: application/json' -d '{"user":"ada"}' \
    "http://127.0.0.1:$issuer_port/token" >/dev/null 2>&1 && { ready=1; break; }
  kill -0 "$broker" 2>/dev/null || break
  sleep 1
done
[ "$ready" = 1 ] || { echo "The broker did not start:" >&2; tail -n 30 "$work/broker.log" >&2; exit 1; }

export TB_BROKER=$broker TB_POSTMASTER TB_PSQL="$work/psql-dab"
TB_POSTMASTER=$(head -n 1 "$DAB_PG_DIR/postmaster.pid")
# The snapshots run in a child of dab-bench: give them the connection as a tiny command of their own.
printf '#!/bin/sh\nexec %q -h 127.0.0.1 -p %q -U postgres -d dab "$@"\n' "$pg_bin/psql" "$pg_port" >"$TB_PSQL"
chmod +x "$TB_PSQL"

# The first phase must not pay for the broker's JIT and the empty database's first pages: one unmeasured run at the
# largest client count, then a quiet spell, so that the broker's background work (Hangfire polling, the SLA sweeper)
# can be measured on its own. The pause outlasts PostgreSQL's 10 s delay in publishing an idle backend's counters.
max_clients=$(printf '%s\n' "${clients[@]}" | sort -n | tail -n 1)
echo "Warming the broker up ($max_clients clients, 10 s, not measured)…"
dotnet "$bench_dll" transitions --server "http://127.0.0.1:$grpc_port" --issuer "http://127.0.0.1:$issuer_port" \
  --clients "$max_clients" --seconds 10 --warmup-seconds 0 >"$results/warmup.bench.txt" 2>&1 \
  || { cat "$results/warmup.bench.txt" >&2; exit 1; }
idle_seconds=10
echo "Measuring the idle broker's background work (${idle_seconds} s, after an 11 s pause)…"
sleep 11
"$self" --snapshot start "$results/idle.start.env"
sleep "$idle_seconds"
"$self" --snapshot end "$results/idle.end.env"

phase=0
: >"$results/phases.txt"
for run in $(seq 1 "$repeat"); do
  for c in "${clients[@]}"; do
    phase=$(( phase + 1 ))
    tag=$(printf 'p%02d-c%s' "$phase" "$c")
    echo "$tag $c $run" >>"$results/phases.txt"
    "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -b simple-update -c "$c" -j $(( c < 2 ? c : 2 )) \
      -T "$seconds" -M prepared pgbench >"$results/$tag.pgbench.txt" 2>&1
    tps=$(awk '/^tps = .*without initial connection time/ { print $3 }' "$results/$tag.pgbench.txt")

    dotnet "$bench_dll" transitions --server "http://127.0.0.1:$grpc_port" --issuer "http://127.0.0.1:$issuer_port" \
      --clients "$c" --seconds "$seconds" --json "$results/$tag.bench.json" \
      --at-measured-start "$(printf '%q --snapshot start %q' "$self" "$results/$tag.start.env")" \
      --at-measured-end "$(printf '%q --snapshot end %q' "$self" "$results/$tag.end.env")" \
      >"$results/$tag.bench.txt" 2>&1 || { cat "$results/$tag.bench.txt" >&2; exit 1; }
    printf '%3s clients, run %s: pgbench %.0f tps, broker %s transitions/s\n' "$c" "$run" "${tps:-0}" \
      "$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["transitions_per_second"], 1))' \
        "$results/$tag.bench.json")"
  done
done
awk '/^VmHWM/ { print $2 }' "/proc/$broker/status" >"$results/broker-hwm-kb.txt"

python3 - "$results" "$(getconf CLK_TCK)" "$idle_seconds" <<'PY'
import json, sys
results, tick, idle_seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])

def env(path):
    return {k: float(v) for k, v in (line.strip().split("=", 1) for line in open(path) if "=" in line)}

def pgbench_tps(path):
    for line in open(path):
        if line.startswith("tps = ") and "without initial connection time" in line:
            return float(line.split()[2])
    return float("nan")

rows = []
for line in open(f"{results}/phases.txt"):
    name, c, run = line.split()
    tag = f"{results}/{name}"
    bench = json.load(open(f"{tag}.bench.json"))
    start, end = env(f"{tag}.start.env"), env(f"{tag}.end.env")
    n = bench["transitions"] or float("nan")
    ms_per = lambda ticks: ticks / tick * 1000 / n
    tps = pgbench_tps(f"{tag}.pgbench.txt")
    rows.append({
        "clients": int(c), "run": int(run), "pgbench_tps": tps,
        "transitions_per_second": bench["transitions_per_second"],
        "ratio": bench["transitions_per_second"] / tps if tps else float("nan"),
        "completed_applications": bench["completed_applications"],
        "errors": bench["error_total"],
        "latency_ms": bench["latency_ms"],
        "cpu_ms_per_transition": {
            "broker": ms_per(end["broker_ticks"] - start["broker_ticks"]),
            "postgres": ms_per(end["postgres_ticks"] - start["postgres_ticks"]),
            "load_generator": bench["load_generator_cpu_seconds"] * 1000 / n,
        },
        "statements_per_transition": end["statements"] / n,
        "transactions_per_transition": (end["xact_commit"] - start["xact_commit"]) / n,
        "wal_bytes_per_transition": (end["wal_bytes"] - start["wal_bytes"]) / n,
        "broker_hwm_mb": end["broker_hwm_kb"] / 1024,
    })

def pct(l):
    return f'{l["p50"]:.1f}/{l["p95"]:.1f}/{l["p99"]:.1f}'

def table(headers, lines):
    widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(headers)]
    for line in [headers, ["-" * w for w in widths]] + lines:
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths)))

print()
print("Throughput and cost per transition (Submit, ApproveTask, MarkDelivered; 7 per application), measured window only")
table(["clients", "run", "pgbench tps", "transitions/s", "ratio", "apps", "errors",
       "ApproveHds p50/95/99 ms", "all p50/95/99 ms", "CPU ms broker", "postgres", "load gen",
       "stmts", "xacts", "WAL bytes", "broker HWM MB"],
      [[str(r["clients"]), str(r["run"]), f'{r["pgbench_tps"]:.0f}', f'{r["transitions_per_second"]:.1f}',
        f'{r["ratio"]:.3f}', str(r["completed_applications"]), str(r["errors"]),
        pct(r["latency_ms"]["ApproveHds"]), pct(r["latency_ms"]["transitions"]),
        f'{r["cpu_ms_per_transition"]["broker"]:.2f}', f'{r["cpu_ms_per_transition"]["postgres"]:.2f}',
        f'{r["cpu_ms_per_transition"]["load_generator"]:.2f}', f'{r["statements_per_transition"]:.1f}',
        f'{r["transactions_per_transition"]:.2f}', f'{r["wal_bytes_per_transition"]:.0f}',
        f'{r["broker_hwm_mb"]:.0f}'] for r in rows])

kinds = ["Create", "Submit", "ApproveRek", "ApproveOwner", "ApproveHds", "Deliver", "Get"]
print()
print("Latency per RPC kind, p50/p95/p99 ms (Get: GetApplication for the tasks a stage change opened; not a transition)")
table(["clients", "run"] + kinds,
      [[str(r["clients"]), str(r["run"])] + [pct(r["latency_ms"][k]) for k in kinds] for r in rows])

start, end = env(f"{results}/idle.start.env"), env(f"{results}/idle.end.env")
idle = {
    "broker_cpu_ms": (end["broker_ticks"] - start["broker_ticks"]) / tick * 1000 / idle_seconds,
    "postgres_cpu_ms": (end["postgres_ticks"] - start["postgres_ticks"]) / tick * 1000 / idle_seconds,
    "statements": end["statements"] / idle_seconds,
    "transactions": (end["xact_commit"] - start["xact_commit"]) / idle_seconds,
    "wal_bytes": (end["wal_bytes"] - start["wal_bytes"]) / idle_seconds,
}
print()
print(f'Idle broker, per second (included in the figures above): CPU ms broker {idle["broker_cpu_ms"]:.1f}, '
      f'postgres {idle["postgres_cpu_ms"]:.1f}; {idle["statements"]:.1f} statements, '
      f'{idle["transactions"]:.1f} transactions, {idle["wal_bytes"]:.0f} WAL bytes')
hwm = float(open(f"{results}/broker-hwm-kb.txt").read()) / 1024
print(f"Broker peak RSS (VmHWM): {hwm:.0f} MB")
json.dump({"runs": rows, "idle_per_second": idle, "broker_peak_rss_mb": hwm},
          open(f"{results}/summary.json", "w"), indent=2)
PY
echo "Results: $results"
