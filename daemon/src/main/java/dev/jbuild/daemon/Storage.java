package dev.jbuild.daemon;

import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.snapshots.CopyingSnapshotter;
import dev.jbuild.snapshots.OverlaySnapshotter;
import dev.jbuild.snapshots.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshotter a daemon runs on, and the directory where in-process file work mounts snapshots.
 * overlayfs is the default (ARCHITECTURE.md); the copying snapshotter is the fallback where overlay
 * mounts do not work (some container sandboxes, some file systems under the state root).
 */
record Storage(Snapshotter snapshotter, String name, Path mountScratch) {
  private static final Logger log = LoggerFactory.getLogger(Storage.class);

  /** @param requested "auto" (overlayfs if it works here), "overlayfs", or "native" (copying) */
  static Storage open(String requested, Path root, MetadataDb db) throws IOException {
    switch (requested) {
      case "overlayfs" -> {
        String why = overlayProblem(root);
        if (why != null) {
          throw new IOException("--snapshotter overlayfs: overlay mounts do not work under " + root + ": " + why);
        }
        return overlay(root, db);
      }
      case "native" -> {
        return copying(root, db);
      }
      case "auto" -> {
        String why = overlayProblem(root);
        if (why == null) {
          return overlay(root, db);
        }
        log.warn("overlay mounts do not work under {} ({}): using the copying snapshotter", root, why);
        return copying(root, db);
      }
      default -> throw new IOException("--snapshotter " + requested + ": want auto, overlayfs or native");
    }
  }

  private static Storage overlay(Path root, MetadataDb db) throws IOException {
    OverlaySnapshotter s = new OverlaySnapshotter(root, db);
    return new Storage(s, "overlayfs", s.scratchDir());
  }

  private static Storage copying(Path root, MetadataDb db) throws IOException {
    return new Storage(new CopyingSnapshotter(root, db), "native", root.resolve("mounts"));
  }

  /** Mounts a two-layer overlay once, with the options the snapshotter uses; null when that works. */
  private static String overlayProblem(Path root) {
    Path probe = root.resolve("overlay-probe");
    try {
      FsOps.removeTree(probe);
      for (String d : new String[] {"l", "u", "w", "m"}) {
        Files.createDirectories(probe.resolve(d));
      }
      String data = "index=off,redirect_dir=off,metacopy=off,lowerdir=" + probe.resolve("l") + ",upperdir="
          + probe.resolve("u") + ",workdir=" + probe.resolve("w");
      LinuxCalls.mount("overlay", probe.resolve("m"), "overlay", 0, data);
      LinuxCalls.unmount(probe.resolve("m"), 0);
      return null;
    } catch (IOException | RuntimeException | LinkageError e) {
      return e.getMessage();
    } finally {
      try {
        FsOps.removeTree(probe);
      } catch (IOException e) {
        log.warn("cannot remove {}: {}", probe, e.getMessage());
      }
    }
  }
}
