#!/usr/bin/env bash
# Cuts or heals a testbed host's network link, as a pulled cable would.
#
# Usage: docker/testbed/link.sh HOST down|up|status
#   HOST is N, hN or shoal-hN.
#
# down sets the root-side end of the host's veth (shoaltb-hN) down: the host's eth0 loses its carrier and
# no frame reaches or leaves it; its processes (dockerd, shoald, containers) keep running, cut off.
# up brings it back and waits (10 s) until the host answers a ping from the root netns again.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
n=$(tb_host_num "$1")
veth=$(tb_veth "$n")
tb_require_root
ip link show "$veth" >/dev/null 2>&1 || tb_die "shoal-h$n has no link $veth; is the testbed up (up.sh)?"
case "$2" in
  down)
    ip link set "$veth" down
    tb_say "shoal-h$n ($(tb_ip "$n")) cut off"
    ;;
  up)
    ip link set "$veth" up
    tb_wait_until 10 "shoal-h$n to answer a ping" busybox ping -c1 -W1 "$(tb_ip "$n")" \
      || tb_die "shoal-h$n ($(tb_ip "$n")) does not answer after link up"
    tb_say "shoal-h$n ($(tb_ip "$n")) reachable again"
    ;;
  status)
    if ip -o link show "$veth" | grep -qE '[<,]UP[,>]'; then echo up; else echo down; fi
    ;;
  *) usage ;;
esac
