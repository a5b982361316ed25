#!/usr/bin/env bash
# Federation benchmark: cross-border applications through three nodes (Norway at home, Denmark and Finland as peers),
# each on its own database, started by infra/federation.sh on a fresh durable PostgreSQL cluster of its own (port
# 55436, ports 6080-6282). Prints what the applicant's side waited on messages between nodes (dab-bench federation)
# and, exactly from the nodes' outboxes and inboxes, every message's time from the commit that wrote it to its
# application at the receiving node, by kind, and the messages per second; plus CPU per application.
#   infra/federation-benchmark.sh [--applications N] [--concurrency C]      default: 96 applications, 32 at a time
# Keeps the raw output in infra/.local/federation-benchmark/<timestamp>/.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."

applications=96 concurrency=32
while [ $# -gt 0 ]; do
  case "$1" in
    --applications) applications=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$self"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

pg_port=55436 first_port=6080
results="$PWD/infra/.local/federation-benchmark/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/dab-federation-benchmark.XXXXXX")
chmod 755 "$work"   # as root, the cluster inside belongs to the postgres user, who must reach it
export DAB_PG_DIR="$work/postgres" DAB_PG_PORT=$pg_port DAB_FEDERATION_PORT=$first_port DAB_FEDERATION_STATE="$work"
export Logging__LogLevel__Default=Warning
unset DAB_PG_FAST   # durable on purpose: every commit waits for its WAL flush, as in production
federation=""

cleanup() {
  if [ -n "$federation" ]; then kill "$federation" 2>/dev/null || true; wait "$federation" 2>/dev/null || true; fi
  cp "$work"/*.log "$results/" 2>/dev/null || true
  infra/local-postgres.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building dab-bench (Release)…"
dotnet build tests/DataAccessBroker.Benchmarks -c Release >"$results/build.log" 2>&1 || { tail -n 30 "$results/build.log" >&2; exit 1; }
bench=(dotnet "$PWD/tests/DataAccessBroker.Benchmarks/bin/Release/net10.0/dab-bench.dll" federation --base-port "$first_port")

echo "Starting three nodes on ports $first_port-$(( first_port + 202 )) and PostgreSQL on $pg_port…"
# The cluster first, with pg_stat_statements loaded: what each node's database ran in the window is counted.
infra/local-postgres.sh start >/dev/null
infra/local-postgres.sh stop >/dev/null
printf '%s\n' "shared_preload_libraries = 'pg_stat_statements'" "pg_stat_statements.track = all" >>"$DAB_PG_DIR/postgresql.conf"
infra/federation.sh 2>"$results/federation.txt" &
federation=$!
until grep -q "Three nodes running" "$results/federation.txt" 2>/dev/null; do
  kill -0 "$federation" 2>/dev/null || { cat "$results/federation.txt" >&2; exit 1; }
  sleep 1
done

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql_on() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "dab_$1" -qtA -v ON_ERROR_STOP=1 "${@:2}"; }
# The broker processes, found by their gRPC port; and PostgreSQL's postmaster with its children.
broker_pids=()
for port in $first_port $(( first_port + 100 )) $(( first_port + 200 )); do
  for pid in $(pgrep -f DataAccessBroker.Server.dll); do
    tr '\0' '\n' <"/proc/$pid/environ" | grep -qx "Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$port" && broker_pids+=("$pid")
  done
done
postmaster=$(head -n 1 "$DAB_PG_DIR/postmaster.pid")
stat_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk -v waited="$2" '{ print $12 + $13 + (waited ? $14 + $15 : 0) }'; }
# Each node's broker CPU ticks, "no dk fi".
broker_ticks() { local pid; for pid in "${broker_pids[@]}"; do printf '%s ' "$(stat_ticks "$pid" 0)"; done; }
# The postmaster with the children it has reaped, plus every live child (backends, walwriter, …).
postgres_ticks() {
  local t pid
  t=$(stat_ticks "$postmaster" 1)
  for pid in $(cat "/proc/$postmaster/task/$postmaster/children" 2>/dev/null); do t=$(( t + $(stat_ticks "$pid" 0 2>/dev/null || echo 0) )); done
  echo "$t"
}

echo "Warming up (16 applications, not measured)…"
"${bench[@]}" --applications 16 --concurrency 8 >"$results/warmup.txt" 2>&1 || { cat "$results/warmup.txt" >&2; exit 1; }
sleep 2

for node in no dk fi; do psql_on "$node" -c "create extension if not exists pg_stat_statements"; done
statements() { psql_on "$1" -c "select coalesce(sum(calls), 0) from pg_stat_statements
                                 where dbid = (select oid from pg_database where datname = current_database())
                                   and query not like '%pg_stat_statements%'"; }

echo "Measuring: $applications applications, $concurrency at a time…"
psql_on no -c "select pg_stat_statements_reset()" >/dev/null
start=$(psql_on no -c "select now()")
broker_start=$(broker_ticks) postgres_start=$(postgres_ticks)
"${bench[@]}" --applications "$applications" --concurrency "$concurrency" --json "$results/bench.json" \
  >"$results/bench.txt" 2>"$results/bench.stderr" || { cat "$results/bench.txt" "$results/bench.stderr" >&2; exit 1; }
# Let the last messages arrive before reading the queues.
sleep 2
broker_end=$(broker_ticks) postgres_end=$(postgres_ticks)
cat "$results/bench.txt"

for node in no dk fi; do
  statements "$node" >"$results/statements-$node.txt"
  psql_on "$node" -F'|' -c "select calls, round(total_exec_time::numeric, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 150)
                              from pg_stat_statements
                             where dbid = (select oid from pg_database where datname = current_database())
                               and query not like '%pg_stat_statements%'
                             order by calls desc limit 30" >"$results/top-statements-$node.txt"
  psql_on "$node" -F, -c "select '$node', peer, message_id, kind, extract(epoch from create_time), extract(epoch from sent_time), attempts
                            from node_outbox where create_time >= '$start'" >"$results/outbox-$node.csv"
  psql_on "$node" -F, -c "select sender, '$node', message_id, extract(epoch from received_time), extract(epoch from applied_time)
                            from node_inbox where received_time >= '$start'" >"$results/inbox-$node.csv"
done

python3 - "$results" "$(getconf CLK_TCK)" "$broker_start" "$broker_end" "$(( postgres_end - postgres_start ))" <<'PY'
import csv, glob, json, sys
results, tick, postgres_ticks = sys.argv[1], int(sys.argv[2]), int(sys.argv[5])
node_ticks = dict(zip(("no", "dk", "fi"), (int(e) - int(s) for s, e in zip(sys.argv[3].split(), sys.argv[4].split()))))
broker_ticks = sum(node_ticks.values())
bench = json.load(open(f"{results}/bench.json"))

outbox = {}
for path in glob.glob(f"{results}/outbox-*.csv"):
    for sender, peer, mid, kind, created, sent, attempts in csv.reader(open(path)):
        outbox[(sender, peer, mid)] = (kind, float(created), float(sent) if sent else None, int(attempts))
applied, pending = {}, 0
for path in glob.glob(f"{results}/inbox-*.csv"):
    for sender, receiver, mid, received, done in csv.reader(open(path)):
        if done: applied[(sender, receiver, mid)] = float(done)

def pct(values, p):
    values = sorted(values)
    return values[max(0, min(len(values), -(-len(values) * p // 100)) - 1)] if values else float("nan")

by_kind = {}
for key, (kind, created, sent, attempts) in outbox.items():
    if key in applied: by_kind.setdefault(kind, []).append((applied[key] - created) * 1000)
    else: pending += 1
rows = []
print()
rate = len(outbox) / bench["elapsed_seconds"]
print(f"Messages between nodes: {len(outbox)} written, {len(outbox) - pending} applied at their receiver, {pending} not; "
      f"{rate:.1f} messages/s while the applications ran; {sum(1 for v in outbox.values() if v[3] > 1)} needed more than one attempt")
print(f"{'commit → applied at receiver':<30} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for kind, values in sorted(by_kind.items()) + [("all", [v for vs in by_kind.values() for v in vs])]:
    row = {"kind": kind, "count": len(values), "p50": pct(values, 50), "p95": pct(values, 95), "p99": pct(values, 99), "max": max(values)}
    rows.append(row)
    print(f"{kind:<30} {row['count']:>7} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['p99']:>8.1f} {row['max']:>8.1f}")
delivered = bench["delivered"] or float("nan")
cpu = {"brokers_ms_per_application": broker_ticks / tick * 1000 / delivered,
       "broker_ms_per_application_by_node": {n: t / tick * 1000 / delivered for n, t in node_ticks.items()},
       "postgres_ms_per_application": postgres_ticks / tick * 1000 / delivered}
statements = {node: float(open(f"{results}/statements-{node}.txt").read() or 0) / delivered for node in ("no", "dk", "fi")}
print(f"CPU per delivered application: three brokers {cpu['brokers_ms_per_application']:.0f} ms ("
      + ", ".join(f"{n} {v:.0f}" for n, v in cpu["broker_ms_per_application_by_node"].items()) + "), "
      f"PostgreSQL {cpu['postgres_ms_per_application']:.0f} ms ({len(outbox) / delivered:.1f} messages each)")
print("Statements per delivered application (incl. background work): " +
      ", ".join(f"{node} {count:.0f}" for node, count in statements.items()) + "; the most frequent in top-statements-NODE.txt")
json.dump({"statements_per_application": statements, "messages": len(outbox), "pending": pending, "messages_per_second": rate,
           "latency_ms": rows, "cpu": cpu, "client": bench}, open(f"{results}/summary.json", "w"), indent=2)
PY
echo "Results: $results"
