package dev.jbuild.client.progress;

import java.io.PrintStream;
import java.util.Locale;

/** docker build's --progress values. */
public enum ProgressMode {
  AUTO, TTY, PLAIN, RAWJSON;

  public static ProgressMode parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid progress mode \"" + value + "\": use auto, tty, plain or rawjson");
    }
  }

  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** auto is tty on a terminal, plain otherwise (System.console() is null when a stream is redirected). */
  public ProgressRenderer newRenderer(PrintStream err, Clock clock) {
    switch (this) {
      case TTY:
        return new TtyRenderer(err, clock);
      case PLAIN:
        return new PlainRenderer(err, clock);
      case RAWJSON:
        return new RawJsonRenderer(err);
      default:
        return System.console() != null ? new TtyRenderer(err, clock) : new PlainRenderer(err, clock);
    }
  }

  /** Monotonic time source, replaceable in tests. */
  @FunctionalInterface
  public interface Clock {
    long nanoTime();

    Clock SYSTEM = System::nanoTime;
  }
}
