#!/usr/bin/env bash
# Proves the example images (docker/build-example-images.sh) with plain docker, no Shoal: the tutorial's
# two stacks run by hand on a user-defined bridge network.
#
#  friendlyhello: redis (alias `redis`) + the Flask app published on a free host port; two requests
#                 answer "Hello World!" with Visits 1 then 2.
#  postgres:      the tutorial's environment and command (-c shared_buffers=512MB -c max_connections=2000)
#                 on a named volume, alias `db`; the settings are in force; a restart reuses the data.
#  adminer:       published on 8998 (or a free port if 8998 is taken); logging in through its HTTP form
#                 to server `db` as dameng/pythonic shows the database list; a wrong password is refused;
#                 logout with the page's CSRF token works.
#
# Everything it creates is named shoal-example-* and removed at the end (and before starting, so a run
# that was killed does not break the next one).
# shellcheck disable=SC2015  # `COND && ok … || fail …`: ok never fails
set -euo pipefail

usage() {
  cat <<'EOF'
usage: docker/test-example-images.sh [--no-build] [--keep]

Builds the example images when needed (docker/build-example-images.sh; --no-build only checks they
exist), then runs them with plain docker and checks what the tutorial does with them.
  --keep   leave the containers, network and volume running for a look (remove them with a second run)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=true keep=false
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --keep) keep=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo "test-example-images: unknown argument $arg" >&2; exit 2 ;;
  esac
done

net=shoal-example-net
c_redis=shoal-example-redis c_web=shoal-example-web c_db=shoal-example-db c_adminer=shoal-example-adminer
volume=shoal-example-pgdata
jar=$(mktemp /tmp/shoal-example-cookies.XXXXXX)
failures=0

say() { echo "test-example-images: $*" >&2; }
ok() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
die() { echo "test-example-images: ERROR: $*" >&2; exit 1; }

remove_all() {
  docker rm -f -v "$c_web" "$c_redis" "$c_adminer" "$c_db" >/dev/null 2>&1 || true
  docker volume rm "$volume" >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
}
on_exit() {
  local rc=$?
  if ((rc != 0)) || ((failures)); then
    for c in "$c_redis" "$c_web" "$c_db" "$c_adminer"; do
      docker inspect "$c" >/dev/null 2>&1 || continue
      echo "----- docker logs $c (last 20 lines) -----" >&2
      docker logs --tail 20 "$c" >&2 2>&1 || true
    done
  fi
  rm -f "$jar"
  if $keep; then say "kept $c_redis $c_web $c_db $c_adminer, $net, $volume"; else remove_all; fi
}
trap on_exit EXIT

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s until it succeeds or time runs out.
wait_for() {
  local seconds=$1 what=$2 deadline=$((SECONDS + $1)); shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what: not within ${seconds}s"
    sleep 0.5
  done
}
logs_contain() { docker logs "$1" 2>&1 | grep -qF -- "$2"; }
port_free() { ! ss -Htln "sport = :$1" | grep -q .; }
host_port() { docker port "$1" "$2/tcp" | head -n 1 | sed 's/.*://'; }

if $build; then
  bash "$here/build-example-images.sh" >&2 || die "building the images failed"
fi
for image in friendlyhello redis postgres adminer; do
  docker image inspect "$image:latest" >/dev/null 2>&1 \
    || die "$image:latest is missing; run docker/build-example-images.sh"
done

remove_all
docker network create "$net" >/dev/null

# --- friendlyhello + redis ------------------------------------------------------------------------------
docker run -d --name "$c_redis" --network "$net" --network-alias redis redis >/dev/null
docker run -d --name "$c_web" --network "$net" -p 5000 friendlyhello >/dev/null
wait_for 30 "redis answers PING" sh -c "docker exec $c_redis redis-cli ping | grep -qx PONG"
wait_for 60 "the Flask app starts" logs_contain "$c_web" "Running on"
web_port=$(host_port "$c_web" 5000)
[[ -n "$web_port" ]] || die "no host port published for $c_web"
say "friendlyhello on host port $web_port"

for n in 1 2; do
  body=$(curl -sS --max-time 10 "http://127.0.0.1:$web_port/") || { fail "request $n to friendlyhello"; continue; }
  if [[ "$body" == *"<h3>Hello World!</h3>"* ]]; then ok "request $n: Hello World!"; else fail "request $n: no Hello World! in: $body"; fi
  if [[ "$body" == *"<b>Visits:</b> $n"* ]]; then ok "request $n: Visits: $n"; else fail "request $n: Visits is not $n in: $body"; fi
  if [[ "$body" == *"<b>Hostname:</b> $(docker inspect -f '{{.Config.Hostname}}' "$c_web")<br/>"* ]]; then
    ok "request $n: the container's hostname"
  else fail "request $n: hostname missing in: $body"; fi
done
[[ "$(docker exec "$c_redis" cat /proc/1/status | awk '$1 == "Uid:" { print $2 }')" != 0 ]] \
  && ok "redis-server runs as the redis user" || fail "redis-server runs as root"

# --- postgres + adminer ---------------------------------------------------------------------------------
docker volume create "$volume" >/dev/null
docker run -d --name "$c_db" --network "$net" --network-alias db \
  -e POSTGRES_USER=dameng -e POSTGRES_PASSWORD=pythonic -v "$volume:/var/lib/postgresql/data" \
  postgres postgres -c 'shared_buffers=512MB' -c 'max_connections=2000' >/dev/null
adminer_publish=8998:8080
port_free 8998 || { adminer_publish=8080; say "port 8998 is taken; adminer gets a free port"; }
docker run -d --name "$c_adminer" --network "$net" -p "$adminer_publish" adminer >/dev/null

psql_db() { docker exec -e PGPASSWORD=pythonic "$c_db" psql -h 127.0.0.1 -U dameng -d dameng -tAc "$1"; }
wait_for 120 "postgres initialises and accepts TCP connections" psql_db 'select 1'
[[ "$(psql_db 'show shared_buffers')" == 512MB ]] && ok "postgres: shared_buffers=512MB" || fail "postgres: shared_buffers is $(psql_db 'show shared_buffers')"
[[ "$(psql_db 'show max_connections')" == 2000 ]] && ok "postgres: max_connections=2000" || fail "postgres: max_connections is $(psql_db 'show max_connections')"
[[ "$(psql_db 'select current_user || current_database()')" == damengdameng ]] && ok "postgres: user and database dameng" || fail "postgres: no user/database dameng"
[[ "$(docker exec "$c_db" cat /proc/1/status | awk '$1 == "Name:" { print $2 }')" == postgres ]] \
  && ok "postgres runs as PID 1" || fail "PID 1 of $c_db is not postgres"
[[ "$(docker exec "$c_db" cat /proc/1/status | awk '$1 == "Uid:" { print $2 }')" != 0 ]] \
  && ok "postgres runs as a non-root user" || fail "postgres runs as root"

# the data outlives the container's process: a restart skips initialisation and keeps the database
psql_db 'create table shoal_probe (n int); insert into shoal_probe values (42)' >/dev/null
docker restart -t 20 "$c_db" >/dev/null
wait_for 60 "postgres accepts connections after a restart" psql_db 'select 1'
logs_contain "$c_db" "already holds a database; skipping initialization" && ok "restart: initialisation skipped" || fail "restart: initialised again"
[[ "$(psql_db 'select n from shoal_probe')" == 42 ]] && ok "restart: data kept in the volume" || fail "restart: data lost"

adminer_port=$(host_port "$c_adminer" 8080)
[[ -n "$adminer_port" ]] || die "no host port published for $c_adminer"
say "adminer on host port $adminer_port"
adminer=http://127.0.0.1:$adminer_port
wait_for 30 "adminer answers" curl -sf --max-time 5 -o /dev/null "$adminer/"

# Adminer's login: GET / gives the adminer_sid session and adminer_key cookies; POST the auth[] form to /
# with them; success answers 302 to ?pgsql=SERVER&username=USER, which then lists the databases.
login() { # PASSWORD -> the page after the login (redirects followed)
  : >"$jar"
  curl -sS --max-time 20 -c "$jar" -b "$jar" -o /dev/null "$adminer/"
  curl -sS --max-time 20 -L -c "$jar" -b "$jar" \
    --data-urlencode 'auth[driver]=pgsql' --data-urlencode 'auth[server]=db' \
    --data-urlencode 'auth[username]=dameng' --data-urlencode "auth[password]=$1" \
    --data-urlencode 'auth[db]=' "$adminer/"
}
page=$(login wrong-password)
if [[ "$page" == *"password authentication failed"* && "$page" == *"<h2>Login</h2>"* ]]; then
  ok "adminer: a wrong password is refused"
else fail "adminer: a wrong password was not refused"; fi

page=$(login pythonic)
if [[ "$page" == *"Invalid credentials"* || "$page" == *"<div class='error'>"* ]]; then
  fail "adminer: login failed: $(grep -o "<div class='error'>[^<]*" <<<"$page")"
elif [[ "$page" == *"Select database"* && "$page" == *"Logged as: <b>dameng</b>"* \
  && "$page" == *">dameng</a>"* && "$page" == *">postgres</a>"* ]]; then
  ok "adminer: logged in to db as dameng; databases dameng and postgres listed"
else fail "adminer: the page after login is not the database list"; fi

# a state-changing request needs the page's CSRF token (the hidden `token` field): log out with it
token=$(grep -o "name='token' value='[^']*'" <<<"$page" | tail -n 1 | sed "s/.*value='//; s/'$//")
if [[ -z "$token" ]]; then
  fail "adminer: no CSRF token on the logged-in page"
else
  page=$(curl -sS --max-time 20 -L -c "$jar" -b "$jar" --data-urlencode 'logout=Logout' \
    --data-urlencode "token=$token" "$adminer/?pgsql=db&username=dameng")
  [[ "$page" == *"Logout successful."* ]] && ok "adminer: logout with the CSRF token" || fail "adminer: logout failed"
fi

if ((failures)); then
  say "$failures check(s) failed"
  exit 1
fi
say "all checks passed"
