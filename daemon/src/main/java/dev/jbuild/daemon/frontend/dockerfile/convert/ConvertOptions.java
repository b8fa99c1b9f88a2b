package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.parser.CheckDirective;
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
 * @param purpose         BUILD refuses what cannot run yet; GRAPH converts everything for display
 * @param checks          the file's {@code # check=} directive: which build checks to skip, whether they fail
 */
public record ConvertOptions(String fileName, Map<String, String> buildArgs, String target, boolean noCache,
    List<String> contextExcludes, char escapeToken, Purpose purpose, CheckDirective checks) {

  /**
   * What the step graph is for. BUILD: it will be executed, so an instruction the solver cannot run yet
   * (RUN) fails the conversion at its line. GRAPH: it is only shown,
   * so every instruction becomes its vertex (RUN an ExecOp) and a base image the resolver cannot find is
   * drawn by its name, with a warning, instead of failing.
   */
  public enum Purpose { BUILD, GRAPH }

  public ConvertOptions {
    buildArgs = new LinkedHashMap<>(buildArgs);
    contextExcludes = List.copyOf(contextExcludes);
  }
}
