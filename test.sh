#!/usr/bin/env bash
# The test command: ./test.sh
# Starts a throwaway PostgreSQL (installing it with apt-get when missing) unless ACTORS_TEST_POSTGRES
# already names a server, then runs every test project against both journal stores.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Gateway".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is required; see README.md" >&2
  exit 1
fi

# The console's browser tests (tests/Actors.Console.Tests) drive Debian's Chromium, or ACTORS_CHROMIUM.
# Install it when missing and we may (root, apt-get); otherwise those tests fail and say what to install.
if [[ -z "${ACTORS_CHROMIUM:-}" && ! -x /usr/bin/chromium && ${EUID} -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing chromium (apt-get) for the console's browser tests" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
fi

if [[ -z "${ACTORS_TEST_POSTGRES:-}" ]]; then
  export PGTEST_PORT="${PGTEST_PORT:-55432}"
  # Stop the server afterwards only when this run started it: another run may be using one already there.
  if ! (exec 3<>"/dev/tcp/127.0.0.1/${PGTEST_PORT}") 2>/dev/null; then
    started_postgres=1
    trap 'scripts/pg-stop.sh >/dev/null 2>&1 || true' EXIT
  fi
  scripts/pg-start.sh
  export ACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=${PGTEST_PORT};Username=postgres"
fi

log="$(mktemp)"
set +e
dotnet test Actors.sln --configuration Release "$@" 2>&1 | tee "${log}"
status=${PIPESTATUS[0]}
set -e

# One closing line for people and CI alike: the sums of every test assembly's summary line
# ("Passed!  - Failed:     0, Passed:   239, Skipped:     0, Total:   239, ... - X.Tests.dll").
sum() { { grep -E '^(Passed|Failed)! +- ' "${log}" || true; } | grep -Eo "$1: +[0-9]+" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
rm -f "${log}"
if [[ -n "${started_postgres:-}" ]]; then
  scripts/pg-stop.sh >/dev/null 2>&1 || true
  trap - EXIT
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ ${status} -eq 0 && ${passed} -eq 0 ]]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "${status}"
