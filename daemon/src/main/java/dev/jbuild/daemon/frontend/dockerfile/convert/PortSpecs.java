package dev.jbuild.daemon.frontend.dockerfile.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EXPOSE values as docker's nat.ParsePortSpecs reads them: {@code port[-end][/proto]}, tcp by default. */
final class PortSpecs {
  private PortSpecs() {}

  static List<String> parse(String spec) throws PortSpecException {
    String raw = spec;
    String proto = "tcp";
    int slash = raw.lastIndexOf('/');
    if (slash >= 0) {
      proto = raw.substring(slash + 1).toLowerCase(Locale.ROOT);
      raw = raw.substring(0, slash);
      if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
        throw new PortSpecException("invalid proto: " + proto);
      }
    }
    if (raw.contains(":")) {
      throw new PortSpecException("invalid port " + spec + ": EXPOSE takes no host address");
    }
    int dash = raw.indexOf('-');
    int start = port(dash < 0 ? raw : raw.substring(0, dash), spec);
    int end = dash < 0 ? start : port(raw.substring(dash + 1), spec);
    if (end < start) {
      throw new PortSpecException("invalid range specified for port: " + spec);
    }
    List<String> out = new ArrayList<>();
    for (int p = start; p <= end; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }

  private static int port(String s, String spec) throws PortSpecException {
    try {
      int p = Integer.parseInt(s);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new PortSpecException("invalid containerPort: " + spec);
    }
  }

  static final class PortSpecException extends Exception {
    PortSpecException(String message) {
      super(message);
    }
  }
}
