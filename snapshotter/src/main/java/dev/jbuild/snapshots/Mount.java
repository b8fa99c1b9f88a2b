package dev.jbuild.snapshots;

import java.util.List;
import java.util.Objects;

/**
 * One mount, as the kernel (or runc's spec) takes it: {@code mount -t type -o options source target}.
 * Storage returns mounts and never mounts anything itself; one place (the executor, or
 * {@link MountedTree} for in-process file work) acts on them.
 *
 * <p>Types used: "bind" (source is a directory; options include "rbind" and "ro" or "rw") and, from the
 * overlay snapshotter on, "overlay" (options carry lowerdir/upperdir/workdir).
 */
public record Mount(String type, String source, List<String> options) {
  public Mount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }

  public static Mount bind(String dir, boolean readOnly) {
    return new Mount("bind", dir, List.of("rbind", readOnly ? "ro" : "rw"));
  }

  public boolean readOnly() {
    return options.contains("ro");
  }
}
