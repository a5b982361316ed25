#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL cluster on loopback and prints a connection string, on one line.
#   infra/local-postgres.sh start            start it (initialising it first if needed) and print the connection
#                                            string of the superuser postgres: it owns the schema and runs migrations
#                                            (ConnectionStrings:Migrations), and may create databases (the tests)
#   infra/local-postgres.sh start --runtime  the same, but print the connection string of dab_broker, the broker's
#                                            runtime role (ConnectionStrings:Broker): a login without superuser, which
#                                            the schema owner grants what the broker needs and which may not change
#                                            the history (README, "Database roles")
#   infra/local-postgres.sh stop             stop it
# Every start creates the role dab_broker when it is missing (trust authentication on loopback: no password).
# Environment: DAB_PG_DIR (data directory, default infra/.local/postgres), DAB_PG_PORT (default 55432),
#              DAB_PG_DATABASE (created if missing, default dab), DAB_PG_FAST=1 (no fsync: for tests only).
# Installs Debian's postgresql package when no server binaries are found. PostgreSQL refuses to run as root, so as
# root the cluster belongs to the postgres user.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${DAB_PG_DIR:-$repo/infra/.local/postgres}
port=${DAB_PG_PORT:-55432}
database=${DAB_PG_DATABASE:-dab}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries not found; install the 'postgresql' package." >&2
    exit 1
  fi
  echo "Installing PostgreSQL (apt-get install postgresql)…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; exit 1; }
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$dir'"
        echo "max_connections = 400"
        echo "shared_buffers = 256MB"
        if [ "${DAB_PG_FAST:-0}" = 1 ]; then
          echo "fsync = off"
          echo "synchronous_commit = off"
          echo "full_page_writes = off"
        fi
      } >>"$dir/postgresql.conf"
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -n 30 "$dir/server.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -tAc \
        "select 1 from pg_database where datname = '$database'" postgres | grep -q 1; then
      as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres "$database"
    fi
    # Several scripts may start the cluster at once: a role another one created first is no error.
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -qtAc "do \$\$ begin create role dab_broker login;
      exception when duplicate_object or unique_violation then null; end \$\$" postgres >/dev/null
    if [ "${2:-}" = --runtime ]; then role=dab_broker; else role=postgres; fi
    echo "Host=127.0.0.1;Port=$port;Username=$role;Database=$database"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start [--runtime] | stop" >&2
    exit 2
    ;;
esac
