package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;

/**
 * Looks up a base image's config and digest while a Dockerfile is converted (BuildKit's
 * llb.ImageMetaResolver). The conversion needs it before any step runs: the base image's ENV feeds word
 * expansion, and its WORKDIR, USER, CMD and ONBUILD start the stage's config.
 *
 * <p>Lifecycle: one resolver serves the daemon; the frontend calls {@link #resolve} during {@code convert},
 * once per distinct base image (FROM or COPY --from naming an image, not a stage, not {@code scratch}) of the
 * stages the target needs, possibly from several threads at once (implementations are thread-safe). A call
 * either returns the image resolved to a digest or fails with a message the frontend shows after
 * {@code FROM <ref>:}. The frontend never caches across builds; the implementation may. A registry that
 * refuses anonymous access is given the build's {@link RegistryCredentials} (the client's, never the
 * daemon's).
 *
 * <p>Example: {@code FROM alpine} asks {@code resolve("alpine", linux/amd64, credentials)} and gets
 * {@code docker.io/library/alpine:latest@sha256:...}, its digest and its config, then builds on an
 * ImageSource vertex with that ref.
 */
public interface ImageMetaResolver {
  /**
   * @param ref      the image reference as written after variable expansion, e.g. "alpine:3.20"
   * @param platform the platform whose image is wanted
   * @param credentials the build's registry credentials ({@link RegistryCredentials#ANONYMOUS} outside a build)
   */
  ResolvedImage resolve(String ref, Platform platform, RegistryCredentials credentials)
      throws ImageResolveException;
}
