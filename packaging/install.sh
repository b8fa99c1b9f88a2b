#!/bin/sh
# install.sh JBUILD_HOME BINDIR: installs the packaged jars and launchers, then makes the client's
# class-data-sharing archive (start-up time: see PITFALLS.md). Run after `mvn package`.
set -e
home=$1; bindir=$2
# jbuildd runs RUN steps with runc (Debian's package)
command -v runc >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq runc >/dev/null; }
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$home.new"
mkdir -p "$home.new/bin" "$home.new/lib/client" "$home.new/lib/daemon"
cp "$here"/client/target/lib/*.jar "$here"/client/target/jbuild-client-*.jar "$home.new/lib/client/"
cp "$here"/daemon/target/lib/*.jar "$here"/daemon/target/jbuild-daemon-*.jar "$home.new/lib/daemon/"
install -m 755 "$here/packaging/jbuild.sh" "$home.new/bin/jbuild"
install -m 755 "$here/packaging/jbuildd.sh" "$home.new/bin/jbuildd"
rm -rf "$home.old"
[ -d "$home" ] && mv "$home" "$home.old"
mv "$home.new" "$home"
rm -rf "$home.old"
mkdir -p "$bindir"
ln -sf "$home/bin/jbuild" "$bindir/jbuild"
ln -sf "$home/bin/jbuildd" "$bindir/jbuildd"
if [ -x "$here/packaging/make-cds.sh" ]; then
  JBUILD_HOME="$home" "$here/packaging/make-cds.sh" "$home" || echo "warning: no CDS archive; jbuild starts slower"
fi
echo "installed jbuild $(cat "$here/proto/target/classes/dev/jbuild/proto/build.properties" | tr '\n' ' ') in $home"
