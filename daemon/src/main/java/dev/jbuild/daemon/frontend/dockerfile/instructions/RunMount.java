package dev.jbuild.daemon.frontend.dockerfile.instructions;

import java.util.Locale;

/**
 * One {@code RUN --mount=...} (BuildKit's instructions.Mount), values expanded. Optional numbers are null
 * when not given.
 *
 * @param spec      the flag value as written, e.g. {@code type=cache,target=/root/.cache}
 * @param from      a stage name or image the mount reads from ("" for the build context or none)
 * @param readOnly  as given, else BuildKit's default: read-write for cache and tmpfs, read-only otherwise
 * @param id        cache id or secret id
 * @param sharing   cache sharing: shared (the default), private or locked; "" for other types
 * @param sizeLimit tmpfs size in bytes
 * @param mode      file mode of a cache directory, secret or ssh socket
 * @param env       for a secret: the environment variable it is exposed as
 */
public record RunMount(String spec, Type type, String from, String source, String target, boolean readOnly,
    String id, String sharing, boolean required, Long sizeLimit, Long mode, Long uid, Long gid, String env) {

  /** The mount types BuildKit knows. */
  public enum Type {
    BIND, CACHE, TMPFS, SECRET, SSH;

    /** As written in a Dockerfile: "bind", "cache", ... */
    public String dockerName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
