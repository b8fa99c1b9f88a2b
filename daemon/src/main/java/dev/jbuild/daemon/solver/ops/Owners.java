package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.InRoot;
import dev.jbuild.proto.ops.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Resolves --chown user[:group] (and WORKDIR's USER) to numeric ids: numbers are used as they are; names are
 * looked up in the destination tree's /etc/passwd and /etc/group, never the daemon host's. As in BuildKit's
 * FileOp (readUser), a name that is not there is no error: an unknown user is 0:0, an unknown group leaves the
 * gid the user part gave (only RUN refuses an unknown USER).
 */
final class Owners {
  /** Numeric owner; empty when the op keeps the source's. */
  record Ids(OptionalInt uid, OptionalInt gid) {
    static final Ids KEEP = new Ids(OptionalInt.empty(), OptionalInt.empty());

    static Ids root() {
      return new Ids(OptionalInt.of(0), OptionalInt.of(0));
    }
  }

  private static final int MAX_ENTRIES = 100_000;

  private Owners() {}

  static Ids resolve(Owner owner, Path destRoot) throws StepException, IOException {
    if (owner.getUser().isEmpty() && owner.getGroup().isEmpty()) {
      return Ids.KEEP;
    }
    int uid;
    int primaryGid;
    if (isNumber(owner.getUser())) {
      uid = parseId(owner.getUser());
      primaryGid = uid;
    } else {
      String[] entry = find(destRoot, "/etc/passwd", owner.getUser(), "user");
      uid = entry == null ? 0 : parseId(entry[2]);
      primaryGid = entry == null ? 0 : parseId(entry[3]);
    }
    int gid = primaryGid;
    if (isNumber(owner.getGroup())) {
      gid = parseId(owner.getGroup());
    } else if (!owner.getGroup().isEmpty()) {
      String[] entry = find(destRoot, "/etc/group", owner.getGroup(), "group");
      gid = entry == null ? primaryGid : parseId(entry[2]);
    }
    return new Ids(OptionalInt.of(uid), OptionalInt.of(gid));
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  /**
   * The fields of the entry named {@code name}, read line by line (the file is the image's: not trusted); null
   * when the file or the entry is missing.
   */
  private static String[] find(Path root, String file, String name, String what) throws IOException {
    Path p = InRoot.resolve(root, file, true);
    if (Files.isRegularFile(p)) {
      try (var lines = Files.newBufferedReader(p, java.nio.charset.StandardCharsets.ISO_8859_1)) {
        int read = 0;
        for (String line = lines.readLine(); line != null && read < MAX_ENTRIES; line = lines.readLine(), read++) {
          String[] f = line.split(":", -1);
          if (f.length >= 4 && f[0].equals(name) && isId(f[2]) && (what.equals("group") || isId(f[3]))) {
            return f;
          }
        }
      }
    }
    return null;
  }

  /** A uid or gid: digits that fit an unsigned 32-bit id. */
  private static boolean isId(String s) {
    return isNumber(s) && s.length() <= 10 && Long.parseLong(s) <= 0xFFFF_FFFFL;
  }

  private static int parseId(String s) throws StepException {
    if (!isId(s)) {
      throw new StepException("invalid id " + s + ": want a number below 2^32");
    }
    return (int) Long.parseLong(s);
  }
}
