#!/usr/bin/env bash
# Failure handling, Shoal against Docker Swarm, on the same testbed (docker/testbed): 3 managers (shoal-h1..h3)
# and 2 workers (shoal-h4, shoal-h5), one service of N replicas of `shoal/busybox sleep 3600`.
#
# Usage: docker/bench/failover.sh [--system swarm|shoal|both] [--replicas N] [--runs R] [--loss kill|link]
#                                 [--timeout S] [--keep]
#   --system    which orchestrator(s) to measure (default both; each on a fresh testbed)
#   --replicas  tasks of the service (default 10: two per node)
#   --runs      repeat each system's measurements R times, each on a fresh testbed (default 1)
#   --loss      how the worker is lost: kill = kill -9 of its daemons (Swarm: dockerd, which holds the swarm
#               agent; Shoal: shoald and dockerd), link = its link cut (docker/testbed/link.sh) (default kill)
#   --timeout   seconds to wait for each figure before giving up on it (default 120)
#   --keep      leave the last testbed up (default: docker/testbed/down.sh at the end)
#   --logs DIR  keep every run's daemon logs in DIR/SYSTEM-runR/hN/ (default /tmp/shoal-failover-logs)
#   --shoal-manager-gap S  seconds between Shoal's two manager joins (default 45). A workaround, and the one
#               sleep here: a manager join that follows the previous one within a few seconds fails (Ratis
#               SetConfiguration "no manager is leader right now"), and no API state tells when it is safe.
#               0 measures without the workaround. Docker Swarm joins back to back.
#
# Figures, one line each, in seconds from the fault:
#   worker-lost    the worker shoal-h5 is lost -> N tasks running on the other nodes again
#   leader-killed  kill -9 of the leader's manager process (Swarm: its dockerd; Shoal: its shoald) -> a write
#                  (creating a 0-replica service) accepted by one of the surviving managers
# Both are polled every 100 ms through the Docker Engine API's JSON (GET /tasks, GET /nodes, POST
# /services/create), which Shoal's control API serves too, so the probes cost the same on both systems.
# Write probes start every 100 ms from the moment SIGKILL is sent and overlap (each gives up after 3 s); the
# figure is the completion of the first one accepted. Needs root, the testbed's tools, jq, curl, and a built tree for Shoal
# (mvn -q -B package -DskipTests).
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=../testbed/env.sh
source "$repo/docker/testbed/env.sh"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
system=both replicas=10 runs=1 loss=kill timeout_s=120 keep=false logs=/tmp/shoal-failover-logs manager_gap=45
while [[ $# -gt 0 ]]; do
  case "$1" in
    --system) system=${2:-}; shift 2 ;;
    --replicas) replicas=${2:-}; shift 2 ;;
    --runs) runs=${2:-}; shift 2 ;;
    --loss) loss=${2:-}; shift 2 ;;
    --timeout) timeout_s=${2:-}; shift 2 ;;
    --keep) keep=true; shift ;;
    --logs) logs=${2:-}; [[ -n "$logs" ]] || usage; shift 2 ;;
    --shoal-manager-gap) manager_gap=${2:-}; [[ "$manager_gap" =~ ^[0-9]+$ ]] || usage; shift 2 ;;
    -h|--help) usage ;;
    *) echo "failover: unknown argument $1" >&2; usage ;;
  esac
done
case "$system" in swarm|shoal|both) ;; *) echo "failover: --system must be swarm, shoal or both" >&2; usage ;; esac
case "$loss" in kill|link) ;; *) echo "failover: --loss must be kill or link" >&2; usage ;; esac
[[ "$replicas" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ && "$timeout_s" =~ ^[1-9][0-9]*$ ]] || usage
for cmd in jq curl; do command -v "$cmd" >/dev/null || { echo "failover: $cmd is missing (apt-get install -y $cmd)" >&2; exit 1; }; done
tb_require_root

image=shoal/busybox:latest
svc=bench
managers=(1 2 3)
workers=(4 5)
lost=5          # the worker that is lost
hosts=5
say() { echo "failover: $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
probe_dir=

# ---- the two systems behind one small interface ----
# api SYSTEM N METHOD PATH [JSON]: one Docker-Engine-API call to host N's manager endpoint (curl, 3 s max).
api() {
  local sys=$1 n=$2 method=$3 path=$4 body=${5:-}
  local args=(-fsS -m 3 -X "$method")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  if [[ "$sys" == swarm ]]; then
    curl "${args[@]}" --unix-socket "$(tb_sock "$n")" "http://docker$path"
  else
    curl "${args[@]}" "http://$(tb_ip "$n"):$TB_API_PORT$path"
  fi
}

# form_cluster SYSTEM: h1 initialises, h2 and h3 join as managers, h4 and h5 as workers; waits until all
# five are Ready with three reachable managers and a leader. Runs with errexit in force (measure runs in a
# subshell outside any || list): a failed step ends the run.
form_cluster() {
  local sys=$1 n mtoken wtoken pids=()
  if [[ "$sys" == swarm ]]; then
    tb_docker 1 swarm init --advertise-addr "$(tb_ip 1)" >/dev/null
    mtoken=$(tb_docker 1 swarm join-token -q manager)
    wtoken=$(tb_docker 1 swarm join-token -q worker)
    for n in "${managers[@]:1}"; do tb_docker "$n" swarm join --token "$mtoken" --advertise-addr "$(tb_ip "$n")" "$(tb_ip 1):2377" >/dev/null; done
    for n in "${workers[@]}"; do tb_docker "$n" swarm join --token "$wtoken" --advertise-addr "$(tb_ip "$n")" "$(tb_ip 1):2377" >/dev/null; done
  else
    for n in $(seq 1 "$hosts"); do tb_shoald "$n" start 2>/dev/null & pids+=($!); done
    for n in "${pids[@]}"; do wait "$n"; done
    tb_swarmctl 1 swarm init --advertise-addr "$(tb_ip 1)" >/dev/null
    mtoken=$(tb_swarmctl 1 swarm join-token -q manager)
    wtoken=$(tb_swarmctl 1 swarm join-token -q worker)
    local first=true
    for n in "${managers[@]:1}"; do
      $first || sleep "$manager_gap"
      first=false
      tb_swarmctl "$n" swarm join --token "$mtoken" "$(tb_ip 1):$TB_CLUSTER_PORT" >/dev/null
    done
    for n in "${workers[@]}"; do tb_swarmctl "$n" swarm join --token "$wtoken" "$(tb_ip 1):$TB_CLUSTER_PORT" >/dev/null; done
  fi
  wait_for "$timeout_s" "5 Ready nodes and 3 reachable managers ($sys)" cluster_formed "$sys" 1
}

# cluster_formed SYSTEM VIA: all hosts Ready, all managers reachable, one leader.
cluster_formed() {
  api "$1" "$2" GET /nodes | jq -e --argjson h "$hosts" --argjson m "${#managers[@]}" '
    ([.[] | select(.Status.State == "ready")] | length) == $h
    and ([.[] | select(.ManagerStatus.Reachability == "reachable")] | length) == $m
    and ([.[] | select(.ManagerStatus.Leader == true)] | length) == 1' >/dev/null
}

# node_id_of SYSTEM VIA N: the node id of host N (by its address), asked of host VIA's manager.
node_id_of() {
  api "$1" "$2" GET /nodes | jq -r --arg ip "$(tb_ip "$3")" \
    '.[] | select(.Status.Addr == $ip or ((.ManagerStatus.Addr // "") | startswith($ip + ":"))) | .ID' | head -1
}

# leader_host SYSTEM VIA: the testbed host number of the Raft leader, asked of host VIA.
leader_host() {
  local addr
  addr=$(api "$1" "$2" GET /nodes | jq -r '.[] | select(.ManagerStatus.Leader == true) | .ManagerStatus.Addr')
  addr=${addr%%:*}
  [[ "$addr" == "$TB_NET".* ]] || return 1
  echo $(( ${addr##*.} - 10 ))
}

# running_elsewhere SYSTEM VIA SERVICE_ID LOST_NODE_ID: how many of the service's tasks that should run do
# run, on nodes other than the lost one.
running_elsewhere() {
  api "$1" "$2" GET /tasks | jq --arg s "$3" --arg lost "$4" \
    '[.[] | select(.ServiceID == $s and .DesiredState == "running" and .Status.State == "running" and .NodeID != $lost)] | length'
}
n_running_elsewhere() { [[ "$(running_elsewhere "$@")" -ge "$replicas" ]]; }
n_running() { [[ "$(api "$1" "$2" GET /tasks | jq --arg s "$3" '[.[] | select(.ServiceID == $s and .DesiredState == "running" and .Status.State == "running")] | length')" -ge "$replicas" ]]; }

create_service() {
  local sys=$1
  if [[ "$sys" == swarm ]]; then
    tb_docker 1 service create --detach --no-resolve-image --name "$svc" --replicas "$replicas" \
      --stop-grace-period 1s "$image" sleep 3600 >/dev/null
  else
    tb_swarmctl 1 service create --name "$svc" --replicas "$replicas" --stop-grace-period 1s "$image" sleep 3600 >/dev/null
  fi
  api "$sys" 1 GET "/services/$svc" | jq -r .ID
}

# lose_worker SYSTEM N / lose_leader SYSTEM N: the faults.
lose_worker() {
  local sys=$1 n=$2
  if [[ "$loss" == link ]]; then tb_link "$n" down 2>/dev/null; return; fi
  [[ "$sys" == shoal ]] && tb_shoald "$n" kill 2>/dev/null
  tb_dockerd "$n" kill 2>/dev/null
}
# lose_leader sends SIGKILL itself and returns at once, so the write probes start right after the fault; the
# testbed script that also waits for the process to be gone and cleans its pid file up (2 s or more here:
# the JVM's or dockerd's exit and reaping) runs afterwards, in reap_leader. Before, the probes only started
# once that script had returned, and every leader-killed figure included those seconds.
lose_leader() {
  local sys=$1 n=$2 pidfile
  if [[ "$sys" == swarm ]]; then pidfile=$(tb_run_dir "$n")/docker.pid; else pidfile=$(tb_run_dir "$n")/shoald.pid; fi
  [[ -s "$pidfile" ]] || { say "no pid file $pidfile"; return 1; }
  kill -KILL "$(<"$pidfile")"
}
reap_leader() {
  local sys=$1 n=$2
  if [[ "$sys" == swarm ]]; then tb_dockerd "$n" kill 2>/dev/null; else tb_shoald "$n" kill 2>/dev/null; fi
}

# wait_for TIMEOUT DESC CMD...: polls CMD every 100 ms; fails after TIMEOUT seconds.
wait_for() {
  local t=$1 desc=$2; shift 2
  tb_wait_until "$t" "$desc" "$@" || { say "gave up waiting for $desc"; return 1; }
}

# write_accepted_after SYSTEM T0 HOSTS...: starts a write probe every 100 ms, round-robin over HOSTS, each
# in the background with a 3 s limit; prints seconds from T0 to the end of the first accepted one.
write_accepted_after() {
  local sys=$1 t0=$2; shift 2
  local targets=("$@") i=0 pids=() deadline=$((SECONDS + timeout_s)) first
  probe_dir=$(mktemp -d /tmp/failover-probes.XXXXXX)
  while [[ ! -s "$probe_dir/accepted" ]] && ((SECONDS < deadline)); do
    local n=${targets[$((i % ${#targets[@]}))]} name="probe-$sys-$i"
    ( body=$(jq -nc --arg n "$name" --arg img "$image" \
          '{Name: $n, Mode: {Replicated: {Replicas: 0}}, TaskTemplate: {ContainerSpec: {Image: $img, Args: ["sleep", "1"]}}}')
      if api "$sys" "$n" POST /services/create "$body" >/dev/null 2>&1; then
        echo "$(now) $n" >>"$probe_dir/accepted"
      fi ) &
    pids+=($!)
    i=$((i + 1))
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  if [[ ! -s "$probe_dir/accepted" ]]; then rm -rf "$probe_dir"; return 1; fi
  first=$(sort -n "$probe_dir/accepted" | head -1)
  rm -rf "$probe_dir"
  elapsed "$t0" "${first%% *}"
  echo " (by shoal-h${first##* })"
}

results_file=$(mktemp /tmp/failover-results.XXXXXX)
record() { echo "$1" >>"$results_file"; printf '%-6s %-14s %8s s   %s\n' "$2" "$3" "$4" "$5"; }

measure() {
  local sys=$1 run=$2 sid lost_id leader t0 t1 fig survivors=() n
  say "[$sys run $run] fresh testbed of $hosts hosts"
  bash "$repo/docker/testbed/down.sh" >/dev/null 2>&1 || true
  bash "$repo/docker/testbed/up.sh" "$hosts" 2>/dev/null
  form_cluster "$sys"
  sid=$(create_service "$sys")
  [[ -n "$sid" && "$sid" != null ]] || { say "service $svc was not created"; return 1; }
  wait_for "$timeout_s" "$replicas running tasks" n_running "$sys" 1 "$sid"
  lost_id=$(node_id_of "$sys" 1 "$lost")
  [[ -n "$lost_id" ]] || { say "no node id for shoal-h$lost"; return 1; }
  say "[$sys run $run] $replicas tasks running; losing worker shoal-h$lost ($loss)"

  # (a) worker lost
  t0=$(now)
  say "[$sys run $run] worker lost at $(date -u -d "@$t0" +%T.%3N) UTC"
  lose_worker "$sys" "$lost"
  if wait_for "$timeout_s" "$replicas tasks running off shoal-h$lost ($sys)" n_running_elsewhere "$sys" 1 "$sid" "$lost_id"; then
    t1=$(now); fig=$(elapsed "$t0" "$t1")
  else
    fig=timeout
  fi
  record "$sys worker-lost $fig" "$sys" worker-lost "$fig" "worker shoal-h$lost lost ($loss) -> $replicas tasks running on the others"

  # (b) leader killed
  leader=$(leader_host "$sys" 1) || { say "no leader found"; return 1; }
  for n in "${managers[@]}"; do [[ "$n" != "$leader" ]] && survivors+=("$n"); done
  say "[$sys run $run] killing the leader shoal-h$leader; probing writes on shoal-h${survivors[*]}"
  t0=$(now)
  say "[$sys run $run] leader killed at $(date -u -d "@$t0" +%T.%3N) UTC"
  lose_leader "$sys" "$leader"
  fig=$(write_accepted_after "$sys" "$t0" "${survivors[@]}") || fig=timeout
  reap_leader "$sys" "$leader"
  [[ "$fig" == *" "* ]] || fig="$fig (none accepted)"
  record "$sys leader-killed ${fig%% *}" "$sys" leader-killed "${fig%% *}" "leader shoal-h$leader killed (-9) -> a write accepted ${fig#* }"
}

# save_logs DIR: copies every host's dockerd.log and shoald.log to DIR/hN/.
save_logs() {
  local n
  for n in $(tb_hosts); do
    mkdir -p "$1/h$n"
    cp -f "$(tb_lib_dir "$n")"/*.log "$1/h$n/" 2>/dev/null || true
  done
}

cleanup() {
  [[ -n "$probe_dir" ]] && rm -rf "$probe_dir"
  rm -f "$results_file"
  if ! $keep; then bash "$repo/docker/testbed/down.sh" >/dev/null 2>&1 || say "down.sh failed: run it by hand"; fi
}
trap cleanup EXIT

systems=()
case "$system" in both) systems=(swarm shoal) ;; *) systems=("$system") ;; esac
if [[ " ${systems[*]} " == *" shoal "* ]] && ! "$repo/bin/swarmctl" swarm join --help >/dev/null 2>&1; then
  say "this build of swarmctl has no 'swarm join': the Shoal half needs multi-node join (issue #4)"
  [[ "$system" == shoal ]] && exit 1
  systems=(swarm)
fi
printf '%-6s %-14s %8s     %s\n' system figure seconds what
for sys in "${systems[@]}"; do
  for ((r = 1; r <= runs; r++)); do
    # A subshell outside any || list, so errexit holds inside measure: any failed step ends this run only.
    set +e
    ( set -e; measure "$sys" "$r" )
    rc=$?
    set -e
    if [[ $rc -ne 0 ]]; then
      say "[$sys run $r] FAILED (exit $rc); daemon logs in $logs/$sys-run$r"
      record "$sys failed-run -" "$sys" "run $r" FAILED "see $logs/$sys-run$r"
    fi
    save_logs "$logs/$sys-run$r"
  done
done

# Medians per system and figure, and Shoal/Swarm ratios when both ran.
median() { sort -n | awk '{a[NR] = $1} END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
if ((runs > 1)) || [[ ${#systems[@]} -gt 1 ]]; then
  echo
  printf '%-22s %10s %10s %12s\n' figure "swarm (s)" "shoal (s)" "shoal/swarm"
  for fig in worker-lost leader-killed; do
    s=$(awk -v f="$fig" '$1 == "swarm" && $2 == f && $3 != "timeout" {print $3}' "$results_file" | median)
    h=$(awk -v f="$fig" '$1 == "shoal" && $2 == f && $3 != "timeout" {print $3}' "$results_file" | median)
    ratio=$(awk -v a="$h" -v b="$s" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }')
    printf '%-22s %10s %10s %12s\n' "$fig (median)" "$s" "$h" "$ratio"
  done
fi
