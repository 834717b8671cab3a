#!/usr/bin/env bash
# Installs a built Shoal tree as a systemd service. Builds nothing: run `mvn -q -B package -DskipTests` in the
# repository first.
#
# Usage: docker/systemd/install.sh [--root DIR] [--prefix PATH] [--no-start]
#   --root DIR     install below DIR instead of / (a staged install: DIR/opt/shoal, DIR/etc/…); never
#                  touches systemd. Used by the tests.
#   --prefix PATH  where the launchers and jars go (default /opt/shoal); the unit's ExecStart follows it.
#   --no-start     install and enable nothing in systemd, only copy files.
#
# What it does:
#   PREFIX/bin/{shoald,swarmctl}, PREFIX/node-agent/target/{node-agent-*.jar,lib/},
#   PREFIX/cli/target/{cli-*.jar,lib/}  the launchers and the jars they load (same layout as the build, so
#                                       the launchers work unchanged); old jars there are removed first
#   /etc/systemd/system/shoald.service  the unit (docker/systemd/shoald.service)
#   /etc/shoal/shoald.env               default settings (SHOALD_OPTS, SHOALD_JAVA_OPTS), only if missing
#   /usr/local/bin/swarmctl             a symlink to PREFIX/bin/swarmctl
# then, when systemd runs this machine (and without --root/--no-start): systemctl daemon-reload and
# systemctl enable --now shoald. Otherwise it prints the commands to run.
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
say() { echo "install: $*" >&2; }
die() { echo "install: error: $*" >&2; exit 1; }

root=/ prefix=/opt/shoal start=true staged=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) [[ $# -ge 2 && -n "$2" ]] || usage; root=$2; staged=true; start=false; shift 2 ;;
    --prefix) [[ $# -ge 2 && "$2" == /* ]] || { say "--prefix needs an absolute path"; usage; }; prefix=${2%/}; shift 2 ;;
    --no-start) start=false; shift ;;
    -h|--help) usage ;;
    *) say "unknown argument: $1"; usage ;;
  esac
done
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
root=$(mkdir -p "$root" && cd "$root" && pwd)
dest=${root%/}$prefix

# ---- what a built tree has ----
agent_jars=("$repo"/node-agent/target/node-agent-*.jar)
cli_jars=("$repo"/cli/target/cli-*.jar)
[[ -f "${agent_jars[0]}" && -d "$repo/node-agent/target/lib" ]] \
  || die "no built shoald in $repo/node-agent/target; build first: (cd $repo && mvn -q -B package -DskipTests)"
[[ -f "${cli_jars[0]}" && -d "$repo/cli/target/lib" ]] \
  || die "no built swarmctl in $repo/cli/target; build first: (cd $repo && mvn -q -B package -DskipTests)"
[[ -x "$repo/bin/shoald" && -x "$repo/bin/swarmctl" ]] || die "$repo/bin/shoald or bin/swarmctl is missing"
[[ $EUID -eq 0 ]] || $staged || die "installing into / needs root (or use --root DIR for a staged install)"
$staged || command -v java >/dev/null || say "warning: no java on PATH; shoald needs a Java 17 runtime (apt-get install -y openjdk-17-jre-headless)"

# ---- the tree ----
install -d -m 0755 "$dest/bin" "$dest/node-agent/target" "$dest/cli/target"
rm -rf "$dest/node-agent/target/lib" "$dest/cli/target/lib"
rm -f "$dest"/node-agent/target/*.jar "$dest"/cli/target/*.jar "$dest"/cli/target/*.jsa
install -m 0755 "$repo/bin/shoald" "$repo/bin/swarmctl" "$dest/bin/"
# Only the jars the launchers load: the main jar (not -tests/-sources) and target/lib.
for jar in "$repo"/node-agent/target/node-agent-*.jar; do
  [[ "$jar" == *-tests.jar || "$jar" == *-sources.jar ]] || install -m 0644 "$jar" "$dest/node-agent/target/"
done
for jar in "$repo"/cli/target/cli-*.jar; do
  [[ "$jar" == *-tests.jar || "$jar" == *-sources.jar ]] || install -m 0644 "$jar" "$dest/cli/target/"
done
cp -r "$repo/node-agent/target/lib" "$dest/node-agent/target/lib"
cp -r "$repo/cli/target/lib" "$dest/cli/target/lib"
say "installed shoald and swarmctl in $dest"

# ---- the unit, settings, symlink ----
install -d -m 0755 "$root/etc/systemd/system" "$root/etc/shoal" "$root/usr/local/bin"
sed "s|/opt/shoal/bin/shoald|$prefix/bin/shoald|g" "$repo/docker/systemd/shoald.service" >"$root/etc/systemd/system/shoald.service.tmp"
chmod 0644 "$root/etc/systemd/system/shoald.service.tmp"
mv "$root/etc/systemd/system/shoald.service.tmp" "$root/etc/systemd/system/shoald.service"
say "installed $root/etc/systemd/system/shoald.service"
env_file=$root/etc/shoal/shoald.env
if [[ -e "$env_file" ]]; then
  say "kept the existing $env_file"
else
  cat >"$env_file" <<'ENV'
# Settings of shoald.service (systemd reads this file; edit, then `systemctl restart shoald`).
#
# SHOALD_OPTS: flags for shoald (see `shoald --help`). --data-dir is set by the unit (/var/lib/shoal).
#   --api-addr IP:PORT        control API for swarmctl (default 127.0.0.1:4243; another host's swarmctl needs
#                             a reachable address here)
#   --listen-addr IP:PORT     cluster port for agents, Raft on PORT+1 (default 0.0.0.0:2377)
#   --advertise-addr IP       the address other nodes reach this one at
#   --hostname NAME           the node's name in `swarmctl node ls` (default: the engine's hostname)
#   --docker-host URL         the Docker Engine (default unix:///var/run/docker.sock)
#   --heartbeat-grace 4s      how long a silent node stays Ready
# Example: SHOALD_OPTS="--advertise-addr 192.0.2.10 --api-addr 127.0.0.1:4243"
SHOALD_OPTS=""
# SHOALD_JAVA_OPTS: flags for the JVM, e.g. "-Xmx1g".
SHOALD_JAVA_OPTS=""
ENV
  chmod 0644 "$env_file"
  say "wrote the default $env_file"
fi
ln -sfn "$prefix/bin/swarmctl" "$root/usr/local/bin/swarmctl"
say "linked $root/usr/local/bin/swarmctl -> $prefix/bin/swarmctl"

# ---- systemd ----
next="systemctl daemon-reload && systemctl enable --now shoald"
if $start && [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
  systemctl enable --now shoald
  say "shoald.service enabled and started: systemctl status shoald; journalctl -u shoald"
elif $staged; then
  say "staged in $root; on the target machine: $next"
elif $start; then
  say "systemd does not run this machine; to start shoald by hand: $prefix/bin/shoald --data-dir /var/lib/shoal \$SHOALD_OPTS"
  say "on a machine with systemd: $next"
else
  say "not started (--no-start); to enable: $next"
fi
