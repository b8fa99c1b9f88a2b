package dev.jbuild.daemon.solver.ops;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.http.HttpDownloader;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.FsOps;
import dev.jbuild.proto.ops.HttpSource;
import dev.jbuild.snapshots.MountedTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP source (ADD of an http(s) URL): the URL is downloaded into the content store, verified against the
 * checksum when there is one, and shown as a tree holding one file, {@code /<filename>}, owned 0:0, mode 0600,
 * with the response's Last-Modified as its mtime (the Unix epoch without one), as BuildKit's HTTP source makes it.
 * The blob's digest names the download: the same bytes from anywhere are the same source.
 */
final class HttpSourceStep implements Op {
  private static final int MODE = 0600;

  private final HttpSource source;
  private final HttpDownloader downloader;
  private final ContentStore store;

  HttpSourceStep(HttpSource source, HttpDownloader downloader, ContentStore store) {
    this.source = source;
    this.downloader = downloader;
    this.store = store;
  }

  @Override
  public boolean usesMachine() {
    return false; // it waits on the network
  }

  @Override
  public Ref exec(JobContext job, List<Ref> inputs) throws Exception {
    String name = source.getFilename();
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
      throw new StepException("invalid file name for " + HttpDownloader.redacted(source.getUrl()) + ": " + name);
    }
    Optional<Digest> expected;
    try {
      expected = source.getChecksum().isEmpty() ? Optional.empty() : Optional.of(Digest.parse(source.getChecksum()));
    } catch (IllegalArgumentException e) {
      throw new StepException("invalid checksum " + source.getChecksum() + ": " + e.getMessage());
    }
    HttpDownloader.Download download;
    try {
      download = downloader.fetch(source.getUrl(), expected);
    } catch (IOException e) {
      throw new StepException(e.getMessage());
    }
    NewSnapshot out = NewSnapshot.prepare(job, "http", "");
    try (MountedTree tree = job.mount(out.mounts())) {
      write(download, tree.root().resolve(name));
    }
    return out.commit();
  }

  private void write(HttpDownloader.Download download, Path file) throws IOException {
    try (InputStream in = store.open(download.digest());
        OutputStream o = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      in.transferTo(o);
    }
    Instant mtime = download.lastModified().orElse(Instant.EPOCH);
    FsOps.applyMeta(file, new FileMeta(FileMeta.Type.FILE, MODE, 0, 0, download.size(), mtime, null, 0, 1, 0));
  }
}
