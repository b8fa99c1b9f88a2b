package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.image.ImageConfig;

/**
 * What {@link ImageMetaResolver} found.
 *
 * @param ref    the normalised reference pinned to the digest, e.g. "docker.io/library/alpine:3.20@sha256:..."
 * @param digest the manifest digest, "sha256:..."
 * @param config the image config
 */
public record ResolvedImage(String ref, String digest, ImageConfig config) {}
