#!/usr/bin/env bash
# Starts a one-node Shoal cluster on the local Docker Engine and runs a demo service.
# Run after `mvn -q -B package -DskipTests`. Leaves shoald running; prints how to stop it.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
data=${SHOAL_DEMO_DIR:-/tmp/shoal-demo}
api=${SHOAL_DEMO_API:-127.0.0.1:4243}

bash "$repo/docker/ci/ensure-engine.sh"
mkdir -p "$data"
export SHOAL_HOST="tcp://$api"
out=$("$repo/bin/swarmctl" node ls 2>&1) || true
case "$out" in
  *"Cannot connect"*)
    nohup "$repo/bin/shoald" --data-dir "$data" --api-addr "$api" >"$data/shoald.log" 2>&1 &
    echo "shoald started (pid $!, log $data/shoald.log)" ;;
esac
for _ in $(seq 1 150); do
  "$repo/bin/swarmctl" node ls >/dev/null 2>&1 && break
  "$repo/bin/swarmctl" swarm init --advertise-addr 127.0.0.1 >/dev/null 2>&1 && break
  sleep 0.2
done
"$repo/bin/swarmctl" node ls
"$repo/bin/swarmctl" service rm demo >/dev/null 2>&1 || true
"$repo/bin/swarmctl" service create --name demo --replicas 3 -e NAME=World --stop-grace-period 1s shoal/busybox \
  sh -c 'echo "Hello $NAME from $(hostname)"; sleep 3600'
for _ in $(seq 1 100); do
  [ "$("$repo/bin/swarmctl" service ls | awk '$2 == "demo" { print $4 }')" = "3/3" ] && break
  sleep 0.2
done
"$repo/bin/swarmctl" service ls
"$repo/bin/swarmctl" service ps demo
echo
echo "Try: export SHOAL_HOST=$SHOAL_HOST; bin/swarmctl service scale demo=6"
echo "Stop: bin/swarmctl service rm demo; pkill -f 'shoald.*--data-dir $data'"
