#!/usr/bin/env bash
# Builds the images the tutorial's stacks name (examples/), without any registry, from Debian packages:
#
#   friendlyhello:latest  python3 + python3-flask + python3-redis, examples/friendlyhello in /app,
#                         `python` = python3, CMD ["python", "app.py"], port 5000, NAME=World
#   redis:latest          redis-server in the foreground on all interfaces, protected mode off, port 6379
#   postgres:latest       PostgreSQL with an entrypoint like the official image's (POSTGRES_USER,
#                         POSTGRES_PASSWORD, POSTGRES_DB; logins from other hosts), port 5432
#   adminer:latest        Adminer on PHP's built-in server with pgsql, port 8080
#
# How: one `debootstrap --variant=minbase` root file system is cached as a tar (SHOAL_IMAGES_CACHE,
# default /var/cache/shoal-images/<suite>-base.tar); each image unpacks it, `chroot … apt-get install
# --no-install-recommends` its packages, and is imported with `docker import --change …`. Every image
# carries the hash of its recipe in the label dev.shoal.recipe; an image whose label matches the
# current recipe is not rebuilt. Needs root (debootstrap, chroot), a Docker Engine and Debian's package
# mirrors (http); installs debootstrap with apt when missing. See docs/examples.md.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

usage() {
  cat <<'EOF'
usage: docker/build-example-images.sh [--force] [--rebuild-base] [-v] [IMAGE...]

Builds friendlyhello, redis, postgres and adminer (all :latest) offline from registries, from Debian
packages (debootstrap + chroot + docker import). IMAGE names a subset (default: all four).

  --force         rebuild the images even when their recipe label matches
  --rebuild-base  debootstrap the cached base file system again (implies --force)
  -v, --verbose   show debootstrap/apt output instead of logging it to the cache directory
  -h, --help      this text

Environment: SHOAL_IMAGES_CACHE (default /var/cache/shoal-images), SHOAL_DEBIAN_SUITE (bookworm),
SHOAL_DEBIAN_MIRROR (http://deb.debian.org/debian), SHOAL_DEBIAN_SECURITY_MIRROR
(http://deb.debian.org/debian-security; "none" leaves the security suite out). DOCKER_HOST is honoured.
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cache=${SHOAL_IMAGES_CACHE:-/var/cache/shoal-images}
suite=${SHOAL_DEBIAN_SUITE:-bookworm}
mirror=${SHOAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${SHOAL_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
all_images=(friendlyhello redis postgres adminer)

say() { echo "build-example-images: $*" >&2; }
die() { echo "build-example-images: ERROR: $*" >&2; exit 1; }

force=false rebuild_base=false verbose=false images=()
while (($#)); do
  case "$1" in
    --force) force=true ;;
    --rebuild-base) rebuild_base=true force=true ;;
    -v | --verbose) verbose=true ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option $1" ;;
    *)
      [[ " ${all_images[*]} " == *" ${1%:latest} "* ]] || { usage >&2; die "unknown image $1 (one of: ${all_images[*]})"; }
      images+=("${1%:latest}") ;;
  esac
  shift
done
((${#images[@]})) || images=("${all_images[@]}")

[[ $EUID -eq 0 ]] || die "must run as root (debootstrap and chroot need it)"
command -v docker >/dev/null 2>&1 || die "the docker CLI is missing (bash docker/ci/ensure-engine.sh installs it)"
timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker Engine answers (bash docker/ci/ensure-engine.sh starts one)"

mkdir -p "$cache/logs"
# One build at a time per cache: concurrent runs wait here rather than debootstrap twice.
exec 9>"$cache/.lock"
flock -w 1800 9 || die "another build holds $cache/.lock for more than 30 minutes"

work_dirs=()
cleanup() {
  local d
  for d in "${work_dirs[@]}"; do
    # nothing is ever mounted inside; --one-file-system guards against deleting through a mount anyway
    [[ -n "$d" && -d "$d" ]] && rm -rf --one-file-system "$d"
  done
  return 0
}
trap cleanup EXIT

log_file=/dev/null
# step DESCRIPTION COMMAND...: runs the command with its output in the current log (or the terminal
# with -v); on failure names the step, shows the log's tail and exits.
step() {
  local what=$1; shift
  if $verbose; then
    "$@" || die "$what failed (exit $?)"
  else
    echo "=== $what: $*" >>"$log_file"
    local rc=0
    "$@" >>"$log_file" 2>&1 || rc=$?
    if ((rc != 0)); then
      echo "----- last lines of $log_file -----" >&2
      tail -n 30 "$log_file" >&2 || true
      die "$what failed (exit $rc); full log: $log_file"
    fi
  fi
}

in_chroot() { local dir=$1; shift; chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  DEBIAN_FRONTEND=noninteractive LC_ALL=C HOME=/root "$@"; }
apt_opts=(-o Acquire::Retries=3 -o Acquire::http::Timeout=60 -o APT::Install-Recommends=false
  -o APT::Install-Suggests=false -o Dpkg::Use-Pty=0)

# ---------------------------------------------------------------------------------------------------
# The base: debootstrap once, cached as a tar with its recipe beside it.

base_tar=$cache/$suite-base.tar
base_recipe_text() {
  cat <<EOF
debootstrap --variant=minbase $suite $mirror
sources: $suite $suite-updates main${security_mirror:+ / $security_mirror $suite-security main}
dpkg path-exclude: /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/lintian/*
apt-get upgrade (updates and security fixes at the time the base is made)
version 2
EOF
}
base_recipe=$(base_recipe_text | sha256sum | cut -c1-64)

write_base_config() {
  local dir=$1
  {
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [[ "$security_mirror" == none ]] || echo "deb $security_mirror $suite-security main"
  } >"$dir/etc/apt/sources.list"
  # as Debian's slim images: no documentation, manuals or translations (copyrights stay)
  cat >"$dir/etc/dpkg/dpkg.cfg.d/shoal-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
  find "$dir/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$dir/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$dir/usr/share/man/"* "$dir/usr/share/info/"* "$dir/usr/share/lintian/"*
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
}

ensure_base() {
  if ! $rebuild_base && [[ -s "$base_tar" && "$(cat "$base_tar.recipe" 2>/dev/null)" == "$base_recipe" ]]; then
    say "base: cached $base_tar"
    return
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap (apt)"
    log_file=$cache/logs/apt-debootstrap.log; : >"$log_file"
    step "apt-get update" apt-get update -q
    step "apt-get install debootstrap" apt-get install -y -q debootstrap </dev/null
  fi
  log_file=$cache/logs/base.log; : >"$log_file"
  say "base: debootstrap --variant=minbase $suite from $mirror (log: $log_file)"
  local dir t0=$SECONDS
  dir=$(mktemp -d "$cache/base.XXXXXX"); work_dirs+=("$dir")
  mkdir -p "$cache/debs"
  step "debootstrap" timeout 1800 debootstrap --variant=minbase --cache-dir="$cache/debs" "$suite" "$dir" "$mirror"
  step "base configuration" write_base_config "$dir"
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf" || die "cannot copy /etc/resolv.conf into the chroot"
  step "apt-get update" in_chroot "$dir" apt-get "${apt_opts[@]}" -q update
  step "apt-get upgrade" in_chroot "$dir" apt-get "${apt_opts[@]}" -q -y upgrade
  step "apt-get clean" in_chroot "$dir" apt-get clean
  rm -f "$dir/etc/resolv.conf"
  rm -rf "$dir/var/lib/apt/lists/"* "$dir/var/log/"*.log "$dir/var/cache/apt/"*.bin
  step "base tar" tar --numeric-owner -C "$dir" -cf "$base_tar.tmp" .
  mv -f "$base_tar.tmp" "$base_tar"
  echo "$base_recipe" >"$base_tar.recipe"
  rm -rf --one-file-system "$dir"
  say "base: cached $base_tar in $((SECONDS - t0)) s ($(du -h "$base_tar" | cut -f1))"
}

# ---------------------------------------------------------------------------------------------------
# The images. image_def NAME sets:
#   pkgs     Debian packages to install (--no-install-recommends)
#   files    "SOURCE DEST MODE" lines: files of this repository copied into the root file system
#   setup    a bash script run in the chroot after the packages and files are in place
#   changes  docker import --change instructions (the recipe label is added to them)
# The recipe hash covers the base recipe, all of these and the content of every copied file.

image_def() {
  pkgs=() files=() changes=() setup=''
  case "$1" in
    friendlyhello)
      # the tutorial's Dockerfile: FROM python:3.7-slim, WORKDIR /app, COPY . /app, pip install flask
      # redis, EXPOSE 5000, ENV NAME World, CMD ["python", "app.py"] — here with Debian's packages
      pkgs=(python3 python3-flask python3-redis python-is-python3)
      files=("examples/friendlyhello/app.py /app/app.py 0644"
        "examples/friendlyhello/Dockerfile /app/Dockerfile 0644"
        "examples/friendlyhello/docker-stack.yaml /app/docker-stack.yaml 0644")
      setup='python --version; python -c "import flask, redis"'
      changes=('WORKDIR /app' 'EXPOSE 5000' 'ENV NAME=World' 'ENV PYTHONUNBUFFERED=1'
        'CMD ["python", "app.py"]')
      ;;
    redis)
      pkgs=(redis-server)
      files=("docker/images/redis/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh 0755")
      setup='
        id redis
        mkdir -p /data && chown redis:redis /data
        command -v setpriv redis-server redis-cli'
      changes=('VOLUME /data' 'WORKDIR /data' 'EXPOSE 6379'
        'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["redis-server"]')
      ;;
    postgres)
      pkgs=(postgresql)
      files=("docker/images/postgres/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh 0755")
      # like the official image: no cluster made by the package (the entrypoint makes one in $PGDATA)
      setup='
        id postgres
        rm -rf /var/lib/postgresql/[0-9]* /etc/postgresql/[0-9]*
        mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d
        chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
        chmod 0700 /var/lib/postgresql/data
        chmod 3777 /var/run/postgresql
        test -x /usr/lib/postgresql/'"$pg_major"'/bin/postgres
        command -v setpriv'
      changes=("ENV PATH=/usr/lib/postgresql/$pg_major/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        'ENV PGDATA=/var/lib/postgresql/data' 'ENV LANG=C.UTF-8' "ENV PG_MAJOR=$pg_major"
        'VOLUME /var/lib/postgresql/data' 'EXPOSE 5432'
        'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]')
      ;;
    adminer)
      # Debian's adminer package depends on a web server SAPI (libapache2-mod-php first); like the official
      # image we serve adminer.php with PHP's built-in server, so only the file is taken from the package
      pkgs=(php-cli php-pgsql)
      setup='
        cd /tmp
        apt-get download adminer
        dpkg-deb --fsys-tarfile adminer_*.deb | tar -x ./usr/share/adminer/adminer.php
        mkdir -p /var/www/html
        install -m 0644 usr/share/adminer/adminer.php /var/www/html/adminer.php
        printf "%s\n" "<?php" "require \"adminer.php\";" >/var/www/html/index.php
        rm -rf /tmp/usr /tmp/adminer_*.deb
        useradd --system --uid 1000 --user-group --home-dir /var/www/html --no-create-home adminer
        php -m | grep -x pgsql
        php -l /var/www/html/adminer.php'
      changes=('WORKDIR /var/www/html' 'EXPOSE 8080' 'USER adminer'
        'CMD ["php", "-S", "0.0.0.0:8080", "-t", "/var/www/html"]')
      ;;
    *) die "no recipe for image $1" ;;
  esac
}

# The PostgreSQL major version of the suite (its binaries live in /usr/lib/postgresql/<major>/bin).
case "$suite" in
  bookworm) pg_major=15 ;;
  trixie) pg_major=17 ;;
  *) pg_major=${SHOAL_PG_MAJOR:?set SHOAL_PG_MAJOR for suite $suite} ;;
esac

recipe_of() {
  local name=$1 line src
  image_def "$name"
  {
    echo "base $base_recipe"
    echo "image $name"
    echo "packages ${pkgs[*]}"
    printf 'change %s\n' "${changes[@]}"
    echo "setup $setup"
    for line in "${files[@]}"; do
      read -r src _ <<<"$line"
      echo "file $line $(sha256sum <"$root/$src" | cut -c1-64)"
    done
    echo "cleanup version 1"
  } | sha256sum | cut -c1-64
}

build_image() {
  local name=$1 tag=$1:latest recipe current dir line src dest mode c
  recipe=$(recipe_of "$name")
  image_def "$name"   # pkgs, files, setup, changes (recipe_of ran in a subshell)
  current=$(docker image inspect -f '{{index .Config.Labels "dev.shoal.recipe"}}' "$tag" 2>/dev/null || true)
  if ! $force && [[ "$current" == "$recipe" ]]; then
    say "$tag: up to date (recipe ${recipe:0:12})"
    return
  fi
  local t0=$SECONDS
  log_file=$cache/logs/$name.log; : >"$log_file"
  say "$tag: building (recipe ${recipe:0:12}; log: $log_file)"
  for line in "${files[@]}"; do
    read -r src _ <<<"$line"
    [[ -f "$root/$src" ]] || die "$tag: $root/$src is missing"
  done

  dir=$(mktemp -d "$cache/$name.XXXXXX"); work_dirs+=("$dir")
  step "unpack base" tar --numeric-owner -xpf "$base_tar" -C "$dir"
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf" || die "cannot copy /etc/resolv.conf into the chroot"
  # no daemon is started by package scripts in the chroot
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod 0755 "$dir/usr/sbin/policy-rc.d"
  step "apt-get update" in_chroot "$dir" apt-get "${apt_opts[@]}" -q update
  step "apt-get install ${pkgs[*]}" in_chroot "$dir" apt-get "${apt_opts[@]}" -q -y install "${pkgs[@]}"
  for line in "${files[@]}"; do
    read -r src dest mode <<<"$line"
    step "copy $src" install -D -m "$mode" "$root/$src" "$dir$dest"
  done
  step "setup" in_chroot "$dir" /bin/bash -euxo pipefail -c "$setup"
  step "apt-get clean" in_chroot "$dir" apt-get clean
  rm -rf "$dir/var/lib/apt/lists/"* "$dir/var/cache/apt/"*.bin "$dir/var/log/"*.log "$dir/var/log/apt/"* \
    "$dir/var/cache/debconf/"*-old "$dir/var/lib/dpkg/"*-old "$dir/usr/sbin/policy-rc.d" "$dir/etc/resolv.conf" \
    "$dir/root/.cache"

  local args=()
  for c in "${changes[@]}"; do args+=(--change "$c"); done
  args+=(--change "LABEL dev.shoal.recipe=$recipe" --change "LABEL dev.shoal.example-image=$name")
  # shellcheck disable=SC2016  # expanded by the inner bash
  step "docker import $tag" bash -o pipefail -c 'tar --numeric-owner -C "$1" -c . | docker import "${@:3}" - "$2"' \
    _ "$dir" "$tag" "${args[@]}"
  rm -rf --one-file-system "$dir"
  [[ "$(docker image inspect -f '{{index .Config.Labels "dev.shoal.recipe"}}' "$tag")" == "$recipe" ]] \
    || die "$tag: imported image does not carry recipe $recipe"
  say "$tag: built in $((SECONDS - t0)) s ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
}

start=$SECONDS
ensure_base
for name in "${images[@]}"; do
  build_image "$name"
done
say "done in $((SECONDS - start)) s: ${images[*]/%/:latest}"
