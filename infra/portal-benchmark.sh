#!/usr/bin/env bash
# Portal benchmark: how long the pages people use most take, request to whole page, with several users signed in at
# once (dab-bench portal): a researcher's list, application and new-application form, a reviewer's queue and task, the
# analyst's statistics; each with the number of broker calls behind it.
#   infra/portal-benchmark.sh [--applications N] [--requests N] [--clients C]     default: 50, 400, 4
# Starts a PostgreSQL cluster of its own in a temporary directory on port 55436, a Release broker on ports 5196-5198
# and the Release portal on port 5199 (both Development: the portal signs in at the broker's development issuer through
# the real code flow); stops them and removes the cluster on exit, keeping the two logs in infra/.local/portal-benchmark/.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_port=55436 grpc_port=5196 issuer_port=5197 operations_port=5198 portal_port=5199
work=$(mktemp -d "${TMPDIR:-/tmp}/dab-portal-benchmark.XXXXXX")
chmod 755 "$work"   # as root, the cluster inside belongs to the postgres user, who must reach it
export DAB_PG_DIR="$work/postgres" DAB_PG_PORT=$pg_port DAB_PG_DATABASE=dab
pids=()
logs="$PWD/infra/.local/portal-benchmark"
cleanup() {
  [ ${#pids[@]} -gt 0 ] && { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
  mkdir -p "$logs" && cp "$work"/*.log "$logs/" 2>/dev/null || true
  infra/local-postgres.sh stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building the broker, the portal and dab-bench (Release)…" >&2
for project in src/DataAccessBroker.Server src/DataAccessBroker.Web tests/DataAccessBroker.Benchmarks; do
  dotnet build "$project" -c Release >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 1; }
done

echo "Starting PostgreSQL on port $pg_port, the broker on $grpc_port and the portal on $portal_port…" >&2
connection=$(infra/local-postgres.sh start)
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Broker="$connection" \
  Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc_port \
  Kestrel__Endpoints__DevelopmentIssuer__Url=http://127.0.0.1:$issuer_port \
  Kestrel__Endpoints__Operations__Url=http://127.0.0.1:$operations_port \
  Authentication__DevelopmentIssuer__Url=http://127.0.0.1:$issuer_port \
  Logging__LogLevel__Default=Warning \
  bash -c 'cd src/DataAccessBroker.Server/bin/Release/net10.0 && exec dotnet DataAccessBroker.Server.dll' >"$work/broker.log" 2>&1 &
pids+=($!)
ASPNETCORE_ENVIRONMENT=Development Kestrel__Endpoints__Http__Url=http://127.0.0.1:$portal_port \
  Broker__Address=http://127.0.0.1:$grpc_port Authentication__Development__Authority=http://127.0.0.1:$issuer_port \
  Logging__LogLevel__Default=Warning \
  bash -c 'cd src/DataAccessBroker.Web && exec dotnet bin/Release/net10.0/DataAccessBroker.Web.dll' >"$work/portal.log" 2>&1 &
pids+=($!)
ready=0
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$issuer_port/.well-known/openid-configuration" >/dev/null 2>&1 \
     && curl -s -o /dev/null "http://127.0.0.1:$portal_port/Account/SignedOut" 2>/dev/null; then ready=1; break; fi
  sleep 1
done
[ "$ready" = 1 ] || { echo "The broker or the portal did not start:" >&2; tail -n 20 "$work/broker.log" "$work/portal.log" >&2; exit 1; }

dotnet tests/DataAccessBroker.Benchmarks/bin/Release/net10.0/dab-bench.dll portal --portal "http://127.0.0.1:$portal_port" \
  --server "http://127.0.0.1:$grpc_port" --issuer "http://127.0.0.1:$issuer_port" "$@"
