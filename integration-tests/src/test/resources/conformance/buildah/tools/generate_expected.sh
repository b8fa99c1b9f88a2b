#!/bin/bash
# Regenerates expected/<slug>.json with BuildKit (dockerd, see shared/bench/reference-env.sh) from the contexts
# the test itself builds: MaterializeCases writes them, imgdump.py buildkit builds and summarizes each one.
# A case BuildKit refuses gets imgdump's {"error": [...]} document (imgdump exit 3) instead of a summary.
# Usage (from integration-tests/, after `mvn -o -q -pl integration-tests -am test-compile`):
#   src/test/resources/conformance/buildah/tools/generate_expected.sh SHARED_DIR OUT_DIR [SLUG...]
set -euo pipefail
shared=$1; out=$2; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
m2=${M2_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core
cp=target/test-classes:$(ls "$m2"/jackson-databind/2.23.0/*.jar):$(ls "$m2"/jackson-core/2.23.0/*.jar)
cp=$cp:$(ls "$m2"/jackson-annotations/2.23*/*.jar | head -1)
rm -rf "$out/contexts" && mkdir -p "$out/contexts" "$out/expected"
java -cp "$cp" dev.jbuild.it.conformance.MaterializeCases "$out/contexts" "$@" > "$out/cases.tsv"
while IFS=$'\t' read -r slug ctx dockerfile args; do
  bargs=()
  if [ "$args" != "-" ]; then IFS=';' read -ra kv <<< "$args"; for a in "${kv[@]}"; do bargs+=(--build-arg "$a"); done; fi
  rc=0
  python3 "$shared/tools/imgdump.py" buildkit "$ctx" -f "$dockerfile" "${bargs[@]}" > "$out/expected/$slug.json" || rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "imgdump failed for $slug (exit $rc)" >&2; exit 1; }
  echo "$slug rc=$rc"
done < "$out/cases.tsv"
echo "summaries in $out/expected; copy them to $here/expected/ once checked"
