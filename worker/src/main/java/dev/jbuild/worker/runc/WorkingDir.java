package dev.jbuild.worker.runc;

import dev.jbuild.fs.InRoot;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.worker.ProcessStartException;
import dev.jbuild.worker.oci.ExecUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Creates a step's working directory when it is missing, as BuildKit does before it starts the container:
 * every missing component gets mode 0755 and the process's uid and gid, so that a USER can write in the
 * WORKDIR it was given. Symlinks on the way are followed inside the rootfs. An existing directory is left
 * as it is; it stays in the layer like any other change of the step.
 */
final class WorkingDir {
  private WorkingDir() {}

  static void ensure(Path root, String cwd, ExecUser user) throws IOException {
    Path target = InRoot.resolve(root, cwd, true);
    Path current = root;
    for (Path name : root.relativize(target)) {
      if (name.toString().isEmpty()) {
        continue;
      }
      current = current.resolve(name);
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(current);
        Files.setAttribute(current, "unix:uid", (int) user.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(current, "unix:gid", (int) user.gid(), LinkOption.NOFOLLOW_LINKS);
        LinuxCalls.chmod(current, 0755);
      } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new ProcessStartException("working directory " + cwd + " is not a directory: /"
            + root.relativize(current) + " is a file");
      }
    }
  }
}
