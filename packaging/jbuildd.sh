#!/bin/sh
# jbuildd launcher: the daemon is long-running, so it gets the default JIT and GC.
self=$(readlink -f "$0")
JBUILD_HOME=${JBUILD_HOME:-$(dirname "$(dirname "$self")")}
exec java ${JBUILDD_JAVA_OPTS:-} -cp "$JBUILD_HOME/lib/daemon/*" dev.jbuild.daemon.Main "$@"
