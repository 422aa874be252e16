#!/usr/bin/env bash
# Makes a throwaway PostgreSQL available for the tests on 127.0.0.1:$PGTEST_PORT (default 55432),
# trust auth, user "postgres". Idempotent: does nothing when a server already answers on that port.
# Everything it says goes to stderr; stdout stays empty so callers can script around it.
#
#   scripts/pg-start.sh
#   ACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres" dotnet test tests/Actors.Storage.Tests
#
# The server refuses to run as root, so initdb/pg_ctl run as the "postgres" user. The data directory
# lives in /tmp/actors-pgtest-$PORT rather than in the repository: the postgres user must be able to
# traverse every parent directory, which fails for a clone under /root (mode 700). The repository's
# .pgtest/ holds a symlink to it so it is easy to find.
set -euo pipefail

port="${PGTEST_PORT:-55432}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="/tmp/actors-pgtest-${port}"
data="${base}/data"
log="${base}/server.log"

say() { echo "pg-start: $*" >&2; }

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  # runuser needs no password and no PAM session; su is the fallback on minimal images.
  # Run from / because the caller's working directory may be one postgres cannot enter (/root/...).
  if command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su postgres -s /bin/bash -c "$(printf '%q ' "$@")")
  fi
}

bin="$(find_bin)"
if [[ -z "${bin}" || ! -x "${bin}/pg_ctl" || ! -x "${bin}/initdb" ]]; then
  say "PostgreSQL server binaries not found; installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y postgresql postgresql-contrib >&2
  bin="$(find_bin)"
  if [[ -z "${bin}" ]]; then
    say "installation did not provide /usr/lib/postgresql/*/bin"
    exit 1
  fi
fi

if "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}"; then
  say "a server already answers on 127.0.0.1:${port}; nothing to do"
  exit 0
fi

if ! id postgres >/dev/null 2>&1; then
  say "creating the postgres system user"
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

mkdir -p "${base}"
chown postgres: "${base}"
chmod 700 "${base}"

if [[ ! -s "${data}/PG_VERSION" ]]; then
  say "initializing ${data} with $(basename "$(dirname "${bin}")")"
  rm -rf "${data}"
  as_postgres "${bin}/initdb" --pgdata="${data}" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C >&2
  # fsync stays on (the default): the stores promise that acknowledged writes survive a crash and
  # the tests should run against that configuration, not a faster one.
  cat >>"${data}/postgresql.conf" <<CONF

# added by scripts/pg-start.sh
listen_addresses = '127.0.0.1'
port = ${port}
max_connections = 200
unix_socket_directories = '${base}'
fsync = on
CONF
  # Trust only loopback TCP and the private socket directory; initdb --auth=trust already wrote that.
fi

mkdir -p "${repo}/.pgtest"
ln -sfn "${base}" "${repo}/.pgtest/${port}"

say "starting PostgreSQL on 127.0.0.1:${port} (log: ${log})"
as_postgres "${bin}/pg_ctl" --pgdata="${data}" --log="${log}" --wait --timeout=60 start >&2

for _ in $(seq 1 60); do
  if "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}"; then
    say "ready: Host=127.0.0.1;Port=${port};Username=postgres"
    exit 0
  fi
  sleep 1
done

say "server did not become ready; see ${log}"
exit 1
