package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.proto.ops.Definition;
import java.util.List;

/**
 * The step graph (its last vertex is the image's root filesystem), the image config to export (rootfs and
 * created times are the exporter's), and warnings.
 */
public record ConvertResult(Definition definition, ImageConfig image, List<FrontendWarning> warnings) {
  public ConvertResult {
    warnings = List.copyOf(warnings);
  }
}
