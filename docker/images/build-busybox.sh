#!/usr/bin/env bash
# Builds shoal/busybox:latest (and tags it alpine:3.17 for Testcontainers' start-up checks) from
# docker/images/busybox/Dockerfile and the host's static /bin/busybox. Works offline. Skips the build
# when the image exists unless --force is given. Honours DOCKER_HOST like the docker CLI.
set -euo pipefail

IMAGE=shoal/busybox:latest
ALIAS=alpine:3.17
BUSYBOX_BIN=${SHOAL_BUSYBOX_BIN:-/bin/busybox}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

force=false
[[ "${1:-}" == "--force" ]] && force=true

if ! $force && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-busybox: $IMAGE already present"
else
  if [[ ! -x "$BUSYBOX_BIN" ]]; then
    echo "build-busybox: $BUSYBOX_BIN missing; install busybox-static (apt-get install -y busybox-static)" >&2
    exit 1
  fi
  if ldd "$BUSYBOX_BIN" >/dev/null 2>&1; then
    echo "build-busybox: $BUSYBOX_BIN is dynamically linked; install busybox-static" >&2
    exit 1
  fi
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  cp "$here/busybox/Dockerfile" "$ctx/Dockerfile"
  cp "$BUSYBOX_BIN" "$ctx/busybox"
  docker build -q --network none -t "$IMAGE" "$ctx" >/dev/null
  echo "build-busybox: built $IMAGE"
fi

if ! docker image inspect "$ALIAS" >/dev/null 2>&1; then
  docker tag "$IMAGE" "$ALIAS"
  echo "build-busybox: tagged $IMAGE as $ALIAS"
fi
