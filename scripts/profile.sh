#!/usr/bin/env bash
# Where the time goes in a benchmark scenario: runs `scripts/bench.sh --only <scenario>` (full size: 30 s of load after a
# 10 s warm-up) and, 10 s into the measured load (when tiered JIT compilation has settled), records every process on the
# machine with perf (Debian's linux-perf) for a few seconds, with
# .NET's perf maps on so that JIT-compiled methods have names. Writes reports to artifacts/profile/<scenario>/:
#   by-process.txt    CPU share per thread kind (silo, benchmark, PostgreSQL backends, wrk, JIT, GC)
#   dotnet.txt        hottest .NET methods and native frames of the silo / benchmark process
#   postgres.txt      hottest PostgreSQL functions
#   dotnet-trace.txt  dotnet-trace's top methods by sampled thread time in the .NET process (waits included)
#   perf.data         the raw recording (perf report -i ... to explore); dotnet.nettrace, dotnet-trace's
#
#   scripts/profile.sh s1        # gateway writes (the silo process)
#   scripts/profile.sh s2 8      # in-process writes (the benchmark process), 8 seconds of recording
#   scripts/profile.sh s3        # gateway reads
#
# PostgreSQL as in scripts/bench.sh (ACTORS_BENCH_POSTGRES, or a throwaway server). Needs root for apt-get and perf -a.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo}"
scenario="${1:-s1}"
seconds="${2:-5}"
case "${scenario}" in
  s1) marker="bench: S1 gateway"; process="the silo"; process_pattern="Actors.Silo.dll" ;;
  s2) marker="bench: S2 in-process"; process="the benchmark"; process_pattern="bin/Release/net10.0/Actors.Bench( |$)" ;;
  s3) marker="bench: S3 gateway"; process="the silo"; process_pattern="Actors.Silo.dll" ;;
  *) echo "profile.sh: scenario is s1, s2 or s3" >&2; exit 2 ;;
esac

if ! command -v perf >/dev/null 2>&1; then
  echo "profile.sh: installing linux-perf (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y linux-perf >&2
fi

out="artifacts/profile/${scenario}"
mkdir -p "${out}"
log="${out}/bench.log"
# Perf maps name JIT-compiled code; with W^X on, the code is mapped twice and perf cannot attribute it.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
only="${scenario}"
[[ "${scenario}" == "s3" ]] && only="s1,s3"
scripts/bench.sh --only "${only}" --out "${out}/results.json" >"${log}" 2>&1 &
bench=$!
trap 'kill ${bench} 2>/dev/null || true' EXIT

until grep -q "${marker}" "${log}" 2>/dev/null; do
  if ! kill -0 "${bench}" 2>/dev/null; then
    echo "profile.sh: the benchmark ended before ${scenario} started; see ${log}" >&2
    exit 1
  fi
  sleep 0.5
done

# The warm-up the benchmark runs first, plus 10 s of the measured load: a profile of the server as it runs, not as it starts.
warmup="$(sed -n 's/.*after \([0-9.]*\) s of warm-up.*/\1/p' "${log}" | tail -n 1)"
sleep "$(awk -v w="${warmup:-10}" 'BEGIN { print w + 10 }')"
echo "profile.sh: recording ${seconds} s of ${scenario}" >&2
# In the same window, dotnet-trace's view of the .NET process (GC, JIT and thread-time samples), when it can be had.
export PATH="${PATH}:${HOME}/.dotnet/tools"
command -v dotnet-trace >/dev/null 2>&1 || dotnet tool install -g dotnet-trace >/dev/null 2>&1 || true
target="$(pgrep -f "${process_pattern}" | head -n 1 || true)"
trace=""
if command -v dotnet-trace >/dev/null 2>&1 && [[ -n "${target}" ]]; then
  dotnet-trace collect -p "${target}" --duration "00:00:00:$(printf '%02d' "${seconds}")" -o "${out}/dotnet.nettrace" >/dev/null 2>&1 &
  trace=$!
fi
perf record -a -g -F 499 -o "${out}/perf.data" -- sleep "${seconds}" 2>/dev/null
[[ -n "${trace}" ]] && { wait "${trace}" || true; }
wait "${bench}" || true
trap - EXIT

perf report -i "${out}/perf.data" --no-children -g none --sort comm --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -n 30 >"${out}/by-process.txt" || true
# .NET threads are named ".NET TP Worker", ".NET Tiered Compilation", ".NET Server GC" ... (the main thread by its process).
perf report -i "${out}/perf.data" --no-children -g none --sort comm,dso,symbol --stdio 2>/dev/null \
  | grep -E '^ +[0-9]' | grep -vE '^ +[0-9.]+% +(postgres|wrk|swapper|perf|kworker)' | head -n 60 | cut -c1-220 >"${out}/dotnet.txt" || true
perf report -i "${out}/perf.data" --no-children -g none --sort symbol --stdio --comms postgres 2>/dev/null | grep -E '^ +[0-9]' | head -n 40 | cut -c1-160 >"${out}/postgres.txt" || true

echo "== CPU by process and thread (${scenario}, ${seconds} s, whole machine) =="
cat "${out}/by-process.txt"
echo "== .NET (${process}): hottest frames =="
head -n 15 "${out}/dotnet.txt"
echo "== result =="
grep -E "^\| ${scenario^^} " "${log}" || true
if [[ -f "${out}/dotnet.nettrace" ]]; then
  dotnet-trace report "${out}/dotnet.nettrace" topN -n 25 >"${out}/dotnet-trace.txt" 2>&1 || true
fi
echo "(reports in ${out}/: by-process.txt, dotnet.txt, postgres.txt, dotnet-trace.txt; raw: perf report -i ${out}/perf.data)"
