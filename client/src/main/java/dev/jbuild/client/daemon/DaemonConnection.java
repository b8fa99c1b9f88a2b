package dev.jbuild.client.daemon;

import dev.jbuild.proto.control.ControlGrpc;
import dev.jbuild.proto.control.InfoRequest;
import dev.jbuild.proto.control.InfoResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A plaintext gRPC channel to one daemon (unix socket through Netty's epoll transport, or TCP) and its stubs.
 * Lifecycle: {@link #open}, {@link #info} to check that someone answers, calls, {@link #close}.
 */
public final class DaemonConnection implements AutoCloseable {

  static final int CONNECT_TIMEOUT_MILLIS = 3000;
  static final Duration INFO_TIMEOUT = Duration.ofSeconds(5);

  private final DaemonAddress address;
  private final EventLoopGroup group;
  private final ManagedChannel channel;

  private DaemonConnection(DaemonAddress address, EventLoopGroup group, ManagedChannel channel) {
    this.address = address;
    this.group = group;
    this.channel = channel;
  }

  public static DaemonConnection open(DaemonAddress address) {
    // One event loop thread is plenty for a CLI; daemon threads never hold the JVM open.
    EpollEventLoopGroup group = new EpollEventLoopGroup(1, r -> {
      Thread t = new Thread(r, "jbuild-netty");
      t.setDaemon(true);
      return t;
    });
    NettyChannelBuilder builder;
    if (address.isUnix()) {
      builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(address.socketPath()))
          .channelType(EpollDomainSocketChannel.class);
    } else {
      builder = NettyChannelBuilder.forAddress(new InetSocketAddress(address.host(), address.port()))
          .channelType(EpollSocketChannel.class)
          .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }
    ManagedChannel channel = builder.eventLoopGroup(group)
        .usePlaintext()
        .maxInboundMessageSize(64 * 1024 * 1024)
        .build();
    return new DaemonConnection(address, group, channel);
  }

  public DaemonAddress address() {
    return address;
  }

  public ControlGrpc.ControlStub async() {
    return ControlGrpc.newStub(channel);
  }

  /** A blocking stub whose calls fail after {@code timeout} rather than hang. */
  public ControlGrpc.ControlBlockingStub blocking(Duration timeout) {
    return ControlGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks the daemon who it is; the way to learn fast whether anyone answers at the address. */
  public InfoResponse info() throws DaemonUnreachableException {
    try {
      return blocking(INFO_TIMEOUT).info(InfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw unreachable(e);
    }
  }

  /** Turns a failed call into the user-facing "cannot connect" error when it is a connection problem. */
  public DaemonUnreachableException unreachable(StatusRuntimeException e) {
    return new DaemonUnreachableException(address, reason(e.getStatus()));
  }

  static String reason(Status status) {
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "no answer within " + INFO_TIMEOUT.toSeconds() + "s";
    }
    Throwable cause = status.getCause();
    String why = null;
    while (cause != null) {
      if (cause instanceof java.io.FileNotFoundException) {
        return "no such socket (is jbuildd running?)";
      }
      if (cause.getMessage() != null) {
        why = cause.getMessage();
      }
      cause = cause.getCause();
    }
    if (why == null) {
      why = status.getDescription() != null ? status.getDescription() : status.getCode().toString();
    }
    why = why.lines().findFirst().orElse(why);
    // Netty says "connect(..) failed with error(-111): Connection refused"; keep what a user understands.
    int errno = why.lastIndexOf("): ");
    return errno >= 0 ? why.substring(errno + 3) : why;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
  }
}
