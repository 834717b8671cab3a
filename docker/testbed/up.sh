#!/usr/bin/env bash
# Creates a testbed of K hosts shoal-h1..shoal-hK on this machine and waits until every host's Docker
# Engine answers with the test images loaded.
#
# Usage: docker/testbed/up.sh K
#
# Each host is a network namespace shoal-hN with its own address 10.231.0.(10+N)/24 on the bridge
# shoaltb0 (10.231.0.1 in the root netns) and its own dockerd (socket
# unix:///run/shoal-testbed/hN/docker.sock). The images in $SHOAL_TESTBED_IMAGES (default
# shoal/busybox:latest, built by docker/images/build-busybox.sh when missing) are copied from the
# machine's engine into every host's engine. Hosts that already exist and answer are left alone, so running
# it again (or with a larger K) is safe; a half-made host is completed. Exits non-zero, with the daemon's
# log, when something does not come up. Needs root, iproute2, nsenter (util-linux), dockerd, and a running
# engine on the default socket to copy the images from. See docs/testbed.md.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
[[ $# -eq 1 ]] || usage
[[ "$1" == -h || "$1" == --help ]] && usage
[[ "$1" =~ ^[1-9][0-9]?$ ]] || { tb_say "K must be a number of hosts, 1..$TB_MAX_HOSTS (got '$1')"; usage; }
k=$1
tb_require_root
for cmd in ip nsenter unshare dockerd docker setsid busybox curl; do
  command -v "$cmd" >/dev/null || tb_die "$cmd is missing (apt-get install -y iproute2 util-linux docker.io busybox-static curl)"
done
timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || tb_die "the machine's Docker Engine does not answer (docker version); start it first (docker/ci/ensure-engine.sh)"

# ---- images, from the machine's engine ----
for image in $TB_IMAGES; do
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    [[ "$image" == shoal/busybox:latest ]] || tb_die "image $image is not in the machine's engine"
    bash "$TB_REPO/docker/images/build-busybox.sh" >&2
  fi
done
mkdir -p "$TB_RUN" "$TB_LIB"
images_tar=$TB_RUN/images.tar
# shellcheck disable=SC2086
docker save -o "$images_tar.tmp" $TB_IMAGES && mv "$images_tar.tmp" "$images_tar"

# ---- the bridge in the root netns ----
if ! ip link show "$TB_BRIDGE" >/dev/null 2>&1; then
  ip link add "$TB_BRIDGE" type bridge
  tb_say "created bridge $TB_BRIDGE"
fi
ip addr show dev "$TB_BRIDGE" | grep -q "inet $TB_BRIDGE_IP/$TB_PREFIX " \
  || ip addr add "$TB_BRIDGE_IP/$TB_PREFIX" dev "$TB_BRIDGE"
ip link set "$TB_BRIDGE" up
# Docker's engine in the root netns sets FORWARD's policy to DROP, and with br_netfilter loaded frames
# bridged between the hosts' veths pass through FORWARD too: let this bridge forward to itself.
if command -v iptables >/dev/null; then
  rule=(FORWARD -i "$TB_BRIDGE" -o "$TB_BRIDGE" -m comment --comment "$TB_IPT_COMMENT" -j ACCEPT)
  iptables -C "${rule[@]}" 2>/dev/null || iptables -I "${rule[@]}"
fi

# ---- the hosts ----
for ((n = 1; n <= k; n++)); do
  name=$(tb_name "$n"); veth=$(tb_veth "$n"); ip=$(tb_ip "$n")
  mkdir -p "$(tb_run_dir "$n")" "$(tb_lib_dir "$n")"
  if [[ ! -e "$(tb_netns "$n")" ]]; then
    ip netns add "$name"
    tb_say "created netns $name"
  fi
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name "tb-eth-h$n"
    ip link set "tb-eth-h$n" netns "$name"
    ip -n "$name" link set "tb-eth-h$n" name eth0
  fi
  ip link set "$veth" master "$TB_BRIDGE"
  ip link set "$veth" up
  ip -n "$name" link set lo up
  ip -n "$name" addr show dev eth0 | grep -q "inet $ip/$TB_PREFIX " || ip -n "$name" addr add "$ip/$TB_PREFIX" dev eth0
  ip -n "$name" link set eth0 up
  # No default route, on purpose: nothing beyond 10.231.0.0/24 is reachable from a host, and without a
  # route an image pull or DNS lookup fails at once ("network is unreachable") instead of timing out
  # (a lookup through the root netns' resolver takes 15-30 s to give up), as on the offline machine itself.
  ip -n "$name" route del default 2>/dev/null || true
  tb_dockerd_start "$n"
done

# ---- every host reaches every other one and the root netns ----
for ((n = 1; n <= k; n++)); do
  for peer in "$TB_BRIDGE_IP" "$(tb_ip 1)" "$(tb_ip "$k")"; do
    tb_wait_until 10 "shoal-h$n to reach $peer" nsenter --net="$(tb_netns "$n")" busybox ping -c1 -W1 "$peer" \
      || tb_die "shoal-h$n cannot reach $peer over $TB_BRIDGE"
  done
done

# ---- load the images (in parallel; each engine loads its own copy) ----
pids=()
for ((n = 1; n <= k; n++)); do
  docker -H "$(tb_docker_host "$n")" load -q -i "$images_tar" >/dev/null & pids+=($!)
done
for ((i = 0; i < ${#pids[@]}; i++)); do
  wait "${pids[$i]}" || tb_die "loading $TB_IMAGES into shoal-h$((i + 1)) failed"
done
rm -f "$images_tar"
for ((n = 1; n <= k; n++)); do
  for image in $TB_IMAGES; do
    docker -H "$(tb_docker_host "$n")" image inspect "$image" >/dev/null 2>&1 || tb_die "$image missing on shoal-h$n after load"
  done
done
tb_say "up: $k host(s) $(for ((n = 1; n <= k; n++)); do printf 'shoal-h%d=%s ' "$n" "$(tb_ip "$n")"; done)"
