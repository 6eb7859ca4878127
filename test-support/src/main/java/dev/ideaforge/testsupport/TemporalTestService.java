package dev.ideaforge.testsupport;

import io.temporal.testserver.TestServer;

/**
 * The SDK's in-memory Temporal service bound to a real port, in real time: what the processes under
 * test connect to instead of a Temporal cluster. It keeps everything in memory: a stop or a kill
 * loses every workflow, which is what the drills of the test server's recovery mode need.
 */
public final class TemporalTestService implements LocalTemporal {

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

  @Override
  public synchronized TemporalTestService start() {
    if (server == null) {
      // true locks time skipping: timers take real time, as on a real cluster.
      server = TestServer.createPortBoundServer(port, true);
    }
    return this;
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public int port() {
    return port;
  }

  /** In memory, a kill is a stop: the state is gone either way. */
  @Override
  public void kill() {
    stop();
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }

  public static int freePort() {
    return Ports.free();
  }
}
