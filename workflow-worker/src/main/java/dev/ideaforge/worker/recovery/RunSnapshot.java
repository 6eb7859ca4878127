package dev.ideaforge.worker.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the Temporal service says about a job's current run, reduced to what the recovery rules
 * read.
 *
 * @param runId the run described; null when the workflow does not exist
 * @param running whether that run is still open
 * @param workflowTaskTimeout the run's workflow task timeout
 * @param workflowTask its pending workflow task, or null when none is pending
 * @param activities its pending activities
 */
record RunSnapshot(
    String runId,
    boolean running,
    Duration workflowTaskTimeout,
    WorkflowTask workflowTask,
    List<Activity> activities) {

  static RunSnapshot missing() {
    return new RunSnapshot(null, false, Duration.ZERO, null, List.of());
  }

  enum TaskState {
    SCHEDULED,
    STARTED
  }

  /**
   * @param state scheduled (waiting for a poller) or started (a worker holds it)
   * @param since when it entered that state
   * @param attempt 1 for a first attempt; more after failures or timeouts
   * @param afterFailure whether the attempt before it failed (e.g. a non-determinism error)
   */
  record WorkflowTask(TaskState state, Instant since, int attempt, boolean afterFailure) {}

  /**
   * @param state scheduled (waiting for a poller, or for its retry) or started (a worker runs it)
   * @param scheduledAt when the current attempt was scheduled, if known
   * @param lastStartedAt when an attempt last started, null if none ever did
   * @param lastHeartbeatAt when it last reported progress, null if never
   * @param attempt the current attempt
   */
  record Activity(
      TaskState state,
      Instant scheduledAt,
      Instant lastStartedAt,
      Instant lastHeartbeatAt,
      int attempt) {}
}
