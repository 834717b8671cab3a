# Sourceable helpers for working with the testbed by hand or from scripts:
#   source docker/testbed/env.sh
#   tb_swarmctl 1 node ls          # bin/swarmctl -H tcp://10.231.0.11:4243 node ls
#   tb_docker 2 ps                 # docker -H unix:///run/shoal-testbed/h2/docker.sock ps
#   tb_nsenter 3 ip addr           # a command inside shoal-h3's network namespace
#   tb_ip 4                        # 10.231.0.14
#   tb_up 5; tb_down; tb_shoald 1 start; tb_dockerd 4 kill; tb_link 2 down
# Variables: TB_REPO, TB_NET (10.231.0), TB_BRIDGE, TB_BRIDGE_IP, TB_RUN, TB_LIB, TB_API_PORT, TB_CLUSTER_PORT,
# and TB_HOSTS (the hosts that exist when sourced, e.g. "1 2 3"; tb_hosts recomputes it).
# Sourcing changes no shell option of the caller.
# shellcheck shell=bash
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TB_HOSTS=$(tb_hosts | tr '\n' ' ')
TB_HOSTS=${TB_HOSTS% }

tb_swarmctl() { local n; n=$(tb_host_num "$1") || return 1; shift; "$TB_REPO/bin/swarmctl" -H "tcp://$(tb_ip "$n"):$TB_API_PORT" "$@"; }
tb_docker() { local n; n=$(tb_host_num "$1") || return 1; shift; docker -H "$(tb_docker_host "$n")" "$@"; }
tb_nsenter() { local n; n=$(tb_host_num "$1") || return 1; shift; nsenter --net="$(tb_netns "$n")" -- "$@"; }
tb_api_url() { local n; n=$(tb_host_num "$1") || return 1; echo "http://$(tb_ip "$n"):$TB_API_PORT"; }
tb_up() { bash "$TB_REPO/docker/testbed/up.sh" "$@"; }
tb_down() { bash "$TB_REPO/docker/testbed/down.sh" "$@"; }
tb_shoald() { bash "$TB_REPO/docker/testbed/shoald.sh" "$@"; }
tb_dockerd() { bash "$TB_REPO/docker/testbed/dockerd.sh" "$@"; }
tb_link() { bash "$TB_REPO/docker/testbed/link.sh" "$@"; }
