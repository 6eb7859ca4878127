package dev.ideaforge.worker.recovery;

/** How the worker guards jobs against what the Temporal service may lose. */
public enum RecoveryMode {
  /**
   * The SDK's in-memory Java test server ({@code TEMPORAL_SERVER=test-server} in {@code
   * scripts/run}): it can lose workflow tasks handed to a killed worker and all its state on
   * restart, and lists no workflows, so a periodic sweep of every job and a watchdog run.
   */
  TEST_SERVER,
  /**
   * A real Temporal service (the dev server included): it loses nothing. A startup pass, a check of
   * workflows ended from outside, and a sweep of interviews no workflow may know run.
   */
  CLUSTER,
  /** Asks the service at startup: the Java test server reports no server version. */
  AUTO
}
