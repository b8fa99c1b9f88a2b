package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.InRoot;
import dev.jbuild.proto.ops.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Resolves --chown user[:group] to numeric ids: numbers are used as they are; names are looked up in
 * the destination tree's /etc/passwd and /etc/group, never the daemon host's (BuildKit does the same).
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
      uid = parseId(entry[2]);
      primaryGid = parseId(entry[3]);
    }
    int gid;
    if (owner.getGroup().isEmpty()) {
      gid = primaryGid;
    } else if (isNumber(owner.getGroup())) {
      gid = parseId(owner.getGroup());
    } else {
      gid = parseId(find(destRoot, "/etc/group", owner.getGroup(), "group")[2]);
    }
    return new Ids(OptionalInt.of(uid), OptionalInt.of(gid));
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  /** The fields of the entry named {@code name}, read line by line (the file is the image's: not trusted). */
  private static String[] find(Path root, String file, String name, String what)
      throws StepException, IOException {
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
    throw new StepException("unable to find " + what + " " + name + ": no matching entries in " + file.substring(5)
        + " file");
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
