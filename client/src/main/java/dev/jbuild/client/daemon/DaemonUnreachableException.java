package dev.jbuild.client.daemon;

/** No daemon answered at an address; the message says which and why, for the user. */
public final class DaemonUnreachableException extends Exception {

  public DaemonUnreachableException(DaemonAddress address, String why) {
    super("cannot connect to jbuildd at " + address + ": " + why);
  }
}
