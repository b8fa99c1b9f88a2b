package dev.jbuild.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, "sha256:" followed by 64 lowercase hex digits. The only algorithm jbuild writes. */
public record Digest(String hex) implements Comparable<Digest> {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Digest {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
    }
  }

  /** Parses "sha256:<hex>"; anything else is an IllegalArgumentException naming the input. */
  public static Digest parse(String s) {
    if (s == null || !s.startsWith("sha256:")) {
      throw new IllegalArgumentException("unsupported digest (want sha256:<hex>): " + s);
    }
    return new Digest(s.substring("sha256:".length()));
  }

  public static Digest of(byte[] bytes) {
    return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  public static Digest of(String utf8) {
    return of(utf8.getBytes(StandardCharsets.UTF_8));
  }

  public static Digest fromHash(MessageDigest done) {
    return new Digest(HexFormat.of().formatHex(done.digest()));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** First 12 hex digits, as docker shows ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }

  @Override
  public int compareTo(Digest o) {
    return hex.compareTo(o.hex);
  }
}
