#!/usr/bin/env bash
# Runs, stops or kills the Shoal daemon of one testbed host, inside the host's netns, against the host's
# own Docker Engine.
#
# Usage: docker/testbed/shoald.sh HOST start|stop|kill|restart|status [extra shoald args…]
#   HOST is N, hN or shoal-hN.
#
# start    runs  bin/shoald --data-dir /var/lib/shoal-testbed/hN/shoal --api-addr IP:4243
#                 --listen-addr IP:2377 --advertise-addr IP --hostname shoal-hN
#                 --docker-host unix:///run/shoal-testbed/hN/docker.sock [extra args]
#          (IP = 10.231.0.(10+N)), logging to /var/lib/shoal-testbed/hN/shoald.log, and waits (60 s) until
#          its API answers GET /_ping. The extra args are remembered: a later start or restart without any
#          reuses them.
# stop     SIGTERM, SIGKILL after 30 s (as systemd stops the unit).
# kill     kill -9.
# restart  stop, then start.
# status   prints "running PID" or "stopped".
# Needs the testbed (up.sh) and a built tree (mvn -q -B package -DskipTests). SHOALD overrides the launcher.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
n=$(tb_host_num "$1")
action=$2
shift 2
tb_require_root
run=$(tb_run_dir "$n"); lib=$(tb_lib_dir "$n"); ip=$(tb_ip "$n")
pidfile=$run/shoald.pid
argsfile=$run/shoald.args
log=$lib/shoald.log
shoald=${SHOALD:-$TB_REPO/bin/shoald}

ping_api() { curl -fsS -m 2 -o /dev/null "http://$ip:$TB_API_PORT/_ping" 2>/dev/null; }

start() {
  [[ -e "$(tb_netns "$n")" ]] || tb_die "shoal-h$n does not exist; run docker/testbed/up.sh first"
  [[ -x "$shoald" ]] || tb_die "$shoald is missing"
  if tb_pid_alive "$pidfile"; then
    tb_say "shoald of shoal-h$n already runs (pid $(<"$pidfile"))"
    return 0
  fi
  tb_engine_up "$n" || tb_die "the Docker Engine of shoal-h$n does not answer; docker/testbed/dockerd.sh $n start"
  local extra=()
  if [[ $# -gt 0 ]]; then
    extra=("$@")
    printf '%s\0' "${extra[@]}" >"$argsfile"
  elif [[ -s "$argsfile" ]]; then
    mapfile -d '' -t extra <"$argsfile"
  fi
  mkdir -p "$lib/shoal"
  local cmd=("$shoald" --data-dir "$lib/shoal" --api-addr "$ip:$TB_API_PORT"
             --listen-addr "$ip:$TB_CLUSTER_PORT" --advertise-addr "$ip" --hostname "shoal-h$n"
             --docker-host "$(tb_docker_host "$n")" "${extra[@]}")
  echo "=== $(date -u +%FT%TZ) ${cmd[*]}" >>"$log"
  rm -f "$pidfile"
  # As for dockerd: bash records its pid, execs nsenter, which execs the launcher, which execs java.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
    nsenter --net="$(tb_netns "$n")" -- "${cmd[@]}" >>"$log" 2>&1 </dev/null &
  tb_wait_until 5 "shoald pid file" test -s "$pidfile" || tb_die "shoald of shoal-h$n did not launch"
  local pid deadline=$((SECONDS + 60))
  pid=$(<"$pidfile")
  until ping_api; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tb_say "shoald of shoal-h$n (pid $pid) exited; last lines of $log:"
      tail -n 30 "$log" >&2
      rm -f "$pidfile"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      tb_say "shoald of shoal-h$n did not answer on $ip:$TB_API_PORT within 60s; last lines of $log:"
      tail -n 30 "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  tb_say "shoald of shoal-h$n answers (pid $pid, tcp://$ip:$TB_API_PORT)"
}

case "$action" in
  start) start "$@" ;;
  stop) tb_stop_pidfile "$pidfile" "shoald of shoal-h$n" 30 ;;
  kill) tb_stop_pidfile "$pidfile" "shoald of shoal-h$n" 0; tb_say "shoald of shoal-h$n killed (-9)" ;;
  restart) tb_stop_pidfile "$pidfile" "shoald of shoal-h$n" 30; start "$@" ;;
  status) if tb_pid_alive "$pidfile"; then echo "running $(<"$pidfile")"; else echo stopped; fi ;;
  *) usage ;;
esac
