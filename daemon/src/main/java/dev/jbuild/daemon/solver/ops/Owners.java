package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.proto.ops.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private Owners() {}

  static Ids resolve(Owner owner, Path destRoot) throws StepException, IOException {
    if (owner.getUser().isEmpty() && owner.getGroup().isEmpty()) {
      return Ids.KEEP;
    }
    int uid;
    int primaryGid;
    if (isNumber(owner.getUser())) {
      uid = Integer.parseInt(owner.getUser());
      primaryGid = uid;
    } else {
      String[] entry = find(destRoot, "/etc/passwd", owner.getUser(), "user");
      uid = Integer.parseInt(entry[2]);
      primaryGid = Integer.parseInt(entry[3]);
    }
    int gid;
    if (owner.getGroup().isEmpty()) {
      gid = primaryGid;
    } else if (isNumber(owner.getGroup())) {
      gid = Integer.parseInt(owner.getGroup());
    } else {
      gid = Integer.parseInt(find(destRoot, "/etc/group", owner.getGroup(), "group")[2]);
    }
    return new Ids(OptionalInt.of(uid), OptionalInt.of(gid));
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static String[] find(Path root, String file, String name, String what)
      throws StepException, IOException {
    Path p = InRoot.resolve(root, file, true);
    List<String> lines = Files.isRegularFile(p) ? Files.readAllLines(p) : List.of();
    for (String line : lines) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[0].equals(name) && isNumber(f[2])) {
        return f;
      }
    }
    throw new StepException("unable to find " + what + " " + name + ": no matching entries in " + file.substring(5)
        + " file");
  }
}
