#!/bin/bash
# bench/run.sh SHARED_DIR: times jbuild and BuildKit side by side, in one run, on the cases jbuild can build
# today, prints seconds and the jbuild/BuildKit ratio, then checks that both builders made the same image.
# BuildKit is dockerd's builder, set up by SHARED_DIR/bench/reference-env.sh (run it first; it needs root and
# a few minutes the first time), which also serves the cases' base images on 127.0.0.1:5000.
#
# Cases: scratch-context (bench/cases, on the 200 MiB context of SHARED_DIR/bench/cases/context) and the RUN
# cases steps, manyfiles and debian-apt of SHARED_DIR/bench/cases, FROM the registry's busybox and debian.
# Phases: cold (no cache: BuildKit's builder cache pruned, a fresh jbuild state root, so jbuild also pulls
# the base), warm (the same build again; jbuild has no build cache yet, so its warm build is a full rebuild),
# touch (context case only: one context file changed).
# Same image: one more (untimed) jbuild build to an OCI tarball and `docker save` of BuildKit's, both
# summarized by SHARED_DIR/tools/imgdump.py (files and config; with --base, only what the case adds to its
# base image) and diffed; files whose content is random by design are left out of the comparison.
set -euo pipefail
shared=${1:?usage: bench/run.sh SHARED_DIR}
shared=$(cd "$shared" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
DOCKER=${DOCKER:-/usr/bin/docker}
REGISTRY=127.0.0.1:5000
imgdump="$shared/tools/imgdump.py"
if ! "$DOCKER" info >/dev/null 2>&1; then
  echo "bench: no dockerd answers; run $shared/bench/reference-env.sh first (BuildKit is the reference)" >&2
  exit 1
fi
if ! curl -sf "http://$REGISTRY/v2/" >/dev/null; then
  echo "bench: no registry on $REGISTRY; run $shared/bench/reference-env.sh first (it serves the base images)" >&2
  exit 1
fi
work=$(mktemp -d /tmp/jbuild-bench.XXXXXX)
ctx=/tmp/bench-context
[ -d "$ctx/big" ] || sh "$shared/bench/cases/context/make-context.sh" "$ctx" >/dev/null

daemon_cp="$top/daemon/target/jbuild-daemon-0.1.0-SNAPSHOT.jar:$top/daemon/target/lib/*"
client_cp="$top/client/target/jbuild-client-0.1.0-SNAPSHOT.jar:$top/client/target/lib/*"
daemon=
start_daemon() {
  rm -rf "$work/root" "$work/d.sock"
  java -cp "$daemon_cp" dev.jbuild.daemon.Main --root "$work/root" --addr "unix://$work/d.sock" \
    >"$work/daemon.log" 2>&1 &
  daemon=$!
  for _ in $(seq 150); do [ -S "$work/d.sock" ] && return; sleep 0.2; done
  echo "bench: jbuildd did not start" >&2; cat "$work/daemon.log" >&2; exit 1
}
stop_daemon() { [ -z "$daemon" ] || { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; }; daemon=; }
trap 'stop_daemon; rm -rf "$work"' EXIT

# case -> Dockerfile, context, base image (empty: FROM scratch), paths imgdump leaves out
dockerfile() { case $1 in scratch-context) echo "$here/cases/$1/Dockerfile";; *) echo "$shared/bench/cases/$1/Dockerfile";; esac; }
context() { case $1 in scratch-context) echo "$ctx";; *) echo "$shared/bench/cases/$1";; esac; }
base() {
  case $1 in
    steps|manyfiles) echo "$REGISTRY/busybox:latest";;
    debian-apt) echo "$REGISTRY/debian:bookworm";;
  esac
}
ignored() { case $1 in manyfiles) echo /data/blob;; esac; } # 64 MiB from /dev/urandom
phases() { case $1 in scratch-context) echo cold warm touch;; *) echo cold warm;; esac; }

build_args() { local b; b=$(base "$1"); [ -z "$b" ] || printf -- '--build-arg\nBASE=%s\n' "$b"; }
secs() { local s e; s=$(date +%s.%N); "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
jb() {
  local c=$1; shift
  mapfile -t args < <(build_args "$c")
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$client_cp" dev.jbuild.client.Main build \
    --host "unix://$work/d.sock" --progress plain "${args[@]}" -f "$(dockerfile "$c")" "$@" "$(context "$c")"
}
bk() {
  local c=$1; shift
  mapfile -t args < <(build_args "$c")
  DOCKER_BUILDKIT=1 "$DOCKER" build --network=host "${args[@]}" -f "$(dockerfile "$c")" "$@" "$(context "$c")"
}

# Both images summarized by imgdump and diffed; prints yes, or no and the differences.
same_image() {
  local c=$1 b base_opt=() ignore_opt=() p
  b=$(base "$c"); [ -z "$b" ] || base_opt=(--base "$b")
  for p in $(ignored "$c"); do ignore_opt+=(--ignore "$p"); done
  jb "$c" --output "type=oci,dest=$work/jb-$c.tar" >"$work/check.log" 2>&1 || { echo "no (jbuild failed)"; return; }
  "$DOCKER" save -o "$work/bk-$c.tar" "bench-$c" || { echo "no (docker save failed)"; return; }
  python3 "$imgdump" oci "$work/jb-$c.tar" "${base_opt[@]}" >"$work/jb-$c.json" &&
    python3 "$imgdump" docker-archive "$work/bk-$c.tar" "${base_opt[@]}" >"$work/bk-$c.json" ||
    { echo "no (imgdump.py failed)"; return; }
  if python3 "$imgdump" diff "$work/jb-$c.json" "$work/bk-$c.json" "${ignore_opt[@]}" >"$work/diff-$c.txt"; then
    echo "yes$(for p in $(ignored "$c"); do printf " (%s left out: random content)" "$p"; done)"
  else
    echo "no:"; sed 's/^/    /' "$work/diff-$c.txt" | cut -c1-300 | head -20
  fi
  rm -f "$work/jb-$c.tar" "$work/bk-$c.tar"
}

cases=${BENCH_CASES:-scratch-context steps manyfiles debian-apt}
printf '%-16s %-6s %10s %10s %8s\n' case phase jbuild buildkit ratio
declare -A same
for c in $cases; do
  "$DOCKER" builder prune -af >/dev/null 2>&1; "$DOCKER" rmi -f "bench-$c" >/dev/null 2>&1 || true
  start_daemon
  for phase in $(phases "$c"); do
    if [ "$phase" = touch ]; then echo "changed $(date +%s%N)" > "$ctx/small/s5.txt"; fi
    b=$(secs bk "$c" -t "bench-$c")
    j=$(secs jb "$c" -t "bench-$c")
    note=; [ "$phase" = cold ] || note="  (jbuild: no build cache yet, a full rebuild)"
    printf '%-16s %-6s %10.2f %10.2f %8.2f%s\n' "$c" "$phase" "$j" "$b" "$(echo "$j / $b" | bc -l)" "$note"
  done
  same[$c]=$(same_image "$c")
  stop_daemon
done
echo
echo "same files and config as BuildKit (imgdump.py; FROM a registry image: what the case adds to it):"
for c in $cases; do printf '%-16s %s\n' "$c" "${same[$c]}"; done
