package dev.jbuild.worker.oci;

import java.util.List;

/** The ids a process runs as: uid, primary gid and supplementary gids (setgroups), all numeric. */
public record ExecUser(long uid, long gid, List<Long> additionalGids) {
  public static final ExecUser ROOT = new ExecUser(0, 0, List.of());

  public ExecUser {
    additionalGids = List.copyOf(additionalGids);
  }
}
