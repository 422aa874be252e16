#!/usr/bin/env bash
# Stops the throwaway PostgreSQL that scripts/pg-start.sh started on $PGTEST_PORT (default 55432).
# Pass --purge to delete its data directory as well. Progress goes to stderr.
set -euo pipefail

port="${PGTEST_PORT:-55432}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="/tmp/actors-pgtest-${port}"
data="${base}/data"

say() { echo "pg-stop: $*" >&2; }

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

as_postgres() {
  # Run from / because the caller's working directory may be one postgres cannot enter (/root/...).
  if command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su postgres -s /bin/bash -c "$(printf '%q ' "$@")")
  fi
}

# pg_ctl status also recognizes a stale postmaster.pid left by a crash, which stop would fail on.
if [[ -n "${bin}" && -f "${data}/PG_VERSION" ]] && as_postgres "${bin}/pg_ctl" --pgdata="${data}" status >/dev/null 2>&1; then
  say "stopping the server in ${data}"
  as_postgres "${bin}/pg_ctl" --pgdata="${data}" --mode=fast --wait stop >&2
else
  say "no server running from ${data}"
fi

if [[ "${1:-}" == "--purge" ]]; then
  say "removing ${base}"
  rm -rf "${base}"
  rm -f "${repo}/.pgtest/${port}"
fi
