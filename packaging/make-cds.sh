#!/bin/sh
# make-cds.sh JBUILD_HOME — run once at install time, after lib/client is in place (and again whenever
# its jars change: an archive made for other jars is silently ignored by the JVM).
#  1. Moves Netty's epoll library out of its jar into lib/client/native, so that it is loaded from
#     java.library.path rather than extracted to a temp dir at every start.
#  2. Records the classes a typical run loads into an AppCDS archive (lib/client/jbuild-client.jsa).
set -e
JBUILD_HOME=${1:?usage: make-cds.sh JBUILD_HOME}
JBUILD_HOME=$(cd "$JBUILD_HOME" && pwd)
LIB="$JBUILD_HOME/lib/client"
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

mkdir -p "$LIB/native"
for jar in "$LIB"/netty-transport-native-epoll-*-linux-x86_64.jar; do
  [ -f "$jar" ] || continue
  # jar (from the JDK that built jbuild) rather than unzip, which a fresh machine may lack
  (cd "$LIB/native" && jar xf "$jar" META-INF/native && mv META-INF/native/*.so . && rm -rf META-INF)
  # Kept out of the class path: Netty would find the library inside it and copy it to /tmp again.
  mkdir -p "$JBUILD_HOME/lib/client-native-jars"
  mv "$jar" "$JBUILD_HOME/lib/client-native-jars/"
done

rm -f "$LIB/jbuild-client.jsa"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ctx"
printf 'FROM scratch\nCOPY . /\n' > "$work/ctx/Dockerfile"
printf 'secret\n!keep\n' > "$work/ctx/.dockerignore"
# A real build against a throw-away daemon loads what every run loads: the CLI, the request, the ignore
# rules, gRPC and Netty, the context upload, the progress renderer and the output writer.
"$JBUILD_HOME/bin/jbuildd" --root "$work/root" --addr "unix://$work/d.sock" >"$work/daemon.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null || true; rm -rf "$work"' EXIT
for i in $(seq 150); do [ -S "$work/d.sock" ] && break; sleep 0.2; done
printf 'hello\n' > "$work/ctx/hello.txt"
HOME="$work" JBUILD_JAVA_OPTS="-XX:ArchiveClassesAtExit=$LIB/jbuild-client.jsa" \
  JBUILD_HOME="$JBUILD_HOME" sh "$JBUILD_HOME/bin/jbuild" build --progress plain -t cds \
  --output "type=oci,dest=$work/out.tar" --host "unix://$work/d.sock" "$work/ctx" >/dev/null 2>"$work/err" || true
if [ ! -s "$LIB/jbuild-client.jsa" ]; then
  echo "make-cds.sh: no archive was written:" >&2
  cat "$work/err" "$work/daemon.log" >&2
  exit 1
fi
echo "wrote $LIB/jbuild-client.jsa ($(du -h "$LIB/jbuild-client.jsa" | cut -f1))"
