package dev.jbuild.client;

import dev.jbuild.client.cli.JbuildCommand;
import dev.jbuild.client.cli.UserException;
import dev.jbuild.client.daemon.DaemonUnreachableException;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * The {@code jbuild} CLI. Errors are one line on stderr ("ERROR: ...") with exit status 1; usage errors exit
 * 2 and name the flag. Ends with System.exit: Netty keeps non-daemon threads alive for a while otherwise.
 */
public final class Main {

  // Strong references: java.util.logging forgets levels set on loggers nobody holds.
  private static final Logger NETTY_LOG = Logger.getLogger("io.netty");
  private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

  private Main() {}

  public static void main(String[] args) {
    utf8Console();
    System.exit(run(args));
  }

  /**
   * Names, Dockerfile text and logs are UTF-8 whatever the locale (a Go CLI writes bytes as they are); Java
   * 17 would encode stdout in the locale's charset and print '?' under LANG=C or no LANG at all.
   */
  private static void utf8Console() {
    System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), true,
        StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err)), true,
        StandardCharsets.UTF_8));
  }

  public static int run(String[] args) {
    quietLibraries();
    CommandLine cli = new CommandLine(new JbuildCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("ERROR: " + message(e));
          if (System.getenv("JBUILD_DEBUG") != null) {
            e.printStackTrace(err);
          }
          err.flush();
          return 1;
        });
    return cli.execute(args);
  }

  private static String message(Exception e) {
    if (e instanceof UserException || e instanceof DaemonUnreachableException
        || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    if (e instanceof IOException) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
    if (e instanceof InterruptedException) {
      return "interrupted";
    }
    return "unexpected " + e + " (set JBUILD_DEBUG=1 for the stack trace)";
  }

  /** Netty and gRPC log harmless warnings (e.g. SO_KEEPALIVE on unix sockets) that are not for users. */
  private static void quietLibraries() {
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    NETTY_LOG.setLevel(Level.SEVERE);
    GRPC_LOG.setLevel(Level.SEVERE);
  }
}
