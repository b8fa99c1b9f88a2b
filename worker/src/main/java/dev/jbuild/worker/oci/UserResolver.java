package dev.jbuild.worker.oci;

import dev.jbuild.fs.InRoot;
import dev.jbuild.worker.ProcessStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a Dockerfile USER ("name", "uid", "name:group", "uid:gid", "" for root) into numeric ids, from the
 * container's own {@code /etc/passwd} and {@code /etc/group} (never the host's), with the rules BuildKit
 * takes from runc:
 * <ul>
 *   <li>"uid:gid" with both numeric (or "root") is used as it is, without supplementary groups; so is "";</li>
 *   <li>otherwise the user is looked up by name, or by uid when numeric; a number without an entry is used
 *       as it is (gid 0), a name without one is an error;</li>
 *   <li>a group after ':' is looked up by name or gid and replaces the primary gid (no supplementary groups
 *       then); without one, the primary gid is the passwd entry's and the supplementary groups are those
 *       that list the user as a member.</li>
 * </ul>
 * The files are found inside the rootfs as the container would see them (symlinks resolved within it, so a
 * hostile image cannot make us read a host file); only regular files are read, and at most 16 MiB of each.
 */
public final class UserResolver {
  private static final long MAX_ID = Integer.MAX_VALUE; // runc's range for ids
  private static final int MAX_FILE_BYTES = 16 << 20;

  private record PasswdEntry(String name, long uid, long gid) {}

  private record GroupEntry(String name, long gid, List<String> members) {}

  private UserResolver() {}

  public static ExecUser resolve(Path rootfs, String user) throws IOException {
    Optional<ExecUser> numeric = numericPair(user);
    if (numeric.isPresent()) {
      return numeric.get();
    }
    int colon = user.indexOf(':');
    String userArg = colon < 0 ? user : user.substring(0, colon);
    String groupArg = colon < 0 ? "" : user.substring(colon + 1);

    long uid = 0;
    long gid = 0;
    String matchedName = null;
    Optional<Long> userNumber = number(userArg);
    for (PasswdEntry e : passwd(rootfs)) {
      boolean match = userArg.isEmpty() ? e.uid() == 0
          : userNumber.isPresent() ? e.uid() == userNumber.get() : e.name().equals(userArg);
      if (match) {
        matchedName = e.name();
        uid = e.uid();
        gid = e.gid();
        break;
      }
    }
    if (matchedName == null && !userArg.isEmpty()) {
      if (userNumber.isEmpty()) {
        throw new ProcessStartException("unable to find user " + userArg + ": no matching entries in passwd file");
      }
      uid = inRange("uid", userNumber.get());
    }

    List<Long> supplementary = new ArrayList<>();
    if (!groupArg.isEmpty()) {
      gid = primaryGroup(rootfs, groupArg);
    } else if (matchedName != null) {
      for (GroupEntry g : groups(rootfs)) {
        if (g.members().contains(matchedName)) {
          supplementary.add(g.gid());
        }
      }
    }
    return new ExecUser(uid, gid, supplementary);
  }

  /** "" and "uid:gid" (numbers or "root"): BuildKit's fast path, which reads no file. */
  private static Optional<ExecUser> numericPair(String user) throws ProcessStartException {
    if (user.isEmpty()) {
      return Optional.of(ExecUser.ROOT);
    }
    int colon = user.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Optional<Long> uid = rootOrNumber(user.substring(0, colon));
    Optional<Long> gid = rootOrNumber(user.substring(colon + 1));
    if (uid.isEmpty() || gid.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ExecUser(inRange("uid", uid.get()), inRange("gid", gid.get()), List.of()));
  }

  private static long primaryGroup(Path rootfs, String groupArg) throws IOException {
    Optional<Long> groupNumber = number(groupArg);
    for (GroupEntry g : groups(rootfs)) {
      if (g.name().equals(groupArg) || (groupNumber.isPresent() && g.gid() == groupNumber.get())) {
        return g.gid();
      }
    }
    if (groupNumber.isEmpty()) {
      throw new ProcessStartException("unable to find group " + groupArg + ": no matching entries in group file");
    }
    return inRange("gid", groupNumber.get());
  }

  private static Optional<Long> rootOrNumber(String s) {
    return s.equals("root") ? Optional.of(0L) : number(s);
  }

  private static Optional<Long> number(String s) {
    if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(s));
  }

  private static long inRange(String what, long id) throws ProcessStartException {
    if (id > MAX_ID) {
      throw new ProcessStartException(what + " " + id + " is out of range (at most " + MAX_ID + ")");
    }
    return id;
  }

  /** name:password:uid:gid:gecos:home:shell; lines whose ids are not numbers are skipped. */
  private static List<PasswdEntry> passwd(Path rootfs) throws IOException {
    List<PasswdEntry> out = new ArrayList<>();
    for (String[] f : fields(rootfs, "/etc/passwd")) {
      Optional<Long> uid = f.length > 2 ? number(f[2]) : Optional.empty();
      Optional<Long> gid = f.length > 3 ? number(f[3]) : Optional.empty();
      if (uid.isPresent() && gid.isPresent()) {
        out.add(new PasswdEntry(f[0], uid.get(), gid.get()));
      }
    }
    return out;
  }

  /** name:password:gid:member,member */
  private static List<GroupEntry> groups(Path rootfs) throws IOException {
    List<GroupEntry> out = new ArrayList<>();
    for (String[] f : fields(rootfs, "/etc/group")) {
      Optional<Long> gid = f.length > 2 ? number(f[2]) : Optional.empty();
      if (gid.isPresent()) {
        List<String> members = new ArrayList<>();
        if (f.length > 3) {
          for (String m : f[3].split(",")) {
            if (!m.isEmpty()) {
              members.add(m);
            }
          }
        }
        out.add(new GroupEntry(f[0], gid.get(), members));
      }
    }
    return out;
  }

  /** The ':'-separated fields of each non-empty line; no file (or not a regular file) reads as empty. */
  private static List<String[]> fields(Path rootfs, String file) throws IOException {
    Path p = InRoot.resolve(rootfs, file, true);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    byte[] data;
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      data = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (data.length > MAX_FILE_BYTES) {
      throw new ProcessStartException(file + " in the image is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
    }
    List<String[]> out = new ArrayList<>();
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        out.add(t.split(":", -1));
      }
    }
    return out;
  }
}
