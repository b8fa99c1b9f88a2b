package dev.jbuild.daemon.registry;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;

/**
 * Trusts a server certificate that the JVM's CAs vouch for, or that the CAs configured for that very peer
 * (host:port) vouch for; a CA configured for one registry vouches for no other host. The host name is checked
 * here too (as jib's HTTP client checks it after the handshake), so that a wrong name fails the handshake and is
 * recorded in {@link TlsFailures} with every other rejection.
 */
final class HostTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager jvm;
  private final Map<String, X509ExtendedTrustManager> byPeer;
  private final DefaultHostnameVerifier names = new DefaultHostnameVerifier();

  /** @param byPeer trust managers of the configured CAs, by {@link TlsPeer} key */
  HostTrustManager(X509ExtendedTrustManager jvm, Map<String, X509ExtendedTrustManager> byPeer) {
    this.jvm = jvm;
    this.byPeer = Map.copyOf(byPeer);
  }

  private interface Check {
    void run(X509ExtendedTrustManager tm) throws CertificateException;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    SSLSession session = socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
    checkServer(chain, session, tm -> tm.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    SSLSession session = engine == null ? null : engine.getHandshakeSession();
    checkServer(chain, session, tm -> tm.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    jvm.checkServerTrusted(chain, authType);
  }

  private void checkServer(X509Certificate[] chain, SSLSession session, Check check) throws CertificateException {
    if (session == null || session.getPeerHost() == null) {
      check.run(jvm);
      return;
    }
    String host = session.getPeerHost();
    String peer = TlsPeer.of(host, session.getPeerPort());
    try {
      trusted(peer, check);
      names.verify(host, chain[0]);
    } catch (CertificateException | SSLException e) {
      TlsFailures.record(peer, e.getMessage());
      throw e instanceof CertificateException c ? c : new CertificateException(e.getMessage(), e);
    }
  }

  private void trusted(String peer, Check check) throws CertificateException {
    try {
      check.run(jvm);
    } catch (CertificateException e) {
      X509ExtendedTrustManager configured = byPeer.get(peer);
      if (configured == null) {
        throw e;
      }
      check.run(configured);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    jvm.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    jvm.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    jvm.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    List<X509Certificate> all = new ArrayList<>(Arrays.asList(jvm.getAcceptedIssuers()));
    byPeer.values().forEach(tm -> all.addAll(Arrays.asList(tm.getAcceptedIssuers())));
    return all.toArray(X509Certificate[]::new);
  }
}
