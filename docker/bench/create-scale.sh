#!/usr/bin/env bash
# Measures, side by side on this machine's Docker Engine, how long Shoal and Docker Swarm take from
# `service create --replicas 20` to 20 running containers, and from `scale` to 40.
# Usage: docker/bench/create-scale.sh [REPLICAS] [SCALED]      (defaults 20 and 40)
# Both systems get one warm-up service first, so neither pays for its own start-up (JIT, caches).
# WARMUP=N (default 1) gives the warm-up service N replicas: with N=REPLICAS the JVM's compilers have
# seen a whole burst before the clock starts, as on a daemon that has been running for a while.
# Run it on a quiet machine: on 2 cores the engine's container starts are CPU-bound.
# Needs: a running Docker Engine, `mvn package` done, the busybox test image (docker/images/build-busybox.sh).
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
n1=${1:-20}
n2=${2:-40}
image=shoal/busybox:latest
svc=bench$$
timeout_s=300
warmup=${WARMUP:-1}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# wait_started SINCE LABEL_FILTER N: until N containers with that label have started since SINCE
# (a unix time). Reads the engine's event stream rather than polling `docker ps`, so the measuring costs
# next to nothing on a machine whose CPU the engine's container starts already saturate.
wait_started() {
  local since=$1 filter=$2 want=$3 got=0 fd pid
  exec {fd}< <(exec timeout "$timeout_s" docker events --since "$since" --filter type=container \
                 --filter event=start --filter "label=$filter" --format '{{.ID}}')
  pid=$!
  while [ "$got" -lt "$want" ] && read -r -u "$fd" _; do got=$((got + 1)); done
  exec {fd}<&-
  kill "$pid" 2>/dev/null || true
  [ "$got" -ge "$want" ] || { echo "timed out waiting for $want starts of $filter ($got seen)" >&2; return 1; }
}
# first_create SINCE UNTIL LABEL_FILTER: seconds from SINCE to the first container created with that label,
# the control plane's latency (command, store, scheduler, agent) before the engine's own work begins
first_create() {
  docker events --since "$1" --until "$2" --filter type=container --filter event=create --filter "label=$3" \
    --format '{{.TimeNano}}' | awk -v t0="$1" 'NR == 1 { printf "%.2f", $1 / 1e9 - t0 }' || true
}
# wait_running LABEL_FILTER N: until N containers with that label are running (for the warm-up)
wait_running() {
  local filter=$1 want=$2 deadline=$(( $(date +%s) + timeout_s ))
  while [ "$(docker ps -q --filter "label=$filter" --filter status=running | wc -l)" -lt "$want" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && { echo "timed out waiting for $want running $filter" >&2; return 1; }
    sleep 0.2
  done
}
# wait_gone LABEL_FILTER: until no container with that label exists
wait_gone() {
  local filter=$1 deadline=$(( $(date +%s) + timeout_s ))
  while [ -n "$(docker ps -aq --filter "label=$filter")" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && { echo "timed out waiting for $filter containers to go" >&2; return 1; }
    sleep 0.1
  done
}

docker image inspect "$image" >/dev/null 2>&1 || bash "$repo/docker/images/build-busybox.sh"

# ---- Shoal ----
data=$(mktemp -d /tmp/shoal-bench.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
"$repo/bin/shoald" --data-dir "$data" --api-addr "127.0.0.1:$port" --listen-addr "127.0.0.1:$((port + 1))" \
  >"$data/shoald.log" 2>&1 &
shoald_pid=$!
cleanup_shoal() {
  "$repo/bin/swarmctl" -H "tcp://127.0.0.1:$port" service rm "$svc" >/dev/null 2>&1 || true
  kill "$shoald_pid" 2>/dev/null || true
  wait "$shoald_pid" 2>/dev/null || true
  docker ps -aq --filter "label=dev.shoal.service.name=$svc" | xargs -r docker rm -f >/dev/null 2>&1 || true
}
trap cleanup_shoal EXIT
export SHOAL_HOST="tcp://127.0.0.1:$port"
for _ in $(seq 1 200); do "$repo/bin/swarmctl" node ls >/dev/null 2>&1 && break; "$repo/bin/swarmctl" swarm init --advertise-addr 127.0.0.1 >/dev/null 2>&1 && break; sleep 0.1; done
"$repo/bin/swarmctl" node ls >/dev/null

sw() { "$repo/bin/swarmctl" "$@"; }
# Warm-up, for both systems alike: one service created, running and removed before the clock starts.
sw service create --name "${svc}w" --replicas "$warmup" --stop-grace-period 1s "$image" sleep 3600 >/dev/null
wait_running "dev.shoal.service.name=${svc}w" "$warmup"
sw service rm "${svc}w" >/dev/null
wait_gone "dev.shoal.service.name=${svc}w"

t0=$(now)
sw service create --name "$svc" --replicas "$n1" --stop-grace-period 1s "$image" sleep 3600 >/dev/null
wait_started "$t0" "dev.shoal.service.name=$svc" "$n1"
t1=$(now)
sw service scale "$svc=$n2" >/dev/null
wait_started "$t1" "dev.shoal.service.name=$svc" "$((n2 - n1))"
t2=$(now)
shoal_create=$(elapsed "$t0" "$t1"); shoal_scale=$(elapsed "$t1" "$t2")
shoal_first=$(first_create "$t0" "$(date +%s)" "dev.shoal.service.name=$svc")
sw service rm "$svc" >/dev/null
wait_gone "dev.shoal.service.name=$svc"
cleanup_shoal
trap - EXIT
unset SHOAL_HOST

# ---- Docker Swarm ----
swarm_was_active=$(docker info --format '{{.Swarm.LocalNodeState}}')
[ "$swarm_was_active" = active ] || docker swarm init --advertise-addr 127.0.0.1 >/dev/null
cleanup_swarm() {
  docker service rm "$svc" >/dev/null 2>&1 || true
  [ "$swarm_was_active" = active ] || docker swarm leave --force >/dev/null 2>&1 || true
}
trap cleanup_swarm EXIT
docker service create --detach --no-resolve-image --name "${svc}w" --replicas "$warmup" --stop-grace-period 1s "$image" sleep 3600 >/dev/null
wait_running "com.docker.swarm.service.name=${svc}w" "$warmup"
docker service rm "${svc}w" >/dev/null
wait_gone "com.docker.swarm.service.name=${svc}w"

t0=$(now)
docker service create --detach --no-resolve-image --name "$svc" --replicas "$n1" --stop-grace-period 1s "$image" sleep 3600 >/dev/null
wait_started "$t0" "com.docker.swarm.service.name=$svc" "$n1"
t1=$(now)
docker service scale --detach "$svc=$n2" >/dev/null
wait_started "$t1" "com.docker.swarm.service.name=$svc" "$((n2 - n1))"
t2=$(now)
swarm_create=$(elapsed "$t0" "$t1"); swarm_scale=$(elapsed "$t1" "$t2")
swarm_first=$(first_create "$t0" "$(date +%s)" "com.docker.swarm.service.name=$svc")
docker service rm "$svc" >/dev/null
wait_gone "com.docker.swarm.service.name=$svc"
cleanup_swarm
trap - EXIT

# ---- The engine alone: the floor under both ----
t0=$(now)
seq 1 "$n1" | xargs -P 4 -I{} docker run -d --label "shoal.bench.floor=$svc" "$image" sleep 3600 >/dev/null
t1=$(now)
floor=$(elapsed "$t0" "$t1")
docker ps -aq --filter "label=shoal.bench.floor=$svc" | xargs -r docker rm -f >/dev/null

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-28s %10s %10s %12s\n' "figure" "shoal (s)" "swarm (s)" "shoal/swarm"
printf '%-28s %10s %10s %12s\n' "create $n1 -> $n1 running" "$shoal_create" "$swarm_create" "$(ratio "$shoal_create" "$swarm_create")"
printf '%-28s %10s %10s %12s\n' "scale $n1 -> $n2 running" "$shoal_scale" "$swarm_scale" "$(ratio "$shoal_scale" "$swarm_scale")"
printf '%-28s %10s %10s %12s\n' "engine alone: $n1 docker run" "$floor" "$floor" "-"
printf '%-28s %10s %10s %12s\n' "create -> first container" "$shoal_first" "$swarm_first" "$(ratio "$shoal_first" "$swarm_first")"
