package dev.ideaforge.worker.recovery;

/** How the worker guards jobs against what the Temporal service may lose. */
public enum RecoveryMode {
  /**
   * The SDK's in-memory Java test server (what {@code scripts/run} starts): it can lose workflow
   * tasks handed to a killed worker and all its state on restart, so a periodic sweep and a
   * watchdog run.
   */
  TEST_SERVER,
  /** A real Temporal cluster: it loses nothing, so only one bounded pass runs at startup. */
  CLUSTER,
  /** Asks the service at startup: the Java test server reports no server version. */
  AUTO
}
