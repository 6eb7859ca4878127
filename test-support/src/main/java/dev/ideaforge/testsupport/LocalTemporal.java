package dev.ideaforge.testsupport;

/**
 * A Temporal service on a local port that a drill starts, stops and kills: the {@code temporal}
 * CLI's dev server ({@link TemporalDevService}) or the SDK's in-memory test server ({@link
 * TemporalTestService}).
 */
public interface LocalTemporal extends AutoCloseable {

  /** Starts the service (again, after a stop or a kill) and returns once it answers. */
  LocalTemporal start();

  /** A graceful stop. */
  void stop();

  /**
   * An abrupt end, like {@code kill -9}: whatever the service keeps on disk is all that is left.
   */
  void kill();

  /** The gRPC address the processes under test connect to ({@code host:port}). */
  String target();

  @Override
  void close();
}
