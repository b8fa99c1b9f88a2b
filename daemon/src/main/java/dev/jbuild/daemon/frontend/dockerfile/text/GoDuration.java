package dev.jbuild.daemon.frontend.dockerfile.text;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Go's time.Duration text: {@link #parse} as time.ParseDuration (HEALTHCHECK --interval=1m30s) and
 * {@link #format} as Duration.String (history entries print "30s", "1m30s", "0s"). Values are nanoseconds.
 */
public final class GoDuration {
  private static final Map<String, Long> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("ns", 1L);
    UNITS.put("us", 1_000L);
    UNITS.put("\u00b5s", 1_000L);
    UNITS.put("\u03bcs", 1_000L);
    UNITS.put("ms", 1_000_000L);
    UNITS.put("s", 1_000_000_000L);
    UNITS.put("m", 60_000_000_000L);
    UNITS.put("h", 3_600_000_000_000L);
  }

  private GoDuration() {}

  /** Thrown with Go's message, e.g. {@code time: invalid duration "x"}. */
  public static final class DurationException extends Exception {
    DurationException(String message) {
      super(message);
    }
  }

  public static long parse(String text) throws DurationException {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new DurationException("time: missing unit in duration " + GoText.quote(text));
      }
      Long nanos = UNITS.get(unit);
      if (nanos == null) {
        throw new DurationException("time: unknown unit " + GoText.quote(unit) + " in duration "
            + GoText.quote(text));
      }
      String n = number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number;
      total = total.add(new BigDecimal(n).multiply(BigDecimal.valueOf(nanos)));
    }
    if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    long value = total.longValue(); // Go truncates fractions of a nanosecond
    return negative ? -value : value;
  }

  /** Duration.String: "1h2m3.5s", "1.5ms", "0s". */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < 1_000_000_000L) {
      if (u < 1_000L) {
        return sign + u + "ns";
      }
      if (u < 1_000_000L) {
        return sign + fraction(u, 1_000L) + "\u00b5s";
      }
      return sign + fraction(u, 1_000_000L) + "ms";
    }
    long hours = u / 3_600_000_000_000L;
    long rest = u % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long secondsNanos = rest % 60_000_000_000L;
    StringBuilder b = new StringBuilder(sign);
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      b.append(minutes).append('m');
    }
    return b.append(fraction(secondsNanos, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    String whole = Long.toString(value / unit);
    long frac = value % unit;
    if (frac == 0) {
      return whole;
    }
    int digits = Long.toString(unit).length() - 1;
    String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
    return whole + "." + f;
  }

  private static DurationException invalid(String text) {
    return new DurationException("time: invalid duration " + GoText.quote(text));
  }
}
