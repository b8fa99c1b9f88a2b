package dev.jbuild.daemon.frontend.dockerfile.convert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs of a conversion besides the Dockerfile.
 *
 * @param fileName        the Dockerfile's name, for source locations
 * @param buildArgs       --build-arg values (later ones already won)
 * @param target          the stage to build, "" for the last
 * @param noCache         mark every vertex ignore_cache
 * @param contextExcludes .dockerignore patterns for the context LocalSource
 * @param escapeToken     the Dockerfile's escape character (for word expansion)
 */
public record ConvertOptions(String fileName, Map<String, String> buildArgs, String target, boolean noCache,
    List<String> contextExcludes, char escapeToken) {
  public ConvertOptions {
    buildArgs = new LinkedHashMap<>(buildArgs);
    contextExcludes = List.copyOf(contextExcludes);
  }
}
