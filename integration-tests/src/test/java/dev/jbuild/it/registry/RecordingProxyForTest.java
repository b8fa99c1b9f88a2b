package dev.jbuild.it.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double: a loopback TCP proxy in front of a real registry that records each HTTP request (method,
 * path, when, on which connection), can slow down or stop the registry's answers to blob requests, and
 * notes when the client closes a connection. Bytes pass through unchanged (a TLS attempt is passed on and
 * not recorded), so the client talks to the real registry.
 */
public final class RecordingProxyForTest implements AutoCloseable {

  /** One HTTP request as the client sent it. */
  public record Request(int connection, String method, String path, long nanos) {
    public boolean isBlob() {
      return path.contains("/blobs/");
    }

    public boolean isManifest() {
      return path.contains("/manifests/");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Request> requests = new ArrayList<>(); // guarded by itself
  private final Map<Integer, Long> clientClosedAt = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> sentToClient = new ConcurrentHashMap<>();
  private final Map<Integer, Request> lastRequest = new ConcurrentHashMap<>();
  private final Set<Integer> registryHungUp = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  /** Bytes per second for answers to blob requests: negative is unlimited, 0 stops them. */
  private volatile long blobRate = -1;

  private RecordingProxyForTest(ServerSocket server, int upstreamPort) {
    this.server = server;
    this.upstreamPort = upstreamPort;
  }

  /** A proxy on a free loopback port, forwarding to 127.0.0.1:{@code upstreamPort}. */
  public static RecordingProxyForTest start(int upstreamPort) throws IOException {
    RecordingProxyForTest proxy = new RecordingProxyForTest(
        new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
    daemonThread("proxy-accept", proxy::acceptLoop).start();
    return proxy;
  }

  /** host:port, as an image name starts. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Answers to blob requests flow at most {@code bytesPerSecond}; 0 stops them (a stalled registry). */
  public void throttleBlobs(long bytesPerSecond) {
    blobRate = bytesPerSecond;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public void clear() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** Bytes of the registry's answers passed to the client on {@code connection} so far. */
  public long sentToClient(int connection) {
    AtomicLong n = sentToClient.get(connection);
    return n == null ? 0 : n.get();
  }

  /**
   * When the client closed {@code connection} (System.nanoTime), waiting up to {@code timeout}; -1 if it is
   * still open (or the registry hung up first).
   */
  public long awaitClientClosed(int connection, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Long at = clientClosedAt.get(connection);
      if (at != null) {
        return at;
      }
      Thread.sleep(10);
    }
    return clientClosedAt.getOrDefault(connection, -1L);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        int id = connections.incrementAndGet();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sentToClient.put(id, new AtomicLong());
        daemonThread("proxy-" + id + "-up", () -> clientToRegistry(id, client, upstream)).start();
        daemonThread("proxy-" + id + "-down", () -> registryToClient(id, upstream, client)).start();
      } catch (IOException e) {
        // closed, or the registry refused: the client sees its connection dropped
      }
    }
  }

  /** Passes the client's bytes on, reading HTTP request heads as they go by; notes the client's close. */
  private void clientToRegistry(int id, Socket client, Socket upstream) {
    try (client; upstream) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = upstream.getOutputStream();
      boolean http = true;
      while (true) {
        if (!http) {
          byte[] buf = new byte[16384];
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          continue;
        }
        int first = in.read();
        if (first < 0) {
          break;
        }
        if (first < 'A' || first > 'Z') { // TLS or anything else: pass it on, unread
          http = false;
          out.write(first);
          continue;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        if (!readHead(in, head)) {
          break;
        }
        out.write(head.toByteArray());
        out.flush();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Request r = new Request(id, requestLine[0], requestLine.length > 1 ? requestLine[1] : "", System.nanoTime());
        lastRequest.put(id, r);
        synchronized (requests) {
          requests.add(r);
        }
        long body = contentLength(lines);
        for (long left = body; left > 0; ) {
          byte[] buf = new byte[(int) Math.min(16384, left)];
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
    } catch (IOException e) {
      // the client reset the connection, or the proxy closed it: either way it is over
    } finally {
      if (!registryHungUp.contains(id)) {
        clientClosedAt.putIfAbsent(id, System.nanoTime());
      }
    }
  }

  /** Passes the registry's answers to the client, at the blob rate when answering a blob request. */
  private void registryToClient(int id, Socket upstream, Socket client) {
    try (upstream; client) {
      InputStream in = upstream.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] buf = new byte[16384];
      long throttledBytes = 0;
      long throttleStart = 0;
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          registryHungUp.add(id);
          return;
        }
        Request r = lastRequest.get(id);
        long rate = r != null && r.isBlob() ? blobRate : -1;
        while (rate == 0) { // stalled: hold the bytes until the rate changes or the client goes away
          if (clientClosedAt.containsKey(id)) {
            return;
          }
          Thread.sleep(20);
          rate = blobRate;
        }
        if (rate > 0) {
          if (throttledBytes == 0) {
            throttleStart = System.nanoTime();
          }
          throttledBytes += n;
          long due = throttleStart + throttledBytes * 1_000_000_000L / rate;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        out.write(buf, 0, n);
        sentToClient.get(id).addAndGet(n);
      }
    } catch (IOException | InterruptedException e) {
      // the client closed the connection (a cancelled download) or the registry did
    }
  }

  private static boolean readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
    byte[] tail = new byte[4];
    while (true) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      System.arraycopy(tail, 1, tail, 0, 3);
      tail[3] = (byte) b;
      if (tail[0] == '\r' && tail[1] == '\n' && tail[2] == '\r' && tail[3] == '\n') {
        return true;
      }
    }
  }

  private static long contentLength(String[] headLines) {
    for (String line : headLines) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  private static Thread daemonThread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
