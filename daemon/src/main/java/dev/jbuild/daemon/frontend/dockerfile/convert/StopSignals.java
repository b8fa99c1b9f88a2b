package dev.jbuild.daemon.frontend.dockerfile.convert;

import java.util.Locale;
import java.util.Set;

/** STOPSIGNAL values docker accepts on Linux (moby/sys/signal.ParseSignal): a number or a signal name. */
final class StopSignals {
  private static final Set<String> NAMES = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
      "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP",
      "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH",
      "XCPU", "XFSZ", "RTMIN", "RTMAX");

  private StopSignals() {}

  static boolean isValid(String signal) {
    if (signal.matches("[0-9]+")) {
      try {
        return Integer.parseInt(signal) > 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    String name = signal.toUpperCase(Locale.ROOT);
    name = name.startsWith("SIG") ? name.substring(3) : name;
    return NAMES.contains(name) || name.matches("RTMIN\\+([1-9]|1[0-5])") || name.matches("RTMAX-([1-9]|1[0-4])");
  }
}
