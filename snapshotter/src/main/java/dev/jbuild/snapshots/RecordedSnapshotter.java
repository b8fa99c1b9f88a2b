package dev.jbuild.snapshots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * What the snapshotters share: their records in the metadata database ({@link SnapshotRecords}) answer
 * stat, walk, labels, last use and the usage stored at commit; each snapshotter says where a snapshot's
 * own files are ({@link #fsOf}).
 */
abstract class RecordedSnapshotter implements Snapshotter {
  protected final SnapshotRecords records;

  RecordedSnapshotter(SnapshotRecords records) {
    this.records = records;
  }

  /** The directory holding snapshot {@code id}'s own files (its upper dir, or its whole copy). */
  protected abstract Path fsOf(long id);

  @Override
  public Optional<Info> stat(String keyOrName) throws IOException {
    return records.find(keyOrName).map(SnapshotRecords.Row::info);
  }

  /** Committed snapshots report what was measured at commit; active ones are measured now. */
  @Override
  public Usage usage(String keyOrName) throws IOException {
    SnapshotRecords.Row row = records.find(keyOrName).orElseThrow(() -> new IOException("no snapshot " + keyOrName));
    if (row.kind() == Kind.COMMITTED) {
      Optional<Usage> stored = records.storedUsage(row.id());
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    Path fs = fsOf(row.id());
    return Files.exists(fs) ? DiskUsage.of(fs) : new Usage(0, 0);
  }

  @Override
  public void walk(Consumer<Info> visitor) throws IOException {
    for (SnapshotRecords.Row row : records.all()) {
      visitor.accept(row.info());
    }
  }

  @Override
  public long lastUsedMillis(String keyOrName) throws IOException {
    return records.lastUsed(keyOrName);
  }

  @Override
  public void setLabels(String keyOrName, Map<String, String> labels) throws IOException {
    records.setLabels(keyOrName, labels);
  }

  @Override
  public SortedMap<String, String> labels(String keyOrName) throws IOException {
    return records.labels(keyOrName);
  }

  /** Nothing to release: the database belongs to the caller; mounts belong to whoever mounted them. */
  @Override
  public void close() {}
}
