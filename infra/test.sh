#!/usr/bin/env bash
# Runs every test: domain unit tests and integration tests against a real PostgreSQL over real gRPC channels.
# Uses DAB_TEST_CONNECTION (a superuser connection; each test class creates its own database and migrates it as the
# superuser, and runs its broker as the role 'dab_test "runtime"', created if missing) when set; otherwise starts a
# throwaway local PostgreSQL in DAB_PG_DIR (default $TMPDIR/dab-test-postgres) on DAB_PG_PORT (default 55433),
# installing PostgreSQL first if the machine lacks it. Two checkouts testing at once give each its own.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DAB_TEST_CONNECTION:-}" ]; then
  DAB_TEST_CONNECTION=$(DAB_PG_DIR="${DAB_PG_DIR:-${TMPDIR:-/tmp}/dab-test-postgres}" DAB_PG_PORT="${DAB_PG_PORT:-55433}" DAB_PG_FAST=1 \
    DAB_PG_DATABASE=postgres infra/local-postgres.sh start)
  export DAB_TEST_CONNECTION
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test DataAccessBroker.sln -c Release "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test assemblies, in the plain form CI reads.
# Minimal verbosity closes each assembly with "Passed!  - Failed: 0, Passed: 95, …"; detailed verbosity with
# "Passed: 95" and "Failed: 0" lines of their own. Either way, add them up.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     /^ *Passed: *[0-9]+ *$/ { p2 += $NF } /^ *Failed: *[0-9]+ *$/ { f2 += $NF }
     END { if (p + f == 0) { p = p2; f = f2 } printf "tests: %d passed, %d failed\n", p, f }' FS='[ ,]+' "$log"
exit "$status"
