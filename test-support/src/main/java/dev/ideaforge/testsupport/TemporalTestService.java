package dev.ideaforge.testsupport;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * The SDK's in-memory Temporal service bound to a real port, in real time: what the processes under
 * test connect to instead of a Temporal cluster. Stop and start it to simulate an outage.
 */
public final class TemporalTestService implements AutoCloseable {

  private static TemporalTestService shared;

  private final int port;
  private TestServer.PortBoundTestServer server;

  public TemporalTestService(int port) {
    this.port = port;
  }

  /** One service per test JVM, started on first use. */
  public static synchronized TemporalTestService shared() {
    if (shared == null) {
      shared = new TemporalTestService(freePort());
      shared.start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-temporal-test-service"));
    }
    return shared;
  }

  public synchronized TemporalTestService start() {
    if (server == null) {
      // true locks time skipping: timers take real time, as on a real cluster.
      server = TestServer.createPortBoundServer(port, true);
    }
    return this;
  }

  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
