#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster on loopback, for tests.
#   scripts/pg-cluster.sh start <dir> <port>   init (if needed) and start; prints the DATABASE_URL
#   scripts/pg-cluster.sh stop <dir>
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data dir}; port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    [ -f "$dir/PG_VERSION" ] || as_pg "$bin/initdb" -D "$dir" -A trust -U postgres >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres lessonlab 2>/dev/null || true
    echo "postgresql://postgres@127.0.0.1:$port/lessonlab"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
