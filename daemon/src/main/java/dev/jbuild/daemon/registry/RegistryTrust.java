package dev.jbuild.daemon.registry;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of registry connections. jib-core's HTTP client opens TLS through the JVM's default
 * SSLContext and takes no other (PITFALLS.md), so the CA certificates of the daemon config can only reach it
 * there: {@link #install} replaces the process's default context with one whose {@link HostTrustManager}
 * trusts the JVM's CAs for every host and each host's configured CAs for that host alone, and records every
 * rejected certificate for a clear, immediate error. The daemon calls it once at start, before any pull.
 */
public final class RegistryTrust {
  private RegistryTrust() {}

  public static void install(RegistryOptions options) throws GeneralSecurityException {
    Map<String, X509ExtendedTrustManager> byPeer = new HashMap<>();
    for (var e : options.hosts().entrySet()) {
      if (!e.getValue().ca().isEmpty()) {
        Endpoint endpoint;
        try {
          endpoint = Endpoint.of(e.getKey().toString(), options);
        } catch (RegistryException bad) {
          throw new IllegalArgumentException(bad.getMessage(), bad); // HostPort names are valid registries
        }
        byPeer.put(endpoint.tlsPeer(), trustManager(trustStore(e.getValue().ca())));
      }
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new HostTrustManager(trustManager(null), byPeer)}, null);
    SSLContext.setDefault(context);
  }

  private static KeyStore trustStore(List<X509Certificate> cas) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("empty trust store: " + e.getMessage(), e);
    }
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    return store;
  }

  /** The X.509 trust manager of {@code store}; the JVM's default CAs when it is null. */
  private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in " + factory.getAlgorithm());
  }
}
