#!/usr/bin/env bash
# Entrypoint of Shoal's offline postgres:latest (docker/build-example-images.sh). Behaves like the
# official image's for what stacks use:
#  - options as first argument (`-c …`) run `postgres` with them;
#  - `postgres …` started as root prepares $PGDATA and /var/run/postgresql, then re-runs itself as the
#    postgres user;
#  - an empty $PGDATA is initialised with POSTGRES_USER (default postgres) as superuser with
#    POSTGRES_PASSWORD, a database POSTGRES_DB (default: the user), password logins from every host
#    (pg_hba `host all all all scram-sha-256`, or POSTGRES_HOST_AUTH_METHOD), `listen_addresses = '*'`,
#    POSTGRES_INITDB_ARGS passed to initdb, and /docker-entrypoint-initdb.d/*.sh|*.sql run once;
#  - then execs the command (postgres with the given arguments) in place of this script.
set -Eeo pipefail

say() { echo "postgres-entrypoint: $*" >&2; }

if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi

export PGDATA=${PGDATA:-/var/lib/postgresql/data}

if [ "$1" = 'postgres' ] && [ "$(id -u)" = '0' ]; then
	mkdir -p "$PGDATA" /var/run/postgresql
	find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
	chmod 0700 "$PGDATA"
	chown postgres:postgres /var/run/postgresql
	chmod 3777 /var/run/postgresql
	exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

init_database() {
	local user=${POSTGRES_USER:-postgres}
	local db=${POSTGRES_DB:-$user}
	local auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
	if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != 'trust' ]; then
		say "error: the database is uninitialized and POSTGRES_PASSWORD is not set."
		say "       Set POSTGRES_PASSWORD to a non-empty value for the superuser $user,"
		say "       or POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password."
		exit 1
	fi

	# shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of words, as in the official image
	if [ -n "${POSTGRES_PASSWORD:-}" ]; then
		initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") ${POSTGRES_INITDB_ARGS:-}
	else
		initdb --username="$user" ${POSTGRES_INITDB_ARGS:-}
	fi

	printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
	printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

	# a server reachable only through the socket, for creating the database and running init scripts
	pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
	local psql=(psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$user" --dbname postgres)
	if [ "$db" != 'postgres' ]; then
		"${psql[@]}" --set db="$db" <<-'EOSQL'
			CREATE DATABASE :"db" ;
		EOSQL
	fi
	local f
	for f in /docker-entrypoint-initdb.d/*; do
		# shellcheck disable=SC1090  # init scripts are the user's
		case "$f" in
			*.sh) say "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
			*.sql) say "running $f"; "${psql[@]}" --dbname "$db" -f "$f" ;;
			*) [ -e "$f" ] && say "ignoring $f" ;;
		esac
	done
	pg_ctl -D "$PGDATA" -m fast -w stop
	say "init process complete; ready for start up."
}

if [ "$1" = 'postgres' ]; then
	if [ -s "$PGDATA/PG_VERSION" ]; then
		say "$PGDATA already holds a database; skipping initialization"
	else
		init_database
	fi
fi

exec "$@"
