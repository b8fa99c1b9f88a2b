package dev.jbuild.daemon.frontend.dockerfile.instructions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --flags} of one instruction (BuildKit's BFlags): declare the known ones, then {@link #parse}
 * checks the given ones. String flags need {@code =value}; bool flags take none, {@code =true} or {@code
 * =false}.
 */
final class Flags {
  private enum Type { BOOL, STRING, STRINGS }

  private final List<String> given;
  private final Map<String, Type> known = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> lists = new HashMap<>();

  Flags(List<String> given) {
    this.given = given;
  }

  Flags string(String name) {
    known.put(name, Type.STRING);
    return this;
  }

  /** A flag that may be given several times, e.g. RUN --mount or COPY --exclude. */
  Flags strings(String name) {
    known.put(name, Type.STRINGS);
    return this;
  }

  Flags bool(String name) {
    known.put(name, Type.BOOL);
    return this;
  }

  /** Checks the given flags against the declared ones; the message names the flag as written. */
  Flags parse() throws InstructionException {
    for (String arg : given) {
      if (!arg.startsWith("--")) {
        throw new InstructionException("Arg should start with -- : " + arg);
      }
      if (arg.equals("--")) {
        return this;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Type type = known.get(name);
      if (type == null) {
        throw new InstructionException("unknown flag: --" + name);
      }
      if (type == Type.STRINGS) {
        if (value == null) {
          throw new InstructionException("missing a value on flag: --" + name);
        }
        lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        continue;
      }
      if (values.containsKey(name)) {
        throw new InstructionException("duplicate flag specified: --" + name);
      }
      if (type == Type.BOOL) {
        if (value != null && value.isEmpty()) {
          throw new InstructionException("missing a value on flag: --" + name);
        }
        String lower = value == null ? "true" : value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new InstructionException("expecting boolean value for flag --" + name + ", not: " + value);
        }
        values.put(name, lower);
      } else {
        if (value == null) {
          throw new InstructionException("missing a value on flag: --" + name);
        }
        values.put(name, value);
      }
    }
    return this;
  }

  String value(String name) {
    return values.getOrDefault(name, "");
  }

  /** Every value of a repeatable flag, in order. */
  List<String> values(String name) {
    return List.copyOf(lists.getOrDefault(name, List.of()));
  }

  boolean isUsed(String name) {
    return values.containsKey(name) || lists.containsKey(name);
  }

  boolean isTrue(String name) {
    return "true".equals(values.get(name));
  }
}
