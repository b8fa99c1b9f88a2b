#!/bin/sh
# jbuildd launcher: the daemon is long-running, so it gets the default JIT and GC.
self=$(readlink -f "$0")
JBUILD_HOME=${JBUILD_HOME:-$(dirname "$(dirname "$self")")}
# The JVM takes its file-name encoding from the locale; contexts and layers carry UTF-8 names.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;; *) export LC_ALL=C.UTF-8 ;; esac
exec java ${JBUILDD_JAVA_OPTS:-} -cp "$JBUILD_HOME/lib/daemon/*" dev.jbuild.daemon.Main "$@"
