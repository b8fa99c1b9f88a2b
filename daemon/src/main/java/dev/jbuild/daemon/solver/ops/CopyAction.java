package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.diff.ArchiveUnpacker;
import dev.jbuild.fs.FileConflictException;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.InRoot;
import dev.jbuild.fs.Overrides;
import dev.jbuild.patterns.Globs;
import dev.jbuild.proto.ops.FileCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One COPY (or ADD) source into a tree, with BuildKit's semantics (fsutil's copy): a directory source copies its
 * contents (dir_copy_contents) or itself; a file copied onto an existing directory, or to a destination
 * ending in "/", lands inside it under its own name; missing parents, and a missing destination of a
 * directory's contents, are made 0755; other entries keep their modes and mtimes, --chmod replaces modes,
 * --chown (or, for files a client sent, root) sets owners.
 * Exclude patterns leave entries out (COPY --exclude); include patterns and required paths select what
 * COPY --parents copies; with attempt_unpack (ADD), a source that is a tar, compressed or not, is unpacked into
 * the destination instead ({@link ArchiveUnpacker}).
 */
final class CopyAction {
  private final FileCopy copy;
  private final boolean fromClient;
  private final ArchiveUnpacker unpacker;

  /**
   * @param fromClient the source is a client's files: owned by root in the image unless --chown
   * @param unpacker unpacks archives when the action asks for it
   */
  CopyAction(FileCopy copy, boolean fromClient, ArchiveUnpacker unpacker) {
    this.copy = copy;
    this.fromClient = fromClient;
    this.unpacker = unpacker;
  }

  void apply(Path srcRoot, Path destRoot) throws StepException, IOException {
    Owners.Ids owner = Owners.resolve(copy.getOwner(), destRoot);
    Owners.Ids unpackOwner = owner; // an archive keeps its own owners unless --chown
    if (fromClient && owner.uid().isEmpty()) {
      owner = Owners.Ids.root();
    }
    Overrides overrides = new Overrides(owner.uid(), owner.gid(),
        copy.hasMode() ? OptionalInt.of(copy.getMode()) : OptionalInt.empty());
    SourceFilter filter = SourceFilter.of(copy.getIncludePatternsList(), copy.getExcludePatternsList());
    requirePaths(srcRoot);
    List<String> sources = sources(srcRoot, filter);
    if (sources.isEmpty()) {
      return;
    }
    String dest = copy.getDest();
    Dirs.mkdirAll(destRoot, dest.endsWith("/") ? dest : parent(dest), owner, 0755);
    for (String src : sources) {
      if (copy.getAttemptUnpack() && unpacked(srcRoot, src, destRoot, dest, owner, unpackOwner)) {
        continue;
      }
      copyOne(srcRoot, src, destRoot, dest, owner, overrides, filter);
    }
  }

  /** COPY --parents without wildcards: the named path must exist. */
  private void requirePaths(Path srcRoot) throws StepException, IOException {
    for (String required : copy.getRequiredPathsList()) {
      if (srcRoot == null || !InRoot.exists(InRoot.resolve(srcRoot, required, false))) {
        throw notFound(required);
      }
    }
  }

  private List<String> sources(Path srcRoot, SourceFilter filter) throws StepException, IOException {
    String src = copy.getSrc();
    if (srcRoot == null) {
      throw notFound(src);
    }
    if (copy.getAllowWildcard() && Globs.hasWildcard(src)) {
      List<String> matches = new ArrayList<>();
      String base = Wildcards.fixedPrefix(src);
      for (String match : Wildcards.expand(srcRoot, src)) {
        // --exclude applies to what a wildcard matched, relative to the wildcard's directory
        String relative = match.substring(base.length()).replaceFirst("^/", "");
        if (!filter.excluded(relative, Files.isDirectory(InRoot.resolve(srcRoot, match, true)))) {
          matches.add(match);
        }
      }
      if (matches.isEmpty() && !copy.getAllowEmptyWildcard()) {
        throw new StepException("no source files were specified: \"" + src + "\" matches nothing");
      }
      return matches;
    }
    if (!InRoot.exists(InRoot.resolve(srcRoot, src, copy.getFollowSymlinks()))) {
      throw notFound(src);
    }
    return List.of(src);
  }

  /** ADD: unpacks {@code src} into {@code dest} (made a directory) when it is an archive; false otherwise. */
  private boolean unpacked(Path srcRoot, String src, Path destRoot, String dest, Owners.Ids dirOwner,
      Owners.Ids entryOwner) throws StepException, IOException {
    Path archive = InRoot.resolve(srcRoot, src, true);
    if (!unpacker.isArchive(archive)) {
      return false;
    }
    Path dir = Dirs.mkdirAll(destRoot, dest, dirOwner, 0755);
    try {
      unpacker.unpack(archive, dir, src, entryOwner.uid(), entryOwner.gid());
    } catch (IOException e) {
      throw new StepException(e.getMessage());
    }
    return true;
  }

  private void copyOne(Path srcRoot, String src, Path destRoot, String dest, Owners.Ids owner,
      Overrides overrides, SourceFilter filter) throws StepException, IOException {
    Path from = InRoot.resolve(srcRoot, src, copy.getFollowSymlinks());
    if (!InRoot.exists(from)) {
      throw notFound(src);
    }
    boolean srcIsDir = FileMeta.lstat(from).type() == FileMeta.Type.DIR;
    String to = dest.endsWith("/") && dest.length() > 1 ? dest.substring(0, dest.length() - 1) : dest;
    Path destPath = InRoot.resolve(destRoot, to, true);
    boolean destIsDir = Files.isDirectory(destPath);
    boolean destExists = InRoot.exists(destPath);
    boolean contents = copy.getDirCopyContents();
    if ((srcIsDir && !contents && destExists) || (!srcIsDir && destIsDir)) {
      // the new entry goes inside the (resolved) directory; an entry already there under that name is
      // replaced, never followed
      to = to.equals("/") ? "/" + baseName(src) : to + "/" + baseName(src);
      destPath = destPath.resolve(baseName(src));
    }
    // a directory's contents going to a missing destination: BuildKit makes that destination first (0755,
    // --chown's owner), so it never takes the source directory's mode (fsutil's prepareTargetDir)
    boolean makeDest = srcIsDir && (!contents || !destExists);
    Dirs.mkdirAll(destRoot, makeDest ? to : parent(to), owner, 0755);
    try {
      if (srcIsDir) {
        FsOps.copyTree(from, destPath, overrides, filter);
      } else {
        FsOps.copyEntry(from, destPath, overrides);
      }
    } catch (FileConflictException e) {
      throw new StepException(e.reason() + ": /" + destRoot.relativize(e.path()));
    }
  }

  private static StepException notFound(String src) {
    return new StepException("\"" + src + "\": not found");
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String baseName(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
