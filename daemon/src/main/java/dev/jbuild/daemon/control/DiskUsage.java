package dev.jbuild.daemon.control;

import dev.jbuild.proto.control.DiskUsageResponse;
import dev.jbuild.proto.control.UsageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes used under the state root, by area (content blobs, snapshots, received contexts). */
public final class DiskUsage {
  private final Path root;

  public DiskUsage(Path root) {
    this.root = root;
  }

  DiskUsageResponse report() throws IOException {
    DiskUsageResponse.Builder b = DiskUsageResponse.newBuilder();
    long total = 0;
    for (String area : new String[] {"content", "snapshots", "contexts"}) {
      long size = sizeOf(root.resolve(area));
      total += size;
      b.addRecords(UsageRecord.newBuilder().setId(area).setKind(area).setSize(size)
          .setDescription(root.resolve(area).toString()));
    }
    return b.setTotal(total).build();
  }

  private static long sizeOf(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // removed while we walked
        }
      }).sum();
    }
  }
}
