#!/bin/sh
# Installs the Debian packages jbuild's tests use, when missing (idempotent; needs root).
#   python3  runs ../shared/tools/imgdump.py, the builder-independent image reader the tests compare with
#   skopeo   reads our OCI tarballs' configs as a user would check them
#   runc     the RUN executor's runtime
#   umoci    the OCI project's own unpacker: an outside reader of the layers our differ writes
#   tar      GNU tar with --xattrs, another outside reader
#   docker-registry  the registry the pull tests start on a loopback port
#   busybox-static   /bin/busybox: the worker's runc tests' tiny rootfs, and the busybox test image the
#                    integration tests build FROM scratch and push
#   apache2-utils    htpasswd, which writes the bcrypt password file of the test registry that requires a login
#   openssl  makes the test CA and the certificate of the TLS test registry
#   gzip bzip2 xz-utils zstd  the compressors' own tools write the archives the ADD tests unpack
set -e
missing=""
for p in python3 skopeo runc umoci tar docker-registry busybox-static apache2-utils openssl gzip bzip2 xz-utils zstd; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
