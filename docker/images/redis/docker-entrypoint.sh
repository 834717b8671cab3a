#!/bin/sh
# Entrypoint of Shoal's offline redis:latest (docker/build-example-images.sh). Behaves like the official
# image's for what stacks use: options or a .conf file as first argument run redis-server with them;
# redis-server started as root drops to the redis user (owning /data first); protected mode is turned
# off unless a given config file sets it, so other containers can connect without a password.
set -e

# `-f`, `--some-option` or a config file as first argument: run redis-server with them
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
	find . \! -user redis -exec chown redis '{}' +
	exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

# files redis writes are private unless a umask was chosen
[ "$(umask)" = '0022' ] && umask 0077

# redis-server --version, --help, …: options that only work as its first argument
case "$1 ${2:-}" in
	'redis-server -v' | 'redis-server --version' | 'redis-server -h' | 'redis-server --help' | \
		'redis-server --test-memory' | 'redis-server --check-system') exec "$@" ;;
esac

if [ "$1" = 'redis-server' ]; then
	protected=yes_turn_off
	config=
	if [ -f "${2:-}" ]; then
		config=$2
		grep -q '^protected-mode' "$config" && protected=
	fi
	if [ -n "$protected" ]; then
		shift
		[ -n "$config" ] && shift
		set -- --protected-mode no "$@"
		[ -n "$config" ] && set -- "$config" "$@"
		set -- redis-server "$@"
	fi
fi

exec "$@"
