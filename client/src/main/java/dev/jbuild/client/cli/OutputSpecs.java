package dev.jbuild.client.cli;

import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * docker build's --output values, as buildx parses them: CSV {@code type=oci,dest=PATH,...}, or a bare
 * {@code PATH} meaning {@code type=local,dest=PATH} ({@code -} alone is {@code type=tar,dest=-}).
 */
public final class OutputSpecs {

  private static final Set<String> TYPES = Set.of("local", "tar", "oci", "docker", "image");
  private static final Set<String> NEED_DEST = Set.of("local", "tar", "oci", "docker");

  private OutputSpecs() {}

  public static List<Output> parse(List<String> specs) throws UserException {
    List<Output> outputs = new ArrayList<>();
    for (String spec : specs) {
      outputs.add(parseOne(spec));
    }
    return outputs;
  }

  static Output parseOne(String spec) throws UserException {
    List<String> fields = csvFields(spec);
    if (fields.size() == 1 && !fields.get(0).contains("=")) {
      String dest = fields.get(0);
      return output(dest.equals("-") ? "tar" : "local", List.of(kv("dest", dest)));
    }
    String type = null;
    List<KeyValue> attrs = new ArrayList<>();
    for (String field : fields) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        throw new UserException("invalid --output \"" + spec + "\": \"" + field + "\" is not KEY=VALUE");
      }
      String key = field.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = field.substring(eq + 1);
      if (key.equals("type")) {
        type = value;
      } else {
        attrs.add(kv(key, value));
      }
    }
    if (type == null) {
      throw new UserException("invalid --output \"" + spec + "\": type is required, e.g. type=oci,dest=image.tar");
    }
    if (!TYPES.contains(type)) {
      throw new UserException("invalid --output \"" + spec + "\": unknown type \"" + type
          + "\" (supported: local, tar, oci, docker, image)");
    }
    if (NEED_DEST.contains(type) && attrs.stream().noneMatch(a -> a.getKey().equals("dest") && !a.getValue().isEmpty())) {
      throw new UserException("invalid --output \"" + spec + "\": type=" + type + " needs dest=PATH (or dest=- for stdout)");
    }
    return output(type, attrs);
  }

  private static Output output(String type, List<KeyValue> attrs) {
    return Output.newBuilder().setType(type).addAllAttrs(attrs).build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** One CSV record (RFC 4180 quoting), as Go's encoding/csv reads buildx's flag values. */
  static List<String> csvFields(String line) throws UserException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new UserException("invalid --output \"" + line + "\": unterminated quote");
    }
    fields.add(field.toString());
    return fields;
  }
}
