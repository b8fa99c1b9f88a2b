#!/bin/bash
# Regenerates ../expected.json with BuildKit (dockerd of shared/bench/reference-env.sh, which serves the reference
# busybox as 127.0.0.1:5000/busybox:latest) from the context the test itself builds (BusyboxCopyCase writes it).
# Usage (from integration-tests/, after `mvn -q -pl integration-tests -am test-compile`):
#   src/test/resources/conformance/busybox-copy/tools/generate_expected.sh SHARED_DIR OUT_DIR
set -euo pipefail
shared=$1; out=$2
base=${BASE:-127.0.0.1:5000/busybox:latest}
rm -rf "$out/context" && mkdir -p "$out"
java -cp target/test-classes dev.jbuild.it.conformance.BusyboxCopyCase "$out/context" >/dev/null
python3 "$shared/tools/imgdump.py" buildkit "$out/context" --build-arg "BUSYBOX=$base" --base "$base" > "$out/expected.json"
echo "summary in $out/expected.json; copy it to $(cd "$(dirname "$0")/.." && pwd)/expected.json once checked"
