#!/usr/bin/env bash
# Makes sure a Docker Engine answers and the offline test images exist, on a bare Debian machine too.
#
#  1. Installs docker.io, busybox-static and iproute2 (apt) when the docker CLI, dockerd (needed only if no
#     engine answers) or a static /bin/busybox is missing.
#  2. If no engine answers `docker version`, starts `dockerd` in the background (log: /var/log/dockerd.log)
#     and waits up to 60 s for it. If it does not come up, prints the log's tail and exits non-zero:
#     CI must go red, never skip the engine tests.
#  3. Builds shoal/busybox:latest (+ alpine:3.17) with docker/images/build-busybox.sh.
#
# Does nothing to an engine that already answers. Overrides (for testing this script): SHOAL_DOCKERD (the
# daemon command line), SHOAL_DOCKERD_LOG, SHOAL_DOCKERD_WAIT (seconds); DOCKER_HOST is honoured.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
dockerd_log=${SHOAL_DOCKERD_LOG:-/var/log/dockerd.log}
wait_seconds=${SHOAL_DOCKERD_WAIT:-60}
read -r -a dockerd_cmd <<<"${SHOAL_DOCKERD:-dockerd}"

say() { echo "ensure-engine: $*" >&2; }
engine_up() { command -v docker >/dev/null 2>&1 && timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
static_busybox() { [[ -x /bin/busybox ]] && ! ldd /bin/busybox >/dev/null 2>&1; }

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else say "need root to run: $*"; return 1
  fi
}

up=false
engine_up && up=true

if ! command -v docker >/dev/null 2>&1 || { ! $up && ! command -v "${dockerd_cmd[0]}" >/dev/null 2>&1; } || ! static_busybox; then
  say "installing docker.io busybox-static iproute2"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io busybox-static iproute2 </dev/null
  static_busybox || { say "/bin/busybox is still not a static binary"; exit 1; }
fi

if $up; then
  say "engine already answers ($(docker version --format '{{.Server.Version}}'))"
else
  say "starting ${dockerd_cmd[*]} (log: $dockerd_log)"
  as_root mkdir -p "$(dirname "$dockerd_log")"
  # setsid + nohup: the daemon outlives this script and CI's shell; stdin is not the terminal.
  as_root setsid nohup "${dockerd_cmd[@]}" >"$dockerd_log" 2>&1 </dev/null &
  for ((i = 0; i < wait_seconds; i++)); do
    engine_up && break
    sleep 1
  done
  if ! engine_up; then
    say "Docker Engine did not answer within ${wait_seconds}s; last lines of $dockerd_log:"
    tail -n 40 "$dockerd_log" >&2 || true
    exit 1
  fi
  say "engine up ($(docker version --format '{{.Server.Version}}'))"
fi

bash "$root/docker/images/build-busybox.sh"
