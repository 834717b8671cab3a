#!/usr/bin/env bash
# Tears the whole testbed down: every host's shoald and dockerd (by pid file), what a killed daemon leaves
# behind (containerd, shims, container processes: by pid file, by the host's netns and by its cgroups),
# the mounts under the state dirs, the namespaces, veths, the bridge, the iptables rule and the state dirs
# /run/shoal-testbed and /var/lib/shoal-testbed. Safe to run when nothing, or only part, is up.
#
# Usage: docker/testbed/down.sh [--keep-logs DIR]
#   --keep-logs DIR   copy each host's dockerd.log and shoald.log to DIR/hN/ first (CI keeps them).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
keep=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep-logs) [[ $# -ge 2 ]] || usage; keep=$2; shift 2 ;;
    -h|--help) usage ;;
    *) usage ;;
  esac
done
tb_require_root

hosts=$(tb_hosts)
for n in $hosts; do
  if [[ -n "$keep" ]]; then
    mkdir -p "$keep/h$n"
    cp -f "$(tb_lib_dir "$n")"/*.log "$keep/h$n/" 2>/dev/null || true
  fi
done
# Daemons first, in parallel: shoald (SIGTERM, 10 s), then dockerd (SIGTERM: it stops its containers).
for n in $hosts; do
  ( tb_stop_pidfile "$(tb_run_dir "$n")/shoald.pid" "shoald of shoal-h$n" 10
    tb_dockerd_stop "$n" 20 ) &
done
wait
for n in $hosts; do
  tb_dockerd_reap "$n"
  if [[ -e "$(tb_netns "$n")" ]]; then
    ip netns del "$(tb_name "$n")" || tb_say "could not delete netns $(tb_name "$n")"
  fi
  # Deleting the netns deletes its veth end and so the pair; this catches a pair whose peer never moved.
  ip link del "$(tb_veth "$n")" 2>/dev/null || true
  rm -rf "$(tb_run_dir "$n")" "$(tb_lib_dir "$n")"
done
if ip link show "$TB_BRIDGE" >/dev/null 2>&1; then
  ip link del "$TB_BRIDGE"
fi
if command -v iptables >/dev/null; then
  while iptables -D FORWARD -i "$TB_BRIDGE" -o "$TB_BRIDGE" -m comment --comment "$TB_IPT_COMMENT" -j ACCEPT 2>/dev/null; do :; done
fi
rm -f "$TB_RUN/images.tar" "$TB_RUN/images.tar.tmp"
rmdir "$TB_RUN" "$TB_LIB" 2>/dev/null || true

# Check: nothing of ours is left.
left=()
for n in $hosts; do
  [[ -e "$(tb_netns "$n")" ]] && left+=("netns $(tb_name "$n")")
  ip link show "$(tb_veth "$n")" >/dev/null 2>&1 && left+=("link $(tb_veth "$n")")
done
ip link show "$TB_BRIDGE" >/dev/null 2>&1 && left+=("bridge $TB_BRIDGE")
grep -qE " ($TB_RUN|$TB_LIB)(/| )" /proc/self/mountinfo && left+=("mounts under $TB_RUN or $TB_LIB")
[[ -e "$TB_RUN" || -e "$TB_LIB" ]] && left+=("state dirs")
if ((${#left[@]})); then
  tb_die "left behind: ${left[*]}"
fi
tb_say "down: removed host(s) $(echo ${hosts:-none})"
