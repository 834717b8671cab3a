#!/usr/bin/env bash
# Installs the command-line tools the tests and the testbed use besides the engine (ensure-engine.sh) and the
# JDK/Maven (test.sh), when any is missing, on a bare Debian machine:
#   systemd-analyze  (package systemd)    SystemdUnitTest / docker/systemd/verify.sh; systemd need not run
#   nsenter, unshare (util-linux)         docker/testbed
#   ip               (iproute2)           docker/testbed
#   curl, jq                              docker/testbed, docker/bench
# Fails loudly when apt cannot install them: CI must go red, never skip.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
say() { echo "ensure-tools: $*" >&2; }
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else say "need root to run: $*"; return 1
  fi
}

declare -A package_of=([systemd-analyze]=systemd [nsenter]=util-linux [unshare]=util-linux [ip]=iproute2 [curl]=curl [jq]=jq)
missing=()
for tool in systemd-analyze nsenter unshare ip curl jq; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
say "installing ${packages[*]}"
as_root apt-get update -q
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" </dev/null
for tool in systemd-analyze nsenter unshare ip curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is still missing after installing ${packages[*]}"; exit 1; }
done
