#!/usr/bin/env bash
# Shared names and helpers of the testbed scripts (up.sh, down.sh, dockerd.sh, shoald.sh, link.sh, env.sh).
# Sourced, never run. Every name the testbed creates is derived here, so down.sh removes exactly these:
#   network namespace  shoal-hN                  (/var/run/netns/shoal-hN)
#   bridge             shoaltb0 at 10.231.0.1/24 (root netns)
#   veth pair          shoaltb-hN (root side, on the bridge) <-> eth0 in shoal-hN at 10.231.0.(10+N)/24
#   dockerd of host N  socket /run/shoal-testbed/hN/docker.sock, pid /run/shoal-testbed/hN/docker.pid,
#                      exec-root /run/shoal-testbed/hN/exec, data-root /var/lib/shoal-testbed/hN/docker,
#                      log /var/lib/shoal-testbed/hN/dockerd.log, containers under cgroup /shoal-testbed-hN
#   shoald of host N   pid /run/shoal-testbed/hN/shoald.pid, data /var/lib/shoal-testbed/hN/shoal,
#                      log /var/lib/shoal-testbed/hN/shoald.log
#   iptables           one FORWARD rule in the root netns letting shoaltb0 bridge its own ports
#                      (comment "shoal-testbed"), needed because Docker's FORWARD policy is DROP and
#                      br_netfilter hands bridged frames to iptables.
# Overrides for tests of the scripts themselves: SHOAL_TESTBED_RUN, SHOAL_TESTBED_LIB.

TB_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TB_NET=10.231.0
TB_PREFIX=24
TB_BRIDGE=shoaltb0
TB_BRIDGE_IP=$TB_NET.1
TB_RUN=${SHOAL_TESTBED_RUN:-/run/shoal-testbed}
TB_LIB=${SHOAL_TESTBED_LIB:-/var/lib/shoal-testbed}
TB_IMAGES=${SHOAL_TESTBED_IMAGES:-shoal/busybox:latest}
TB_API_PORT=4243
TB_CLUSTER_PORT=2377
TB_IPT_COMMENT=shoal-testbed
TB_MAX_HOSTS=99

tb_say() { echo "testbed: $*" >&2; }
tb_die() { echo "testbed: error: $*" >&2; exit 1; }

# tb_host_num ARG: accepts N, hN or shoal-hN and prints N (1..99); dies otherwise.
tb_host_num() {
  local a=${1:-}
  a=${a#shoal-}; a=${a#h}
  [[ "$a" =~ ^[1-9][0-9]?$ ]] || tb_die "not a host: '${1:-}' (use N, hN or shoal-hN with N in 1..$TB_MAX_HOSTS)"
  echo "$a"
}
tb_name() { echo "shoal-h$1"; }
tb_ip() { echo "$TB_NET.$((10 + $1))"; }
tb_netns() { echo "/var/run/netns/shoal-h$1"; }
tb_veth() { echo "shoaltb-h$1"; }
tb_run_dir() { echo "$TB_RUN/h$1"; }
tb_lib_dir() { echo "$TB_LIB/h$1"; }
tb_sock() { echo "$TB_RUN/h$1/docker.sock"; }
tb_docker_host() { echo "unix://$TB_RUN/h$1/docker.sock"; }
tb_cgroup() { echo "shoal-testbed-h$1"; }

# tb_hosts: the numbers of the hosts that exist (a namespace or a state dir), ascending.
tb_hosts() {
  {
    ip netns list 2>/dev/null | awk '{print $1}' | sed -n 's/^shoal-h\([0-9][0-9]*\)$/\1/p'
    for d in "$TB_RUN"/h* "$TB_LIB"/h*; do
      if [[ -d "$d" ]]; then basename "$d" | sed -n 's/^h\([0-9][0-9]*\)$/\1/p'; fi
    done
  } | sort -nu
}

# tb_wait_until TIMEOUT_S DESCRIPTION CMD...: polls CMD every 0.1 s until it succeeds; returns 1 after
# TIMEOUT_S seconds. The condition is polled, never a blind sleep.
tb_wait_until() {
  local timeout=$1 desc=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      tb_say "timed out after ${timeout}s waiting for $desc"
      return 1
    fi
    sleep 0.1
  done
}

# tb_pid_alive PIDFILE: true when the file names a live process.
tb_pid_alive() {
  local pid
  [[ -s "$1" ]] || return 1
  pid=$(<"$1")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# tb_stop_pidfile PIDFILE WHAT GRACE_S: SIGTERM, then SIGKILL after GRACE_S seconds; removes the file.
# GRACE_S 0 means SIGKILL at once.
tb_stop_pidfile() {
  local file=$1 what=$2 grace=$3 pid
  if ! tb_pid_alive "$file"; then rm -f "$file"; return 0; fi
  pid=$(<"$file")
  if ((grace > 0)); then
    kill -TERM "$pid" 2>/dev/null || true
    if ! tb_wait_until "$grace" "$what (pid $pid) to exit" bash -c "! kill -0 $pid"; then
      tb_say "$what (pid $pid) ignored SIGTERM for ${grace}s: SIGKILL"
    fi
  fi
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    tb_wait_until 10 "$what (pid $pid) to die" bash -c "! kill -0 $pid" || true
  fi
  rm -f "$file"
}

tb_engine_up() { timeout 5 docker -H "$(tb_docker_host "$1")" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

tb_require_root() { [[ $EUID -eq 0 ]] || tb_die "must run as root (namespaces, bridges and dockerd need it)"; }

# tb_dockerd_start N: starts host N's dockerd inside its netns and waits (60 s) until it answers.
# Flags, and why (see docs/testbed.md):
#  - nsenter --net only: the daemon gets the host's network stack but keeps the machine's mount namespace
#    and /sys (ip netns exec remounts /sys and dockerd then fails on cgroups). Plus a UTS namespace of its
#    own (unshare --uts) for its hostname.
#  - its own --data-root/--exec-root/-H/-p: nothing shared with the machine's engine or other hosts.
#  - default bridge (docker0) and iptables ON: both live in the host's own netns, so they neither see nor
#    delete the root netns' docker0 or its rules; published ports and bridge networks then work as usual.
#    --bip gives each host's docker0 its own subnet (172.29.N.0/24) only to keep addresses readable.
#  - --cgroup-parent /shoal-testbed-hN: the host's containers sit in their own cgroups, which down.sh
#    empties even after a kill -9 of the daemon.
#  - --swarm-default-advertise-addr: `docker swarm init|join` on the host advertises its testbed address.
tb_dockerd_start() {
  local n=$1 run lib launcher pid ip
  run=$(tb_run_dir "$n"); lib=$(tb_lib_dir "$n"); ip=$(tb_ip "$n")
  [[ -e "$(tb_netns "$n")" ]] || tb_die "host $n has no network namespace ($(tb_netns "$n")); run up.sh first"
  if tb_pid_alive "$run/docker.pid" && tb_engine_up "$n"; then
    tb_say "dockerd of shoal-h$n already answers (pid $(<"$run/docker.pid"))"
    return 0
  fi
  mkdir -p "$run/exec" "$lib/docker"
  rm -f "$run/docker.sock" "$run/docker.pid"
  launcher=$run/dockerd.launch.pid
  # setsid: the daemon outlives the calling shell. bash writes its own pid, then execs unshare, nsenter,
  # sh and dockerd in turn (none of them forks), so the recorded pid is the daemon's. unshare --uts gives the
  # daemon its own hostname, shoal-hN, which Docker Swarm shows in `docker node ls` and `service ps`.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$launcher" \
    unshare --uts -- nsenter --net="$(tb_netns "$n")" -- \
    sh -c 'hostname "$0" && exec "$@"' "shoal-h$n" dockerd \
      --data-root "$lib/docker" --exec-root "$run/exec" \
      -H "unix://$run/docker.sock" -p "$run/docker.pid" \
      --bip "172.29.$n.1/24" \
      --cgroup-parent "/$(tb_cgroup "$n")" \
      --swarm-default-advertise-addr "$ip" \
      --shutdown-timeout 5 \
      >>"$lib/dockerd.log" 2>&1 </dev/null &
  tb_wait_until 5 "dockerd launcher pid of shoal-h$n" test -s "$launcher" || tb_die "dockerd of shoal-h$n did not launch"
  pid=$(<"$launcher")
  local deadline=$((SECONDS + 60))
  until tb_engine_up "$n"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tb_say "dockerd of shoal-h$n (pid $pid) exited; last lines of $lib/dockerd.log:"
      tail -n 30 "$lib/dockerd.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      tb_say "dockerd of shoal-h$n did not answer within 60s; last lines of $lib/dockerd.log:"
      tail -n 30 "$lib/dockerd.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  tb_say "dockerd of shoal-h$n answers (pid $pid, $(tb_docker_host "$n"))"
}

# tb_dockerd_stop N GRACE_S: stops host N's dockerd (SIGTERM, SIGKILL after GRACE_S; 0 = kill -9 at once).
# A killed daemon leaves its containerd and containers running, as on a real machine; tb_dockerd_reap
# removes those.
tb_dockerd_stop() {
  local n=$1 grace=$2 run
  run=$(tb_run_dir "$n")
  # The launcher's pid file is written first and is the same process; use whichever exists.
  [[ -s "$run/docker.pid" ]] || { [[ -s "$run/dockerd.launch.pid" ]] && cp "$run/dockerd.launch.pid" "$run/docker.pid"; }
  tb_stop_pidfile "$run/docker.pid" "dockerd of shoal-h$n" "$grace"
  rm -f "$run/dockerd.launch.pid"
}

# tb_host_pids N: every process in host N's netns or in its containers' cgroups, one per line.
tb_host_pids() {
  local cg d
  cg=$(tb_cgroup "$1")
  {
    ip netns pids "shoal-h$1" 2>/dev/null || true
    for d in /sys/fs/cgroup/*/"$cg" /sys/fs/cgroup/"$cg"; do
      if [[ -d "$d" ]]; then find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null || true; fi
    done
  } | sort -nu
}

# tb_dockerd_reap N: after the daemon is gone, kills what it leaves behind: its containerd (pid file),
# every process still in the host's netns (shims, docker-proxy, shoald), every process in its containers'
# cgroups; then unmounts whatever it mounted under its state dirs.
tb_dockerd_reap() {
  local n=$1 run lib pids cg d m
  run=$(tb_run_dir "$n"); lib=$(tb_lib_dir "$n"); cg=$(tb_cgroup "$n")
  tb_stop_pidfile "$run/exec/containerd/containerd.pid" "containerd of shoal-h$n" 5
  for _ in 1 2 3; do
    pids=$(tb_host_pids "$n")
    [[ -z "$pids" ]] && break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    tb_wait_until 10 "processes of shoal-h$n to die" bash -c "! kill -0 $(echo $pids) 2>/dev/null" || true
  done
  for d in /sys/fs/cgroup/*/"$cg" /sys/fs/cgroup/"$cg"; do
    if [[ -d "$d" ]]; then find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true; fi
  done
  # Mounts (overlay layers, container netns bind mounts, shm) below the host's dirs, deepest first.
  { awk '{print $5}' /proc/self/mountinfo | grep -E "^($run|$lib)(/|$)" || true; } | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
  return 0
}
