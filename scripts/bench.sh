#!/usr/bin/env bash
# The benchmark command (issue 5): baselines B1/B2 (pgbench) and scenarios S1-S8 against PostgreSQL and a Release
# build of the silo; prints one table and writes every figure to artifacts/bench/results.json (and the table to
# artifacts/bench/results.md).
#
#   scripts/bench.sh --quick     # S4/S5 on 10,000 checkpoints, S6 20,000 actors, S7 1M vs 100k: about 3 minutes for
#                                # b1,b2,s1..s7; S1-steady, S1/S3 against the README silo and S4 through the gateway
#                                # (s1steady, readme, s4gw) add about 3; S8 (1, 2, 3 silos, each warmed up) 2-3
#   scripts/bench.sh             # full size, under 20 minutes: 100,000 checkpoints, 100,000 actors, S7 10M vs 100k
#
# PostgreSQL: set ACTORS_BENCH_POSTGRES to a connection string (a superuser: the run drops and creates the databases
# actors_bench, actors_bench_baseline, actors_bench_growth, actors_bench_cluster and actors_bench_steady) or let this script start a throwaway server on
# 127.0.0.1:$BENCH_PG_PORT (default 55433) with scripts/pg-start.sh (fsync on, default settings) and stop it at the end.
# Missing tools are installed with apt-get (run as root on a fresh machine): postgresql-contrib (pgbench), wrk.
# Other arguments go to the benchmark (e.g. --only b1,s1 to run a subset; --out path.json).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo}"
say() { echo "bench.sh: $*" >&2; }

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if ! command -v pgbench >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
  need+=(postgresql-contrib)
fi
if [[ -z "${ACTORS_BENCH_POSTGRES:-}" ]] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  need+=(postgresql)
fi
if (( ${#need[@]} > 0 )); then
  say "installing ${need[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y "${need[@]}" >&2
fi

started_pg=""
if [[ -z "${ACTORS_BENCH_POSTGRES:-}" ]]; then
  port="${BENCH_PG_PORT:-55433}"
  PGTEST_PORT="${port}" scripts/pg-start.sh
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if ! "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}"; then
    say "PostgreSQL on ${port} is not ready"
    exit 1
  fi
  started_pg="${port}"
  export ACTORS_BENCH_POSTGRES="Host=127.0.0.1;Port=${port};Username=postgres"
fi
cleanup() {
  if [[ -n "${started_pg}" && -z "${BENCH_KEEP_PG:-}" ]]; then
    PGTEST_PORT="${started_pg}" scripts/pg-stop.sh || true
  fi
}
trap cleanup EXIT

say "building the silo and the benchmark (Release)"
dotnet build tools/Actors.Bench -c Release -v q -nologo >&2

mkdir -p artifacts/bench
dotnet run -c Release --no-build --project tools/Actors.Bench -- \
  --postgres "${ACTORS_BENCH_POSTGRES}" --out artifacts/bench/results.json \
  --command "scripts/bench.sh $*" "$@"
