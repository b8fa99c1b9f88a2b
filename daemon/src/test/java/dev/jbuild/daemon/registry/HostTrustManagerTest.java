package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes on loopback against a server whose certificate a test CA signed: the CA configured for a
 * host vouches for that host alone, the name is checked, and every rejection is recorded for the transport.
 */
class HostTrustManagerTest {
  @TempDir static Path dir;
  private static Path ca;
  private static SSLServerSocket server;
  private static Thread acceptor;

  @BeforeAll
  static void startServer() throws Exception {
    ca = TestCertificates.ca(dir, "testca");
    Path keys = TestCertificates.server(ca, dir, "registry", "dns:registry.test,ip:127.0.0.1");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, TestCertificates.PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
        InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
        } catch (Exception endOfOneClient) {
          // the client refused the certificate, or the server closed
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    acceptor.join(5_000);
  }

  /** The trust the daemon installs, with the test CA configured for {@code host}. */
  private static SSLContext trusting(String host) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(ca)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    RegistryOptions options = new RegistryOptions(Duration.ofSeconds(5),
        Map.of(HostPort.parse(host), new HostSettings(List.of(), false, false, List.of(cert))));
    SSLContext before = SSLContext.getDefault();
    try {
      RegistryTrust.install(options);
      return SSLContext.getDefault();
    } finally {
      SSLContext.setDefault(before);
    }
  }

  /** A handshake naming {@code host} (as jib's HTTP client does) with the server on loopback. */
  private static void handshake(SSLContext context, String host) throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, server.getLocalPort(),
            true)) {
      tls.startHandshake();
    }
  }

  private static String peer(String host) {
    return TlsPeer.of(host, server.getLocalPort());
  }

  @Test
  void theConfiguredCaVouchesForItsHost() throws Exception {
    String host = "registry.test:" + server.getLocalPort();
    handshake(trusting(host), "registry.test");
  }

  @Test
  void aCaConfiguredForAnotherHostDoesNotVouchAndTheRejectionIsRecorded() throws Exception {
    long before = System.nanoTime();
    SSLContext context = trusting("registry.test:" + (server.getLocalPort() == 1 ? 2 : 1));
    assertThatThrownBy(() -> handshake(context, "registry.test")).isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX path building failed");
    assertThat(TlsFailures.since(peer("registry.test"), before)).hasValueSatisfying(
        reason -> assertThat(reason).contains("unable to find valid certification path"));
  }

  @Test
  void aNameTheCertificateDoesNotHoldIsRefusedDuringTheHandshake() throws Exception {
    long before = System.nanoTime();
    SSLContext context = trusting("localhost:" + server.getLocalPort());
    assertThatThrownBy(() -> handshake(context, "localhost")).isInstanceOf(SSLHandshakeException.class);
    assertThat(TlsFailures.since(peer("localhost"), before)).hasValueSatisfying(
        reason -> assertThat(reason).contains("localhost").contains("subject alternative names"));
  }

  @Test
  void withoutAnyConfiguredCaTheJvmsCasDecide() throws Exception {
    SSLContext context = trusting("other.test");
    assertThatThrownBy(() -> handshake(context, "registry.test")).isInstanceOf(SSLHandshakeException.class);
  }
}
