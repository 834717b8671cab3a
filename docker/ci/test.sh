#!/usr/bin/env bash
# The one-line test command (README): makes sure a Docker Engine and the offline test images are there
# (ensure-engine.sh), then runs the whole build with its tests from the repository root:
#   bash docker/ci/test.sh [extra maven args, e.g. -o]
# Fails (non-zero) when the engine cannot be started or any test fails; never skips engine tests.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

bash docker/ci/ensure-engine.sh

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  echo "test: installing maven and JDK 17" >&2
  apt-get update -q && apt-get install -y -q maven openjdk-17-jdk-headless </dev/null
fi

export TESTCONTAINERS_RYUK_DISABLED=true
exec mvn -B verify "$@" </dev/null
