#!/usr/bin/env bash
# Breaks things on purpose and counts what survives: SIGKILL under load, PostgreSQL outages, two silos on one
# database, a three-silo cluster losing one silo to SIGKILL and another to SIGTERM under load, hostile input, the
# permission matrix, idempotency and If-Match races (tools/Actors.Torture).
#
#   scripts/reliability.sh                 # --size full: minutes
#   scripts/reliability.sh --size ci       # the size the tests run (tests/Actors.Reliability.Tests)
#   scripts/reliability.sh --scenario crash --store sqlite
#   scripts/reliability.sh --scenario cluster --size ci
#
# Every scenario prints: batches sent, acknowledged, found, lost = 0, duplicated = 0, 5xx = 0 (and its own counts);
# the script exits non-zero when any promise broke. PostgreSQL: ACTORS_TEST_POSTGRES, or one scripts/pg-start.sh starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

size=full
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

if [[ -z "${ACTORS_TEST_POSTGRES:-}" ]]; then
  export PGTEST_PORT="${PGTEST_PORT:-55432}"
  if ! (exec 3<>"/dev/tcp/127.0.0.1/${PGTEST_PORT}") 2>/dev/null; then
    trap 'scripts/pg-stop.sh >/dev/null 2>&1 || true' EXIT
  fi
  scripts/pg-start.sh
  export ACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=${PGTEST_PORT};Username=postgres"
fi

# The scenarios run the silo as a child process: dotnet silo/bin/Release/net10.0/Actors.Silo.dll.
dotnet build silo --configuration Release -v quiet -nologo >&2
dotnet build tools/Actors.Torture --configuration Release -v quiet -nologo >&2
export ACTORS_SILO_DLL="${PWD}/silo/bin/Release/net10.0/Actors.Silo.dll"
dotnet tools/Actors.Torture/bin/Release/net10.0/Actors.Torture.dll --size "${size}" "${args[@]}"
