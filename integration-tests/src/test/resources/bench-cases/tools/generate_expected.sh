#!/bin/bash
# Regenerates ../CASE/expected.json.gz with BuildKit (dockerd of shared/bench/reference-env.sh): imgdump's summary of
# what each case adds to busybox. The base is 127.0.0.1:5000/busybox-jbuild:latest, the reference busybox with the
# config of jbuild's test image (Env PATH, WorkingDir /), which conformance/buildah/tools/generate_expected_busybox.sh
# makes; the reference's own busybox (`docker import`) has no WorkingDir, so every case would inherit a difference.
# Usage: src/test/resources/bench-cases/tools/generate_expected.sh SHARED_DIR [CASE...]   (default: steps manyfiles)
set -euo pipefail
shared=$1; shift
here=$(cd "$(dirname "$0")/.." && pwd)
base=${BASE:-127.0.0.1:5000/busybox-jbuild:latest}
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=(steps manyfiles)
for c in "${cases[@]}"; do
  python3 "$shared/tools/imgdump.py" buildkit "$here/$c" --build-arg "BASE=$base" --base "$base" | gzip -n9 > "$here/$c/expected.json.gz"
  echo "$c: $here/$c/expected.json.gz"
done
