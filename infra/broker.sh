#!/usr/bin/env bash
# Starts the broker for development on http://127.0.0.1:5080 (gRPC) with the development token issuer on
# http://127.0.0.1:5081. Uses ConnectionStrings__Broker (and ConnectionStrings__Migrations, the schema owner, if set)
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
exec dotnet run --project src/DataAccessBroker.Server -c Release --no-launch-profile
