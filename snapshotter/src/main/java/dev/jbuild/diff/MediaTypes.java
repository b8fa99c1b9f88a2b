package dev.jbuild.diff;

/** The OCI media types jbuild reads and writes. */
public final class MediaTypes {
  public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  private MediaTypes() {}
}
