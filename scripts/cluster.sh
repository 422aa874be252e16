#!/usr/bin/env bash
# N silo processes on one PostgreSQL database, on this machine's loopback: one Orleans cluster to try by hand (and the
# cluster test drives it too). Silo i (0-based) answers HTTP on 127.0.0.1:(5080+i), talks to the other silos on
# 11111+i and to Orleans clients on 30000+i. deploy/cluster/README.md explains each setting for real machines.
#
#   scripts/cluster.sh start 3 [--postgres CONNSTR]  # build the silo if needed, start 3 silos, wait until each is ready
#   scripts/cluster.sh status                        # which silos run, and their URLs
#   scripts/cluster.sh kill 1                        # SIGKILL silo 1 (a crash: the others take over its actors)
#   scripts/cluster.sh term 1                        # SIGTERM silo 1 and wait (a graceful stop: it hands over and exits)
#   scripts/cluster.sh restart 1                     # start silo 1 again with the settings it had
#   scripts/cluster.sh stop                          # SIGTERM every silo and wait; the database stays
#
# Options of start: --postgres CONNSTR (else ACTORS_TEST_POSTGRES, else a throwaway server from scripts/pg-start.sh on
# 127.0.0.1:${PGTEST_PORT:-55432}); --database NAME (when CONNSTR names none; default actors_cluster, created when
# missing); --cluster-id ID (default local); --http-port, --silo-port, --gateway-port (the bases, defaults above);
# --token TOKEN (the administrator's bearer token; default: a new random one); --build (build the silo even if built).
# State, logs and the token live in ${ACTORS_CLUSTER_DIR:-artifacts/cluster}: silo-<i>.log, silo-<i>.pid, token.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${ACTORS_CLUSTER_DIR:-${repo}/artifacts/cluster}"
dll="${repo}/silo/bin/Release/net10.0/Actors.Silo.dll"

say() { echo "cluster.sh: $*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# The value of one key of an Npgsql connection string (keys compared case-insensitively, spaces ignored).
conn_value() {
  local connstr="$1" wanted="$2" part key
  IFS=';' read -ra parts <<<"${connstr}"
  for part in "${parts[@]}"; do
    key="${part%%=*}"
    key="${key// /}"
    if [[ "${key,,}" == "${wanted,,}" ]]; then
      echo "${part#*=}"
      return
    fi
  done
}

pid_of() {
  local file="${dir}/silo-$1.pid"
  [[ -f "${file}" ]] && cat "${file}"
}

# A process killed a moment ago may linger as a zombie until its parent reaps it: that one no longer runs.
alive() {
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" && [[ -n "${state}" && "${state}" != Z ]]
}

running() {
  local pid
  pid="$(pid_of "$1")" && [[ -n "${pid}" ]] && alive "${pid}"
}

silo_count() {
  ls "${dir}"/silo-*.env 2>/dev/null | wc -l
}

# Starts silo $1 from its settings file in the background; its output goes to silo-$1.log.
launch() {
  local i="$1"
  running "${i}" && die "silo ${i} already runs (pid $(pid_of "${i}"))"
  mkdir -p "${dir}/silo-${i}"
  # One KEY=value per line, as systemd's EnvironmentFile reads it (values may hold ';' and spaces; keys may hold '.').
  local settings=() line
  while IFS= read -r line; do
    [[ -z "${line}" || "${line}" == \#* ]] || settings+=("${line}")
  done <"${dir}/silo-${i}.env"
  (
    cd "${dir}/silo-${i}"
    exec env "${settings[@]}" setsid dotnet "${dll}" >>"${dir}/silo-${i}.log" 2>&1 </dev/null
  ) &
  echo $! >"${dir}/silo-${i}.pid"
}

# Waits until silo $1 answers /health/ready, or fails when it exits or takes longer than 90 s.
wait_ready() {
  local i="$1" url
  url="$(grep '^ASPNETCORE_URLS=' "${dir}/silo-${i}.env" | cut -d= -f2-)"
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null --max-time 2 "${url}/health/ready" 2>/dev/null; then
      echo "silo ${i}: ${url} (pid $(pid_of "${i}"), log ${dir}/silo-${i}.log)"
      return 0
    fi
    running "${i}" || { tail -n 30 "${dir}/silo-${i}.log" >&2; die "silo ${i} exited before it was ready"; }
    sleep 0.5
  done
  die "silo ${i} was not ready within 90 s; see ${dir}/silo-${i}.log"
}

# SIGTERM to silo $1, then waits for it to exit (Orleans hands its actors over; open requests finish).
terminate() {
  local i="$1" pid
  pid="$(pid_of "${i}")" || return 0
  if alive "${pid}"; then
    kill -TERM "${pid}"
    for _ in $(seq 1 400); do
      alive "${pid}" || break
      sleep 0.1
    done
    if alive "${pid}"; then
      say "silo ${i} (pid ${pid}) did not stop within 40 s; killing it"
      kill -KILL "${pid}" 2>/dev/null || true
    fi
    say "silo ${i} stopped"
  fi
  rm -f "${dir}/silo-${i}.pid"
}

start() {
  local count="${1:-}" postgres="${ACTORS_TEST_POSTGRES:-}" database="" cluster_id="local" token="" build=""
  local http_port=5080 silo_port=11111 gateway_port=30000
  [[ "${count}" =~ ^[1-9][0-9]*$ ]] || usage
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --postgres) postgres="$2"; shift 2 ;;
      --database) database="$2"; shift 2 ;;
      --cluster-id) cluster_id="$2"; shift 2 ;;
      --http-port) http_port="$2"; shift 2 ;;
      --silo-port) silo_port="$2"; shift 2 ;;
      --gateway-port) gateway_port="$2"; shift 2 ;;
      --token) token="$2"; shift 2 ;;
      --build) build=1; shift ;;
      *) usage ;;
    esac
  done

  for pidfile in "${dir}"/silo-*.pid; do
    [[ -e "${pidfile}" ]] || continue
    local other="${pidfile##*/silo-}"
    running "${other%.pid}" && die "silos of an earlier start still run; scripts/cluster.sh stop first"
  done

  if [[ -n "${build}" || ! -f "${dll}" ]]; then
    say "building the silo (Release)"
    dotnet build "${repo}/silo" -c Release -v q -nologo >&2
  fi

  if [[ -z "${postgres}" ]]; then
    "${repo}/scripts/pg-start.sh"
    postgres="Host=127.0.0.1;Port=${PGTEST_PORT:-55432};Username=postgres"
  fi

  # The silos create their schema, but not the database itself.
  local named
  named="$(conn_value "${postgres}" Database)"
  database="${named:-${database:-actors_cluster}}"
  if [[ -z "${named}" ]]; then
    postgres="${postgres%;};Database=${database}"
  fi
  [[ "${database}" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "database name '${database}': letters, digits and _ only"
  local host port user password
  host="$(conn_value "${postgres}" Host)"
  port="$(conn_value "${postgres}" Port)"
  user="$(conn_value "${postgres}" Username)"
  password="$(conn_value "${postgres}" Password)"
  if command -v psql >/dev/null 2>&1; then
    local psql=(psql -X -q -v ON_ERROR_STOP=1 -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres -tA)
    if [[ -z "$(PGPASSWORD="${password}" "${psql[@]}" -c "select 1 from pg_database where datname = '${database}'")" ]]; then
      say "creating database ${database}"
      PGPASSWORD="${password}" "${psql[@]}" -c "create database \"${database}\""
    fi
  else
    say "psql not found: database ${database} must exist already"
  fi

  if [[ -z "${token}" ]]; then
    token="cluster-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  fi

  mkdir -p "${dir}"
  chmod 700 "${dir}"
  rm -f "${dir}"/silo-*.env "${dir}"/silo-*.pid
  # The settings files hold secrets (the connection string, the token): readable by this user only.
  umask 077
  echo "${token}" >"${dir}/token"
  for ((i = 0; i < count; i++)); do
    # Every silo: the same database, cluster id and service id; its own ports, advertised on loopback.
    cat >"${dir}/silo-${i}.env" <<ENV
ASPNETCORE_URLS=http://127.0.0.1:$((http_port + i))
ASPNETCORE_ENVIRONMENT=Production
ConnectionStrings__Postgres=${postgres}
Orleans__ClusterId=${cluster_id}
Orleans__ServiceId=actors
Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1
Orleans__Endpoints__SiloPort=$((silo_port + i))
Orleans__Endpoints__GatewayPort=$((gateway_port + i))
Actors__Auth__Tokens__0__Token=${token}
Actors__Auth__Tokens__0__Principal=cluster-admin
Actors__Auth__Tokens__0__Permissions__0=actors/*:*
Actors__Snapshots__Path=${dir}/snapshots
Logging__Console__FormatterName=simple
Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff' '
ENV
    : >"${dir}/silo-${i}.log"
    launch "${i}"
  done

  for ((i = 0; i < count; i++)); do
    wait_ready "${i}"
  done
  echo "token: ${token} (also in ${dir}/token)"
  echo "try:   curl -H \"Authorization: Bearer \$(cat ${dir}/token)\" -H 'Content-Type: application/json' \\"
  echo "         -d '[{\"type\":\"create\",\"body\":{\"currency\":\"SEK\"}}]' http://127.0.0.1:${http_port}/resources/actors/order/o-1"
}

status() {
  local n i
  n="$(silo_count)"
  (( n > 0 )) || { echo "no cluster in ${dir}"; return 0; }
  for ((i = 0; i < n; i++)); do
    local url
    url="$(grep '^ASPNETCORE_URLS=' "${dir}/silo-${i}.env" | cut -d= -f2-)"
    if running "${i}"; then
      local ready
      ready="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${url}/health/ready" || true)"
      echo "silo ${i}: ${url} running (pid $(pid_of "${i}"), /health/ready ${ready})"
    else
      echo "silo ${i}: ${url} not running"
    fi
  done
}

each_silo() {
  local action="$1" i
  shift
  (( $# > 0 )) || usage
  for i in "$@"; do
    [[ -f "${dir}/silo-${i}.env" ]] || die "no silo ${i} in ${dir}"
    "${action}" "${i}"
  done
}

kill_silo() {
  local pid
  if pid="$(pid_of "$1")" && alive "${pid}" && kill -KILL "${pid}" 2>/dev/null; then
    while alive "${pid}"; do
      sleep 0.05
    done
    say "silo $1 (pid ${pid}) killed"
  else
    say "silo $1 was not running"
  fi
  rm -f "${dir}/silo-$1.pid"
}

restart_silo() {
  launch "$1"
  wait_ready "$1"
}

command="${1:-}"
[[ -n "${command}" ]] || usage
shift
case "${command}" in
  start) start "$@" ;;
  status) status ;;
  kill) each_silo kill_silo "$@" ;;
  term) each_silo terminate "$@" ;;
  restart) each_silo restart_silo "$@" ;;
  stop)
    n="$(silo_count)"
    for ((i = 0; i < n; i++)); do
      terminate "${i}" &
    done
    wait
    ;;
  *) usage ;;
esac
