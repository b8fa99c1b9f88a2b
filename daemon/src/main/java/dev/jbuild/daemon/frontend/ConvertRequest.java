package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.session.RegistryCredentials;
import java.util.List;
import java.util.Objects;

/**
 * What the frontend needs from a build request.
 *
 * @param dockerfileName  the Dockerfile's name as the user gave it (for messages and source locations)
 * @param dockerfile      its bytes
 * @param buildArgs       --build-arg values in order; a later one wins
 * @param target          the stage to build, "" for the last
 * @param noCache         --no-cache: every vertex ignores the cache
 * @param contextExcludes .dockerignore patterns for the build context's LocalSource
 * @param credentials     the build's registry credentials, for base images in registries that need them
 *                        ({@link RegistryCredentials#ANONYMOUS} when no client session is open)
 */
public record ConvertRequest(String dockerfileName, byte[] dockerfile, List<BuildArg> buildArgs, String target,
    boolean noCache, List<String> contextExcludes, RegistryCredentials credentials) {
  public ConvertRequest {
    buildArgs = List.copyOf(buildArgs);
    contextExcludes = List.copyOf(contextExcludes);
    target = target == null ? "" : target;
    Objects.requireNonNull(credentials, "credentials");
  }
}
