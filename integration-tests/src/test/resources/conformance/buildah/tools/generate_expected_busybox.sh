#!/bin/bash
# Regenerates expected-busybox/<slug>.json with BuildKit (dockerd of shared/bench/reference-env.sh) from the contexts
# the busybox test itself builds: MaterializeCases --busybox writes them with every upstream base replaced by
# "busybox", imgdump.py buildkit builds each one and keeps only what differs from the reference busybox (--base).
# A case BuildKit refuses gets imgdump's {"error": [...]} document (imgdump exit 3) instead of a summary.
#
# What "busybox" is here (README "Busybox cases"): the reference busybox with the config of jbuild's busybox test
# image, 127.0.0.1:5000/busybox-jbuild:latest, made by BuildKit from 127.0.0.1:5000/busybox:latest (the same single
# layer; adds Env PATH=... and WorkingDir /), pushed, and tagged busybox:latest in the reference dockerd, whose
# builder takes a local image before asking docker.io (which it cannot reach). The test gets the same name through
# a docker.io mirror, so both sides build the same Dockerfile text.
# Usage (from integration-tests/, after `mvn -q -pl integration-tests -am test-compile`):
#   src/test/resources/conformance/buildah/tools/generate_expected_busybox.sh SHARED_DIR OUT_DIR [SLUG...]
set -euo pipefail
shared=$1; out=$2; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
docker=${DOCKER:-/usr/bin/docker}
busybox=127.0.0.1:5000/busybox:latest
base=127.0.0.1:5000/busybox-jbuild:latest
m2=${M2_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core
cp=target/test-classes:$(ls "$m2"/jackson-databind/2.23.0/*.jar):$(ls "$m2"/jackson-core/2.23.0/*.jar)
cp=$cp:$(ls "$m2"/jackson-annotations/2.23*/*.jar | head -1)

mkdir -p "$out/base"
printf 'FROM %s\nENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nWORKDIR /\n' "$busybox" \
  > "$out/base/Dockerfile"
DOCKER_BUILDKIT=1 "$docker" build -q --network=host -t "$base" "$out/base" >/dev/null
"$docker" push -q "$base" >/dev/null
"$docker" tag "$base" busybox:latest

rm -rf "$out/contexts" && mkdir -p "$out/contexts" "$out/expected-busybox"
java -cp "$cp" dev.jbuild.it.conformance.MaterializeCases --busybox busybox "$out/contexts" "$@" > "$out/cases.tsv"
while IFS=$'\t' read -r slug ctx dockerfile args; do
  bargs=()
  if [ "$args" != "-" ]; then IFS=';' read -ra kv <<< "$args"; for a in "${kv[@]}"; do bargs+=(--build-arg "$a"); done; fi
  rc=0
  python3 "$shared/tools/imgdump.py" buildkit "$ctx" -f "$dockerfile" "${bargs[@]}" --base "$busybox" \
    > "$out/expected-busybox/$slug.json" || rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "imgdump failed for $slug (exit $rc)" >&2; exit 1; }
  echo "$slug rc=$rc"
done < "$out/cases.tsv"
echo "summaries in $out/expected-busybox; copy them to $here/expected-busybox/ once checked"
