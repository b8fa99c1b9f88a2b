package dev.jbuild.daemon.registry;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.HttpClientBuilder;

/**
 * jib's {@link FailoverHttpClient} (HTTPS, falling back to insecure HTTPS and then HTTP for loopback
 * registries, retrying I/O errors) on HTTP transports of ours, built as jib builds its own, plus a
 * {@link ManifestBodies} that keeps the manifests' bytes and a hook told of every response the registry sends
 * (the call's watchdog measures the registry's silence). jib builds its transports privately; the one way
 * to hand it others is its package-private constructor taking transport factories (jib-core 0.27.3, the
 * version the parent pom pins; JibTransportTest fails if it goes away). Shutting the client down closes
 * its transports, which ends a transfer in progress: that is how a call is cancelled.
 */
final class JibHttpClients {
  private static final Constructor<FailoverHttpClient> WITH_TRANSPORTS = withTransports();

  private JibHttpClients() {}

  /**
   * @param insecureFailover as jib's {@code enableHttpAndInsecureFailover}: true for loopback registries
   * @param authOverHttp     as jib's {@code sendAuthorizationOverHttp}: credentials may go over plain HTTP
   * @param manifests        receives the bodies of the manifests the client fetches
   * @param answered         run when a response's head arrives (not when a request goes out: jib retries a
   *                         silent registry's requests for about a minute)
   */
  static FailoverHttpClient create(boolean insecureFailover, boolean authOverHttp, Consumer<LogEvent> logger,
      ManifestBodies manifests, Runnable answered) {
    HttpResponseInterceptor heard = (response, context) -> answered.run();
    Supplier<HttpTransport> secure = () -> new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
        .setSSLSocketFactory(SSLConnectionSocketFactory.getSystemSocketFactory())
        .addInterceptorFirst(heard).addInterceptorLast(manifests).build());
    Supplier<HttpTransport> insecure = () -> new ApacheHttpTransport(insecureBuilder()
        .addInterceptorFirst(heard).addInterceptorLast(manifests).build());
    try {
      return WITH_TRANSPORTS.newInstance(insecureFailover, authOverHttp, logger, secure, insecure, true);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create jib's HTTP client: " + e, e);
    }
  }

  /** Trusts any certificate and host name: only used when jib fails over for a loopback registry. */
  private static HttpClientBuilder insecureBuilder() {
    try {
      return ApacheHttpTransport.newDefaultHttpClientBuilder().setSSLSocketFactory(null)
          .setSSLContext(SslUtils.trustAllSSLContext()).setSSLHostnameVerifier(new NoopHostnameVerifier());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  private static Constructor<FailoverHttpClient> withTransports() {
    try {
      Constructor<FailoverHttpClient> c = FailoverHttpClient.class.getDeclaredConstructor(boolean.class,
          boolean.class, Consumer.class, Supplier.class, Supplier.class, boolean.class);
      c.setAccessible(true);
      return c;
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new ExceptionInInitializerError("jib-core's FailoverHttpClient(boolean, boolean, Consumer, "
          + "Supplier<HttpTransport>, Supplier<HttpTransport>, boolean) is gone: " + e);
    }
  }
}
