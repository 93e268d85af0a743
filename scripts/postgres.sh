#!/usr/bin/env bash
# A throw-away local PostgreSQL server for the loader tests.
#
#   bash scripts/postgres.sh          install (apt) if needed, init, start; print the URL on stdout
#   bash scripts/postgres.sh stop     stop the server
#   bash scripts/postgres.sh url      print the URL of a running server (exit 1 if none)
#
# The cluster lives in $POLICY_EXTRACT_PG_ROOT (default: ${TMPDIR:-/tmp}/policy-extract-pg), listens on
# 127.0.0.1:$POLICY_EXTRACT_PG_PORT (default 55432) and on a socket in that directory, trusts local
# connections (test only: nothing but this machine can reach it) and has a database policy_extract_test.
# The URL is written to $POLICY_EXTRACT_PG_ROOT/url, where the tests read it (tests/load/conftest.py;
# POLICY_EXTRACT_PG_URL in the environment takes precedence). Running as root (CI), the server runs
# as the "postgres" user (created if missing), since PostgreSQL refuses to run as root.
# Idempotent: a server that is already running is reused. Exit status 1 when no server could be started.
set -euo pipefail

ROOT=${POLICY_EXTRACT_PG_ROOT:-${TMPDIR:-/tmp}/policy-extract-pg}
DB=policy_extract_test
DATA=$ROOT/data
# the port of an earlier start is reused; a busy port (another server) moves on to the next one
PORT=${POLICY_EXTRACT_PG_PORT:-$(cat "$ROOT/port" 2>/dev/null || echo 55432)}
URL="postgresql://postgres@127.0.0.1:$PORT/$DB"

say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# as_pg CMD...: run a command as the server's owner (postgres when we are root, else ourselves)
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
    else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

BIN=$(find_bindir || true)

case "${1:-start}" in
  stop)
    [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
    rm -f "$ROOT/url"
    exit 0 ;;
  url)
    if [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    exit 1 ;;
  start) ;;
  *) say "usage: $0 [start|stop|url]"; exit 2 ;;
esac

if [ -z "$BIN" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2 || { say "apt-get install failed"; exit 1; }
    BIN=$(find_bindir || true)
  fi
  [ -n "$BIN" ] || { say "no PostgreSQL server binaries (initdb, pg_ctl) found"; exit 1; }
fi

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir "$ROOT" --shell /bin/sh postgres
fi

mkdir -p "$ROOT"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$ROOT"
  chmod 755 "$ROOT"
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1 \
    || as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$ROOT/initdb.log" 2>&1 \
    || { say "initdb failed:"; cat "$ROOT/initdb.log" >&2; exit 1; }
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  for _ in $(seq 20); do
    port_busy "$PORT" || break
    say "port $PORT is in use, trying $((PORT + 1))"
    PORT=$((PORT + 1))
  done
  URL="postgresql://postgres@127.0.0.1:$PORT/$DB"
  rm -f "$DATA/postmaster.pid"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { say "the server did not start:"; tail -20 "$ROOT/server.log" >&2 || true; exit 1; }
fi

PSQL=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -X -q -v ON_ERROR_STOP=1)
if ! "${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >&2
fi
"${PSQL[@]}" -d "$DB" -tAc "SELECT 1" >/dev/null || { say "cannot connect to $URL"; exit 1; }

umask 022
echo "$PORT" >"$ROOT/port"
echo "$URL" >"$ROOT/url"
say "PostgreSQL ready at $URL (URL in $ROOT/url; stop with: bash scripts/postgres.sh stop)"
echo "$URL"
