#!/usr/bin/env bash
# The one-line test command (README): makes sure a Docker Engine and the offline test images are there
# (ensure-engine.sh) and the tools the tests use (ensure-tools.sh: systemd-analyze, nsenter, jq, …), then
# runs the whole build with its tests from the repository root:
#   bash docker/ci/test.sh [extra maven args, e.g. -o]
# Fails (non-zero) when the engine cannot be started or any test fails; never skips engine tests.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

bash docker/ci/ensure-engine.sh
bash docker/ci/ensure-tools.sh

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  echo "test: installing maven and JDK 17" >&2
  apt-get update -q && apt-get install -y -q maven openjdk-17-jdk-headless </dev/null
fi

# The tutorial's images (friendlyhello, redis, postgres, adminer) take minutes to build from Debian
# packages on a bare machine: build them in the background while Maven compiles and runs the other
# tests. TutorialStacksE2ETest waits for the exit code in $SHOAL_EXAMPLE_IMAGES_RC (and fails with the
# log when the build failed). Cached images make this a second.
state=$(mktemp -d /tmp/shoal-ci.XXXXXX)
export SHOAL_EXAMPLE_IMAGES_LOG="$state/example-images.log"
export SHOAL_EXAMPLE_IMAGES_RC="$state/example-images.rc"
( rc=0; bash docker/build-example-images.sh >"$SHOAL_EXAMPLE_IMAGES_LOG" 2>&1 </dev/null || rc=$?
  echo "$rc" >"$SHOAL_EXAMPLE_IMAGES_RC.tmp" && mv "$SHOAL_EXAMPLE_IMAGES_RC.tmp" "$SHOAL_EXAMPLE_IMAGES_RC" ) &

export TESTCONTAINERS_RYUK_DISABLED=true
mvn -B verify "$@" </dev/null
