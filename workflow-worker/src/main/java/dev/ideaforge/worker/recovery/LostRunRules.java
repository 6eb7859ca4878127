package dev.ideaforge.worker.recovery;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides, from what the Temporal service reports about a job's run, whether the service lost a
 * task of it. Only what is actually lost counts, never "no progress for a while": a job waiting for
 * the user or for an executive slot has no pending task at all, and a run whose activity is running
 * (a model call, maybe a long one) is never touched, so a restart never pays for a turn twice.
 *
 * <p>What is lost, as observed on the SDK's Java test server after a worker was killed with
 * SIGKILL: a workflow task (or activity task) handed to the dead worker's long poll is dropped. The
 * run then shows a task scheduled long ago that no live poller ever started, while this worker has
 * been polling all along. A real server would hand it out again; the test server never does.
 */
final class LostRunRules {

  enum Verdict {
    /** No open run: the sweep starts one. */
    MISSING,
    /** Nothing lost. */
    HEALTHY,
    /** A task of this run was lost: terminate it and start again from the database. */
    LOST,
    /** Its workflow task keeps failing (e.g. non-determinism): for an operator, never restarted. */
    FAILING
  }

  record Diagnosis(Verdict verdict, String reason) {}

  private final Duration lostTaskAfter;

  LostRunRules(Duration lostTaskAfter) {
    this.lostTaskAfter = lostTaskAfter;
  }

  /**
   * @param pollingSince since when this worker has been polling: a task scheduled before a live
   *     poller existed is not lost, merely waiting
   */
  Diagnosis diagnose(RunSnapshot run, Instant now, Instant pollingSince) {
    if (run.runId() == null || !run.running()) {
      return new Diagnosis(Verdict.MISSING, "no open run");
    }
    for (RunSnapshot.Activity activity : run.activities()) {
      if (activity.state() == RunSnapshot.TaskState.STARTED) {
        // A dead worker's activity is retried by the server after its heartbeat timeout.
        return new Diagnosis(Verdict.HEALTHY, "an activity is running");
      }
    }
    RunSnapshot.WorkflowTask task = run.workflowTask();
    if (task != null && (task.afterFailure() || task.attempt() > 1)) {
      return new Diagnosis(
          Verdict.FAILING,
          "its workflow task keeps failing (attempt %d); see the worker log for the cause"
              .formatted(task.attempt()));
    }
    Duration threshold = max(lostTaskAfter, run.workflowTaskTimeout());
    if (Duration.between(pollingSince, now).compareTo(threshold) < 0) {
      return new Diagnosis(Verdict.HEALTHY, "this worker has not polled long enough to tell");
    }
    if (task != null) {
      Duration age = Duration.between(task.since(), now);
      if (task.state() == RunSnapshot.TaskState.SCHEDULED && age.compareTo(threshold) > 0) {
        return new Diagnosis(
            Verdict.LOST,
            "its workflow task was scheduled %ss ago and never started".formatted(age.toSeconds()));
      }
      if (task.state() == RunSnapshot.TaskState.STARTED
          && age.compareTo(run.workflowTaskTimeout().plus(lostTaskAfter)) > 0) {
        return new Diagnosis(
            Verdict.LOST,
            "its workflow task started %ss ago and neither finished nor timed out"
                .formatted(age.toSeconds()));
      }
    }
    for (RunSnapshot.Activity activity : run.activities()) {
      // Only a first attempt that never started: a retry waits for its backoff, and restarting it
      // would reset the retry policy.
      if (activity.lastStartedAt() == null
          && activity.attempt() <= 1
          && activity.scheduledAt() != null
          && Duration.between(activity.scheduledAt(), now).compareTo(threshold) > 0) {
        return new Diagnosis(Verdict.LOST, "an activity was scheduled and never started");
      }
    }
    return new Diagnosis(Verdict.HEALTHY, "nothing lost");
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
