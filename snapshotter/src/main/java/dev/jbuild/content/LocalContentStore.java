package dev.jbuild.content;

import dev.jbuild.fs.AtomicFiles;
import dev.jbuild.fs.Fsync;
import dev.jbuild.fs.FsOps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ContentStore} in plain files (containerd's local store). Ingest directories are named by the
 * sha256 of the ref so that any ref string is a safe file name. One instance per root: the set of refs
 * being written lives in memory.
 */
final class LocalContentStore implements ContentStore {
  private final Path blobs;
  private final Path ingest;
  private final Set<String> refsInUse = ConcurrentHashMap.newKeySet();

  LocalContentStore(Path root) throws IOException {
    this.blobs = root.resolve("blobs").resolve("sha256");
    this.ingest = root.resolve("ingest");
    Files.createDirectories(blobs);
    FsOps.removeTree(ingest); // leftovers of writers that never committed: nobody can resume them
    Files.createDirectories(ingest);
    Fsync.dir(root);
  }

  Path blobPath(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  @Override
  public Optional<Info> info(Digest digest) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(blobPath(digest), BasicFileAttributes.class);
      return Optional.of(new Info(digest, a.size(), a.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    try {
      return Files.newInputStream(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(digest + " is not in the content store at " + blobs);
    }
  }

  @Override
  public Writer writer(String ref, Optional<Digest> expected) throws IOException {
    if (!refsInUse.add(ref)) {
      throw new IOException("ref " + ref + " is being written by another writer; wait for it or use another ref");
    }
    try {
      Path dir = ingest.resolve(Digest.of(ref).hex());
      FsOps.removeTree(dir);
      Files.createDirectory(dir);
      return new IngestWriter(this, ref, dir, expected);
    } catch (IOException | RuntimeException e) {
      refsInUse.remove(ref);
      throw e;
    }
  }

  /** Moves a verified ingest file into blobs/; a blob already there wins (same bytes). */
  void publish(Path data, Digest digest) throws IOException {
    Path target = blobPath(digest);
    if (Files.exists(target)) {
      Files.delete(data);
      return;
    }
    AtomicFiles.moveAtomically(data, target);
    Fsync.dir(blobs);
  }

  /** Called by a writer when it is done, committed or not. */
  void release(String ref, Path dir) throws IOException {
    try {
      FsOps.removeTree(dir);
    } finally {
      refsInUse.remove(ref);
    }
  }

  @Override
  public void delete(Digest digest) throws IOException {
    if (Files.deleteIfExists(blobPath(digest))) {
      Fsync.dir(blobs);
    }
  }
}
