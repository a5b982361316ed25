#!/usr/bin/env bash
# Statistics benchmark: loads simulated applications in steps and prints each statistics query's median answer time
# at every size, against a broker of its own on a throwaway database.
#   infra/benchmark.sh [SIZE …]      default: 10000 1000000 (cumulative totals)
# Uses a PostgreSQL on port 55434 (started if needed) and broker ports 5090-5092.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 1000000)

export DAB_PG_DIR="${TMPDIR:-/tmp}/dab-benchmark-postgres" DAB_PG_PORT=55434 DAB_PG_DATABASE="dab_benchmark_$$"
connection=$(infra/local-postgres.sh start)
dotnet publish src/DataAccessBroker.Cli -c Release -o infra/.local/bin >/dev/null
dotnet build src/DataAccessBroker.Server -c Release >/dev/null

log=$(mktemp)
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Broker="$connection" \
  Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:5090 Kestrel__Endpoints__DevelopmentIssuer__Url=http://127.0.0.1:5091 \
  Kestrel__Endpoints__Operations__Url=http://127.0.0.1:5092 Authentication__DevelopmentIssuer__Url=http://127.0.0.1:5091 \
  Logging__LogLevel__Default=Warning \
  bash -c 'cd src/DataAccessBroker.Server/bin/Release/net10.0 && exec dotnet DataAccessBroker.Server.dll' >"$log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null || true; rm -f "$log"' EXIT

export PATH="$PWD/infra/.local/bin:$PATH" DAB_SERVER=http://127.0.0.1:5090 DAB_ISSUER=http://127.0.0.1:5091
export DAB_TOKEN_FILE="${TMPDIR:-/tmp}/dab-benchmark-session-$$.json"
for _ in $(seq 1 60); do dab login admin >/dev/null 2>&1 && break; sleep 1; done

loaded=0
seed=1
for size in "${sizes[@]}"; do
  dab login admin >/dev/null
  while [ "$loaded" -lt "$size" ]; do
    step=$(( size - loaded < 100000 ? size - loaded : 100000 ))
    dab simulate --applications "$step" --seed "$seed" --months 36
    loaded=$(( loaded + step ))
    seed=$(( seed + 1 ))
  done
  dab login anders >/dev/null
  echo "== $loaded applications: median answer time of each query (one-year period) =="
  dab stats benchmark --runs 21
done
rm -f "$DAB_TOKEN_FILE"
