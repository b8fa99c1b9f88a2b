package dev.jbuild.client.context;

/** st_mode file type bits (the values Linux and Go's tar both use). */
public final class FileModes {
  public static final int S_IFMT = 0170000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFLNK = 0120000;

  private FileModes() {}
}
