package dev.jbuild.it.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made for one test with openssl (EC P-256, valid two days): {@link #pem} is what a
 * daemon config's {@code ca} lists, {@link #issue} signs server certificates for a TLS {@link TestRegistry}.
 */
public final class TestCa {
  private final Path dir;

  /** A server's certificate and key, PEM files. */
  public record ServerCertificate(Path certificate, Path key) {}

  private TestCa(Path dir) {
    this.dir = dir;
  }

  public static TestCa create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=jbuild test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return new TestCa(dir);
  }

  /** The CA's certificate, PEM. */
  public Path pem() {
    return dir.resolve("ca.pem");
  }

  /**
   * A server certificate for {@code names}: DNS names, and IP addresses written as {@code IP:127.0.0.1}.
   */
  public ServerCertificate issue(String file, List<String> names) throws IOException, InterruptedException {
    List<String> sans = new ArrayList<>();
    for (String n : names) {
      sans.add(n.startsWith("IP:") ? n : "DNS:" + n);
    }
    Path ext = Files.writeString(dir.resolve(file + ".ext"), String.join("\n",
        "subjectAltName=" + String.join(",", sans),
        "basicConstraints=CA:FALSE",
        "keyUsage=critical,digitalSignature",
        "extendedKeyUsage=serverAuth",
        ""));
    openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", file + ".key", "-out", file + ".csr", "-subj", "/CN=" + names.get(0));
    openssl(dir, "x509", "-req", "-in", file + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "2", "-extfile", ext.getFileName().toString(), "-out", file + ".pem");
    return new ServerCertificate(dir.resolve(file + ".pem"), dir.resolve(file + ".key"));
  }

  /** A client context that trusts this CA alone, for the test's own probes. */
  public SSLContext clientContext() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
