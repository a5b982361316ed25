#!/usr/bin/env bash
# Starts three broker nodes for development, each the others' peer, each on its own database of one local PostgreSQL
# server (the one infra/broker.sh uses: infra/.local/postgres, port 55432, installed if missing):
#   no  Helsedataservice       gRPC 127.0.0.1:5080, token issuer :5081, operations :5082, database dab_no
#   dk  Sundhedsdatastyrelsen  gRPC 127.0.0.1:5180, token issuer :5181, operations :5182, database dab_dk
#   fi  Findata                gRPC 127.0.0.1:5280, token issuer :5281, operations :5282, database dab_fi
# Each node has its own demo users (src/DataAccessBroker.Server/appsettings.Development.<node>.json) and keeps its
# signing key in infra/.local/federation/<node>-issuer-key.pem, so that its peers keep trusting it across restarts.
# Logs go to infra/.local/federation/<node>.log. Ctrl-C stops all three.
# DAB_FEDERATION_PORT moves the ports (Norway's gRPC port; Denmark's 100 and Finland's 200 above it) and
# DAB_FEDERATION_STATE the keys and logs; DAB_PG_DIR and DAB_PG_PORT the PostgreSQL server (infra/local-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

state=${DAB_FEDERATION_STATE:-$PWD/infra/.local/federation}
mkdir -p "$state"
nodes=(no dk fi)
declare -A name=([no]=Helsedataservice [dk]=Sundhedsdatastyrelsen [fi]=Findata)
first=${DAB_FEDERATION_PORT:-5080}
declare -A base=([no]=$first [dk]=$(( first + 100 )) [fi]=$(( first + 200 )))

# Each node migrates as the superuser postgres (the schema owner) and runs as dab_broker, which may not change the
# history (README, "Database roles").
declare -A owner runtime
for node in "${nodes[@]}"; do
  owner[$node]=$(DAB_PG_DATABASE="dab_$node" infra/local-postgres.sh start)
  runtime[$node]=$(DAB_PG_DATABASE="dab_$node" infra/local-postgres.sh start --runtime)
done

echo "Building the broker…" >&2
dotnet build src/DataAccessBroker.Server -c Release -nologo >"$state/build.log" 2>&1 || { tail -n 30 "$state/build.log" >&2; exit 1; }
server=$PWD/src/DataAccessBroker.Server/bin/Release/net10.0

pids=()
stop() { [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

for node in "${nodes[@]}"; do
  port=${base[$node]}
  peers=()
  i=0
  for peer in "${nodes[@]}"; do
    [ "$peer" = "$node" ] && continue
    peers+=("Federation__Peers__${i}__Code=$peer" "Federation__Peers__${i}__Name=${name[$peer]}"
            "Federation__Peers__${i}__Address=http://127.0.0.1:${base[$peer]}"
            "Federation__Peers__${i}__Issuer=http://127.0.0.1:$(( ${base[$peer]} + 1 ))")
    i=$(( i + 1 ))
  done
  (
    cd "$server"
    exec env ASPNETCORE_ENVIRONMENT=Development \
      ConnectionStrings__Migrations="${owner[$node]}" \
      ConnectionStrings__Broker="${runtime[$node]}" \
      Node__Code="$node" \
      Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$port" \
      Kestrel__Endpoints__DevelopmentIssuer__Url="http://127.0.0.1:$(( port + 1 ))" \
      Kestrel__Endpoints__Operations__Url="http://127.0.0.1:$(( port + 2 ))" \
      Authentication__DevelopmentIssuer__Url="http://127.0.0.1:$(( port + 1 ))" \
      Authentication__DevelopmentIssuer__KeyFile="$state/$node-issuer-key.pem" \
      "${peers[@]}" \
      dotnet DataAccessBroker.Server.dll
  ) >"$state/$node.log" 2>&1 &
  pids+=($!)
done

# Ready when each node's operations port answers its readiness probe.
ready() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" >&3
  head -n 1 <&3 | grep -q ' 200 '
}
for node in "${nodes[@]}"; do
  for _ in $(seq 1 120); do
    if ready $(( ${base[$node]} + 2 )) 2>/dev/null; then break; fi
    kill -0 "${pids[@]}" 2>/dev/null || { echo "a node exited; see $state/*.log" >&2; exit 1; }
    sleep 0.5
  done
  ready $(( ${base[$node]} + 2 )) 2>/dev/null || { echo "$node did not become ready; see $state/$node.log" >&2; exit 1; }
  echo "$node (${name[$node]}) ready: gRPC http://127.0.0.1:${base[$node]}, issuer http://127.0.0.1:$(( ${base[$node]} + 1 ))" >&2
done

echo "Three nodes running; Ctrl-C stops them. README.md, 'Three countries, one application', walks through them." >&2
wait
