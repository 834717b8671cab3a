#!/usr/bin/env bash
# Starts, stops or kills one testbed host's Docker Engine (the one up.sh started).
#
# Usage: docker/testbed/dockerd.sh HOST start|stop|kill|restart|status
#   HOST is N, hN or shoal-hN.
#
# start   starts it inside the host's netns (no-op when it answers) and waits until it answers (60 s).
# stop    SIGTERM, SIGKILL after 20 s; the daemon stops its containers.
# kill    kill -9, as a crashed machine: containerd and the containers stay up, cut off from the swarm,
#         until start (which adopts them) or down.sh (which reaps them).
# status  prints "running PID" or "stopped".
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
n=$(tb_host_num "$1")
tb_require_root
case "$2" in
  start) tb_dockerd_start "$n" ;;
  stop) tb_dockerd_stop "$n" 20 ;;
  kill) tb_dockerd_stop "$n" 0; tb_say "dockerd of shoal-h$n killed (-9)" ;;
  restart) tb_dockerd_stop "$n" 20; tb_dockerd_start "$n" ;;
  status)
    if tb_pid_alive "$(tb_run_dir "$n")/docker.pid"; then echo "running $(<"$(tb_run_dir "$n")/docker.pid")"; else echo stopped; fi
    ;;
  *) usage ;;
esac
