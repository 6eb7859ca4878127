package dev.ideaforge.worker.recovery;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.Optional;

/**
 * What becomes of an unfinished job whose latest run is closed. A run that ended on its own (it
 * completed, or it was lost) is started again: the job carries on from the database. A run someone
 * ended from outside (terminated or cancelled, from the Temporal UI or CLI), or that timed out or
 * failed, is the end of the job: it is marked failed with a plain reason, and {@code POST /retry/}
 * carries it on. Terminations by this worker's own recovery restart it.
 */
final class ClosedRunRules {

  /** The reason recovery gives when it terminates a lost run it then starts again. */
  static final String RESTART_REASON = "Restarted from the database: ";

  /** The most of an operator's reason a user's error message repeats. */
  static final int REASON_LENGTH = 200;

  static final String RETRY_HINT = " Retry the job to carry on from where it stopped.";

  private ClosedRunRules() {}

  /**
   * Whether {@link #failureReason} reads the run's closing event for this status: a termination's
   * reason, a failure's type. The others need no history read.
   */
  static boolean readsCloseEvent(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
  }

  /**
   * Returns the reason to fail the job with, shown to its owner; empty when its workflow is to be
   * started again.
   *
   * @param status the latest run's status (not running)
   * @param closeEvent its closing history event, for the reason or the failure; may be null
   */
  static Optional<String> failureReason(WorkflowExecutionStatus status, HistoryEvent closeEvent) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> {
        String reason =
            closeEvent != null && closeEvent.hasWorkflowExecutionTerminatedEventAttributes()
                ? closeEvent.getWorkflowExecutionTerminatedEventAttributes().getReason()
                : "";
        if (reason.startsWith(RESTART_REASON)) {
          yield Optional.empty();
        }
        yield Optional.of(
            "An operator stopped this job's workflow"
                + (plain(reason).isEmpty() ? "" : " (" + plain(reason) + ")")
                + "."
                + RETRY_HINT);
      }
      case WORKFLOW_EXECUTION_STATUS_CANCELED ->
          Optional.of("An operator cancelled this job's workflow." + RETRY_HINT);
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT ->
          Optional.of("This job's workflow ran out of time." + RETRY_HINT);
      case WORKFLOW_EXECUTION_STATUS_FAILED -> {
        String type = failureType(closeEvent);
        yield Optional.of(
            "This job's workflow failed"
                + (type.isEmpty() ? "" : " (" + type + ")")
                + "."
                + RETRY_HINT);
      }
      default -> Optional.empty();
    };
  }

  private static String failureType(HistoryEvent closeEvent) {
    if (closeEvent == null || !closeEvent.hasWorkflowExecutionFailedEventAttributes()) {
      return "";
    }
    Failure failure = closeEvent.getWorkflowExecutionFailedEventAttributes().getFailure();
    return failure.hasApplicationFailureInfo()
        ? plain(failure.getApplicationFailureInfo().getType())
        : "";
  }

  /** An operator's words as one short line: no control characters, bounded. */
  static String plain(String text) {
    String line = text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
    if (line.codePointCount(0, line.length()) <= REASON_LENGTH) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, REASON_LENGTH - 1)) + "…";
  }
}
