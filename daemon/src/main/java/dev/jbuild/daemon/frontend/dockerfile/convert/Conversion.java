package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.proto.ops.Definition;
import java.util.List;

/** The step graph, the target's image config, and warnings (message and line, 0 for none). */
public record Conversion(Definition definition, ImageConfig image, List<Warning> warnings) {
  public Conversion {
    warnings = List.copyOf(warnings);
  }

  public record Warning(String message, int line) {}
}
