#!/usr/bin/env bash
# Starts the broker for development on http://127.0.0.1:5080 (gRPC) with the development token issuer on
# http://127.0.0.1:5081, and the web portal on http://127.0.0.1:5090, which signs users in at that issuer and talks to
# the broker over gRPC. Uses ConnectionStrings__Broker (and ConnectionStrings__Migrations, the schema owner, if set)
# when set; otherwise starts a local PostgreSQL itself and connects as in production: migrations as the superuser
# postgres, which owns the schema, and everything else as dab_broker, which may not change the history.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ConnectionStrings__Broker:-}" ]; then
  ConnectionStrings__Migrations=$(infra/local-postgres.sh start)
  ConnectionStrings__Broker=$(infra/local-postgres.sh start --runtime)
  export ConnectionStrings__Migrations ConnectionStrings__Broker
fi
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# Keep the development signing key across restarts so `dab login` tokens stay valid.
export Authentication__DevelopmentIssuer__KeyFile=${Authentication__DevelopmentIssuer__KeyFile:-$PWD/infra/.local/dev-issuer-key.pem}

echo "Building the broker and the portal…" >&2
mkdir -p infra/.local
for project in DataAccessBroker.Server DataAccessBroker.Web; do
  dotnet build "src/$project" -c Release -nologo >"infra/.local/build-$project.log" 2>&1 \
    || { tail -n 30 "infra/.local/build-$project.log" >&2; exit 1; }
done

pids=()
stop() { [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

(cd src/DataAccessBroker.Server/bin/Release/net10.0 && exec dotnet DataAccessBroker.Server.dll) &
pids+=($!)
# The portal reads the issuer's discovery document when the first user signs in; start it once the issuer listens.
issuer=${Authentication__DevelopmentIssuer__Url:-http://127.0.0.1:5081}
issuer_port=${issuer##*:}
until (exec 3<>"/dev/tcp/127.0.0.1/${issuer_port%%/*}") 2>/dev/null; do
  kill -0 "${pids[0]}" 2>/dev/null || exit 1
  sleep 0.5
done
# The portal's content root is its project folder, where its appsettings are.
(cd src/DataAccessBroker.Web && exec dotnet bin/Release/net10.0/DataAccessBroker.Web.dll) &
pids+=($!)
wait -n "${pids[@]}"
