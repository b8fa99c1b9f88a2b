package dev.jbuild.client.cli;

import dev.jbuild.proto.control.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker build's --build-arg values: {@code K=V}, or {@code K} alone to take K's value from this client's
 * environment (left out when K is not set there, as docker does). Command-line order is kept.
 */
public final class BuildArgs {

  private BuildArgs() {}

  public static List<KeyValue> parse(List<String> values, Map<String, String> env) throws UserException {
    List<KeyValue> args = new ArrayList<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      String key = eq < 0 ? value : value.substring(0, eq);
      if (key.isBlank()) {
        throw new UserException("invalid --build-arg \"" + value + "\": expected KEY=VALUE or KEY");
      }
      if (eq >= 0) {
        args.add(KeyValue.newBuilder().setKey(key).setValue(value.substring(eq + 1)).build());
      } else if (env.containsKey(key)) {
        args.add(KeyValue.newBuilder().setKey(key).setValue(env.get(key)).build());
      }
    }
    return args;
  }
}
