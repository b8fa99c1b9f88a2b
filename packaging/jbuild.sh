#!/bin/sh
# jbuild: the client launcher, installed as $JBUILD_HOME/bin/jbuild.
# Layout: $JBUILD_HOME/{bin,lib/client,lib/daemon}; lib/client/native holds Netty's epoll library and
# lib/client/jbuild-client.jsa the AppCDS archive, both made at install time by make-cds.sh.
set -e
# The JVM takes its file-name encoding from the locale; contexts and layers carry UTF-8 names.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;; *) export LC_ALL=C.UTF-8 ;; esac
if [ -z "$JBUILD_HOME" ]; then
  JBUILD_HOME=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
fi
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
LIB="$JBUILD_HOME/lib/client"

# Start-up is the floor of every warm build (PITFALLS.md): C1 only, the serial GC, no perf data file,
# class data sharing from the install-time archive, and Netty's native library loaded in place from
# java.library.path instead of being copied to /tmp at every start.
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m \
  -Djbuild.home="$JBUILD_HOME" \
  -Djava.library.path="$LIB/native" \
  -Dio.netty.native.workdir="$LIB/native" \
  ${JBUILD_JAVA_OPTS} \
  -cp "$LIB/*" dev.jbuild.client.Main "$@"
if [ -f "$LIB/jbuild-client.jsa" ]; then
  exec "$JAVA" -Xshare:auto -XX:SharedArchiveFile="$LIB/jbuild-client.jsa" "$@"
fi
exec "$JAVA" "$@"
