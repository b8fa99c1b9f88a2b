package dev.jbuild.daemon.frontend;

/**
 * Where a base image's tag is looked up (BuildKit's llb.ResolveMode, with docker's default).
 */
public enum ResolveMode {
  /** The daemon's local image store first (images built with -t), then the registry: docker's FROM. */
  LOCAL_FIRST,
  /** The registry always (build --pull: "always attempt to pull a newer version of the image"). */
  FORCE_PULL;

  /** The mode a build request's {@code pull} flag asks for. */
  public static ResolveMode forPull(boolean pull) {
    return pull ? FORCE_PULL : LOCAL_FIRST;
  }
}
