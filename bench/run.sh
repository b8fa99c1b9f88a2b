#!/bin/bash
# bench/run.sh SHARED_DIR: times jbuild and BuildKit side by side, in one run, on the cases jbuild can build
# today, and prints seconds and the jbuild/BuildKit ratio. BuildKit is dockerd's builder, set up by
# SHARED_DIR/bench/reference-env.sh (run it first; it needs root and a few minutes the first time).
# Phases: cold (no cache: BuildKit's builder cache pruned, a fresh jbuild state root), warm (the same build
# again), touch (one context file changed).
set -euo pipefail
shared=${1:?usage: bench/run.sh SHARED_DIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
DOCKER=${DOCKER:-/usr/bin/docker}
if ! "$DOCKER" info >/dev/null 2>&1; then
  echo "bench: no dockerd answers; run $shared/bench/reference-env.sh first (BuildKit is the reference)" >&2
  exit 1
fi
work=$(mktemp -d /tmp/jbuild-bench.XXXXXX)
ctx=/tmp/bench-context
[ -d "$ctx/big" ] || sh "$shared/bench/cases/context/make-context.sh" "$ctx" >/dev/null

daemon_cp="$top/daemon/target/jbuild-daemon-0.1.0-SNAPSHOT.jar:$top/daemon/target/lib/*"
client_cp="$top/client/target/jbuild-client-0.1.0-SNAPSHOT.jar:$top/client/target/lib/*"
start_daemon() {
  rm -rf "$work/root"
  java -cp "$daemon_cp" dev.jbuild.daemon.Main --root "$work/root" --addr "unix://$work/d.sock" \
    >"$work/daemon.log" 2>&1 &
  daemon=$!
  for _ in $(seq 150); do [ -S "$work/d.sock" ] && return; sleep 0.2; done
  echo "bench: jbuildd did not start" >&2; cat "$work/daemon.log" >&2; exit 1
}
stop_daemon() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; }
trap 'stop_daemon; rm -rf "$work"' EXIT

secs() { local s e; s=$(date +%s.%N); "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
jb() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$client_cp" dev.jbuild.client.Main build \
  --host "unix://$work/d.sock" --progress plain -t "bench-$1" -f "$2" "$3"; }
bk() { DOCKER_BUILDKIT=1 "$DOCKER" build --network=host -t "bench-$1" -f "$2" "$3"; }

printf '%-16s %-6s %10s %10s %8s\n' case phase jbuild buildkit ratio
for c in scratch-context; do
  df=$here/cases/$c/Dockerfile
  "$DOCKER" builder prune -af >/dev/null 2>&1; "$DOCKER" rmi -f "bench-$c" >/dev/null 2>&1 || true
  start_daemon
  for phase in cold warm touch; do
    if [ "$phase" = touch ]; then echo "changed $(date +%s%N)" > "$ctx/small/s5.txt"; fi
    b=$(secs bk "$c" "$df" "$ctx")
    j=$(secs jb "$c" "$df" "$ctx")
    printf '%-16s %-6s %10.2f %10.2f %8.2f\n' "$c" "$phase" "$j" "$b" "$(echo "$j / $b" | bc -l)"
  done
  stop_daemon
done
