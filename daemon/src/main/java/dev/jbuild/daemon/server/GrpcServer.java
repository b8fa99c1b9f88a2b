package dev.jbuild.daemon.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server on a unix socket (0660, removed on stop) or a TCP port. A socket file left by a dead
 * daemon is replaced; one that still answers belongs to a live daemon and is left alone.
 */
public final class GrpcServer implements AutoCloseable {
  private final Server server;
  private final ListenAddress address;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;

  private GrpcServer(Server server, ListenAddress address, EventLoopGroup boss, EventLoopGroup workers) {
    this.server = server;
    this.address = address;
    this.boss = boss;
    this.workers = workers;
  }

  public static GrpcServer start(ListenAddress address, BindableService service) throws IOException {
    if (address instanceof ListenAddress.Unix unix) {
      Path socket = unix.socket();
      Files.createDirectories(socket.getParent());
      if (Files.exists(socket)) {
        if (answers(socket)) {
          throw new IOException("another daemon is listening on " + address + "; give this one another --addr");
        }
        Files.delete(socket);
      }
      EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
      EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
      Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
          .channelType(EpollServerDomainSocketChannel.class)
          .bossEventLoopGroup(boss)
          .workerEventLoopGroup(workers)
          .addService(service)
          .build()
          .start();
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
      return new GrpcServer(server, address, boss, workers);
    }
    ListenAddress.Tcp tcp = (ListenAddress.Tcp) address;
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(tcp.host(), tcp.port()))
        .addService(service).build().start();
    return new GrpcServer(server, address, null, null);
  }

  private static boolean answers(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public ListenAddress address() {
    return address;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (address instanceof ListenAddress.Unix unix) {
      Files.deleteIfExists(unix.socket());
    }
  }
}
