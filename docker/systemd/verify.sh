#!/usr/bin/env bash
# Checks shoald.service with `systemd-analyze verify`, as installed by install.sh, without touching this
# machine's systemd (which need not run at all).
#
# Usage: docker/systemd/verify.sh [--staged DIR]
#   (no option)    stages an install (install.sh --root TMP; needs a built tree) and verifies it
#   --staged DIR   verifies the install already staged in DIR (install.sh --root DIR)
#
# systemd-analyze runs with --root=DIR, so the unit's ExecStart (/opt/shoal/bin/shoald) is checked inside
# DIR. The unit's default dependencies (sysinit.target, basic.target, …) are resolved against a copy of this
# machine's own units (/usr/lib/systemd/system) placed in DIR, as on a real target machine. Fails on a
# non-zero exit AND on any message, since systemd-analyze only warns (exit 0) about unknown keys.
# Needs systemd-analyze (Debian: apt-get install -y systemd; docker/ci/ensure-tools.sh does it).
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
say() { echo "verify: $*" >&2; }
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)

staged=
case "${1:-}" in
  "") ;;
  --staged) [[ $# -eq 2 ]] || usage; staged=$2 ;;
  *) usage ;;
esac
command -v systemd-analyze >/dev/null \
  || { say "systemd-analyze is missing: apt-get install -y systemd (or docker/ci/ensure-tools.sh)"; exit 1; }
units=
for d in /usr/lib/systemd/system /lib/systemd/system; do
  [[ -f "$d/sysinit.target" ]] && { units=$d; break; }
done
[[ -n "$units" ]] || { say "no systemd units (sysinit.target) on this machine: apt-get install -y systemd"; exit 1; }

tmp=
if [[ -z "$staged" ]]; then
  tmp=$(mktemp -d /tmp/shoal-verify.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  staged=$tmp
  bash "$here/install.sh" --root "$staged" 2>/dev/null || { bash "$here/install.sh" --root "$staged"; exit 1; }
fi
unit=$staged/etc/systemd/system/shoald.service
[[ -f "$unit" ]] || { say "$unit is missing; stage an install first: install.sh --root $staged"; exit 1; }
if [[ ! -f "$staged/usr/lib/systemd/system/sysinit.target" ]]; then
  mkdir -p "$staged/usr/lib/systemd"
  cp -a "$units/." "$staged/usr/lib/systemd/system/"
fi

set +e
out=$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no --root="$staged" shoald.service 2>&1)
rc=$?
set -e
if [[ $rc -ne 0 || -n "$out" ]]; then
  say "systemd-analyze verify failed (exit $rc) on $unit:"
  echo "$out" >&2
  exit 1
fi
say "shoald.service passes systemd-analyze verify ($(systemd-analyze --version | head -1))"
