#!/bin/bash
# Regenerates NAME.expected.yml / NAME.expected.err from the docker CLI for every case here.
set -u
cd "$(dirname "$0")"
cases=$(pwd)
S=$(mktemp -d)/scratch
for f in *.yml; do
  case "$f" in *.override.yml|*.expected.yml) continue;; esac
  n=${f%.yml}
  rm -rf $S; mkdir -p $S/work; cp "$f" app.env $S/work/ 2>/dev/null
  args=(-c "$f")
  if [ -f "$n.override.yml" ]; then cp "$n.override.yml" $S/work/; args+=(-c "$n.override.yml"); fi
  (cd $S/work && env -i HOME=/home/foo PATH=$PATH N=5 EMPTY= TRUE_WORD=on FROM_ENV=from_env BARE_FROM_ENV=bare QUX=qux_env \
     docker stack config "${args[@]}" >$S/out 2>$S/err; echo $? > $S/rc)
  rm -f "$cases/$n.expected.yml" "$cases/$n.expected.err"
  sed -i "s#$S/work#/WORKDIR#g; s#$S#/WORKPARENT#g" $S/out $S/err
  sed -i 's/^time="[^"]*" //' $S/err
  if [ "$(cat $S/rc)" = 0 ]; then cp $S/out "$cases/$n.expected.yml"; fi
  if [ -s $S/err ]; then cp $S/err "$cases/$n.expected.err"; fi
  echo "$n rc=$(cat $S/rc) $(head -c 150 $S/err | tr '\n' ' ')"
done
