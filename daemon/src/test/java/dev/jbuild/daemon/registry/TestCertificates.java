package dev.jbuild.daemon.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Certificates made by the JDK's keytool for tests: a CA (PEM) and server key stores it signs (PKCS#12). */
public final class TestCertificates {
  public static final String PASSWORD = "changeit";

  private TestCertificates() {}

  /** A CA: {@code dir/NAME.p12} holds its key, {@code dir/NAME.pem} (returned) its certificate. */
  public static Path ca(Path dir, String name) throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    Path pem = dir.resolve(name + ".pem");
    keytool("-genkeypair", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", "ca",
        "-dname", "CN=" + name, "-keyalg", "EC", "-ext", "bc:c", "-validity", "2");
    keytool("-exportcert", "-rfc", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", "ca",
        "-file", pem.toString());
    return pem;
  }

  /**
   * A PKCS#12 key store (alias "server") whose certificate {@code ca} signed for {@code sans} (keytool's san
   * syntax: {@code dns:registry.test,ip:127.0.0.1}).
   */
  public static Path server(Path caPem, Path dir, String name, String sans) throws IOException, InterruptedException {
    Path caStore = caPem.resolveSibling(caPem.getFileName().toString().replace(".pem", ".p12"));
    Path store = dir.resolve(name + ".p12");
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".pem");
    keytool("-genkeypair", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", "server",
        "-dname", "CN=" + name, "-keyalg", "EC", "-validity", "2");
    keytool("-certreq", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", "server",
        "-file", csr.toString());
    keytool("-gencert", "-keystore", caStore.toString(), "-storepass", PASSWORD, "-alias", "ca",
        "-infile", csr.toString(), "-outfile", cert.toString(), "-rfc", "-ext", "san=" + sans, "-validity", "2");
    keytool("-importcert", "-noprompt", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", "ca",
        "-file", caPem.toString());
    keytool("-importcert", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", "server",
        "-file", cert.toString());
    return store;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
