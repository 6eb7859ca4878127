package dev.ideaforge.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

/** Free TCP ports for the services a test starts, so parallel runs never collide. */
public final class Ports {

  private Ports() {}

  /** A port nothing listens on right now (the OS picks it; it is released at once). */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
