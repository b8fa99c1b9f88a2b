package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.instructions.RunMount.Type;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import dev.jbuild.daemon.frontend.dockerfile.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the value of {@code RUN --mount} as BuildKit's parseMount: CSV fields {@code key=value} (or the
 * bare flags ro, rw, required), values expanded against the stage's environment, then checked per type.
 */
final class RunMountParser {
  private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
  private static final List<String> SHARING = List.of("shared", "private", "locked");
  private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
      "sharing", "required", "size", "mode", "uid", "gid", "env", "src", "dst", "destination", "ro", "rw",
      "readwrite");
  private static final Pattern RAM = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

  private RunMountParser() {}

  /** The checks BuildKit makes before expansion: CSV syntax and no variable in {@code from}. */
  static void checkUnexpanded(String spec) throws InstructionException {
    for (String field : csv(spec)) {
      int eq = field.indexOf('=');
      if (eq >= 0 && field.substring(0, eq).equalsIgnoreCase("from") && field.substring(eq + 1).matches("(?s).*\\$.+")) {
        throw new InstructionException("'from' doesn't support variable expansion, define alias stage instead");
      }
    }
  }

  static RunMount parse(String spec, WordExpander expander) throws InstructionException, ExpansionException {
    Type type = Type.BIND;
    String from = "";
    String source = "";
    String target = "";
    String id = "";
    String sharing = "";
    String env = null;
    boolean readOnly = false;
    boolean roAuto = true;
    boolean required = false;
    Long size = null;
    Long mode = null;
    Long uid = null;
    Long gid = null;
    for (String field : csv(spec)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (eq < 0) {
        switch (key) {
          case "readonly", "ro" -> {
            readOnly = true;
            roAuto = false;
          }
          case "readwrite", "rw" -> {
            readOnly = false;
            roAuto = false;
          }
          case "required" -> {
            requireSecretOrSsh(key, type);
            required = true;
          }
          default -> throw new InstructionException("invalid field '" + field + "' must be a key=value pair");
        }
        continue;
      }
      String value = expander.expand(field.substring(eq + 1));
      switch (key) {
        case "type" -> {
          String lower = value.toLowerCase(Locale.ROOT);
          if (!TYPES.contains(lower)) {
            throw new InstructionException(Suggestions.withSuggestion("unsupported mount type "
                + GoText.quote(value), value, TYPES, true));
          }
          type = Type.valueOf(lower.toUpperCase(Locale.ROOT));
        }
        case "from" -> from = value;
        case "source", "src" -> source = value;
        case "target", "dst", "destination" -> target = value;
        case "readonly", "ro" -> {
          readOnly = bool(key, value);
          roAuto = false;
        }
        case "readwrite", "rw" -> {
          readOnly = !bool(key, value);
          roAuto = false;
        }
        case "required" -> {
          requireSecretOrSsh(key, type);
          required = bool(key, value);
        }
        case "size" -> {
          if (type != Type.TMPFS) {
            throw unexpected(key, type);
          }
          size = ramInBytes(key, value);
        }
        case "id" -> id = value;
        case "sharing" -> {
          String lower = value.toLowerCase(Locale.ROOT);
          if (!SHARING.contains(lower)) {
            throw new InstructionException(Suggestions.withSuggestion("unsupported sharing value "
                + GoText.quote(value), value, SHARING, true));
          }
          sharing = lower;
        }
        case "mode" -> mode = unsigned(value, 8, "mode");
        case "uid" -> uid = unsigned(value, 10, "uid");
        case "gid" -> gid = unsigned(value, 10, "gid");
        case "env" -> env = value;
        default -> throw new InstructionException(Suggestions.withSuggestion("unexpected key '" + key
            + "' in '" + field + "'", key, KEYS, true));
      }
    }
    boolean fileInfoAllowed = type == Type.SECRET || type == Type.SSH || type == Type.CACHE;
    if (!fileInfoAllowed) {
      for (Object[] f : new Object[][] {{"mode", mode}, {"uid", uid}, {"gid", gid}}) {
        if (f[1] != null) {
          throw new InstructionException(f[0] + " not allowed for " + GoText.quote(type.dockerName())
              + " type mounts");
        }
      }
    }
    if (roAuto) {
      readOnly = type != Type.CACHE && type != Type.TMPFS;
    }
    if (type == Type.SECRET) {
      if (!from.isEmpty()) {
        throw new InstructionException("secret mount should not have a from");
      }
      if (!sharing.isEmpty()) {
        throw new InstructionException("secret mount should not define sharing");
      }
      if (source.isEmpty() && target.isEmpty() && id.isEmpty() && env == null) {
        throw new InstructionException("invalid secret mount. one of source, target required");
      }
      if (!source.isEmpty() && !id.isEmpty()) {
        throw new InstructionException("both source and id can't be set");
      }
    }
    if (!sharing.isEmpty() && type != Type.CACHE) {
      throw new InstructionException("invalid cache sharing set for " + type.dockerName() + " mount");
    }
    if (type == Type.CACHE && sharing.isEmpty()) {
      sharing = "shared";
    }
    return new RunMount(spec, type, from, source, target, readOnly, id, sharing, required, size, mode, uid,
        gid, env);
  }

  private static void requireSecretOrSsh(String key, Type type) throws InstructionException {
    if (type != Type.SECRET && type != Type.SSH) {
      throw unexpected(key, type);
    }
  }

  private static InstructionException unexpected(String key, Type type) {
    return new InstructionException("unexpected key '" + key + "' for mount type '" + type.dockerName() + "'");
  }

  /** Go's strconv.ParseBool. */
  private static boolean bool(String key, String value) throws InstructionException {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new InstructionException("invalid value for " + key + ": " + value);
    };
  }

  private static Long unsigned(String value, int radix, String what) throws InstructionException {
    try {
      long v = Long.parseLong(value, radix);
      if (v < 0 || v > 0xFFFFFFFFL || value.startsWith("+")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InstructionException("invalid value " + value + " for " + what);
    }
  }

  /** docker/go-units RAMInBytes: "64m", "1.5GiB", "100" (binary multiples). */
  private static long ramInBytes(String key, String value) throws InstructionException {
    Matcher m = RAM.matcher(value);
    if (!m.matches()) {
      throw new InstructionException("invalid value for " + key + ": " + value);
    }
    double size;
    try {
      size = Double.parseDouble(m.group(1));
    } catch (NumberFormatException e) {
      throw new InstructionException("invalid value for " + key + ": " + value);
    }
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "kmgtp".indexOf(unit) + 1;
    return (long) (size * Math.pow(1024, power));
  }

  /** One CSV record as Go's encoding/csv reads it: commas separate, double quotes group ("" is a quote). */
  static List<String> csv(String spec) throws InstructionException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean atStart = true;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < spec.length() && spec.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        atStart = true;
        continue;
      } else if (c == '"' && atStart) {
        quoted = true;
      } else if (c == '"') {
        throw new InstructionException("failed to parse csv mounts: bare \" in non-quoted-field");
      } else {
        field.append(c);
      }
      atStart = false;
    }
    if (quoted) {
      throw new InstructionException("failed to parse csv mounts: extraneous or missing \" in quoted-field");
    }
    fields.add(field.toString());
    return Arrays.asList(fields.toArray(String[]::new));
  }
}
