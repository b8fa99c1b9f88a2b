package dev.jbuild.worker.oci;

/**
 * The {@code /etc/hosts} a container sees: localhost on both loopback addresses and the container's own
 * hostname on 127.0.0.1, the lines BuildKit writes.
 */
public final class HostsFile {
  private HostsFile() {}

  public static String render(String hostname) {
    return "127.0.0.1\tlocalhost " + hostname + "\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\n";
  }
}
