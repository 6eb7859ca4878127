package dev.ideaforge.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import org.junit.jupiter.api.Test;

class ClosedRunRulesTest {

  @Test
  void aRunAnOperatorTerminatedFailsTheJobWithTheirReasonOnOneShortLine() {
    String reason =
        ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
                terminated("stuck\non a bad\u0000model " + "x".repeat(300)))
            .orElseThrow();

    assertThat(reason).startsWith("An operator stopped this job's workflow (stuck on a bad model");
    assertThat(reason).doesNotContain("\n").doesNotContain("\u0000");
    assertThat(reason).contains("…").endsWith(ClosedRunRules.RETRY_HINT);
    assertThat(reason.length()).isLessThan(ClosedRunRules.REASON_LENGTH + 100);
  }

  @Test
  void aRunTerminatedWithoutAReasonStillSaysWhatHappened() {
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED, terminated("")))
        .contains("An operator stopped this job's workflow." + ClosedRunRules.RETRY_HINT);
  }

  @Test
  void aRunRecoveryTerminatedToRestartItIsStartedAgain() {
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
                terminated(ClosedRunRules.RESTART_REASON + "its workflow task was lost")))
        .isEmpty();
  }

  @Test
  void cancelledTimedOutAndFailedRunsFailTheJob() {
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, null))
        .contains("An operator cancelled this job's workflow." + ClosedRunRules.RETRY_HINT);
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, null))
        .hasValueSatisfying(r -> assertThat(r).contains("ran out of time"));
    HistoryEvent failed =
        HistoryEvent.newBuilder()
            .setWorkflowExecutionFailedEventAttributes(
                WorkflowExecutionFailedEventAttributes.newBuilder()
                    .setFailure(
                        Failure.newBuilder()
                            .setMessage("internal detail")
                            .setApplicationFailureInfo(
                                ApplicationFailureInfo.newBuilder().setType("LLM_REJECTED"))))
            .build();
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, failed))
        .hasValueSatisfying(
            r -> assertThat(r).contains("failed (LLM_REJECTED)").doesNotContain("internal"));
  }

  @Test
  void aRunThatEndedOnItsOwnIsStartedAgain() {
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, null))
        .isEmpty();
    assertThat(
            ClosedRunRules.failureReason(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW, null))
        .isEmpty();
  }

  @Test
  void onlyTerminatedAndFailedRunsNeedTheirClosingEventRead() {
    assertThat(
            java.util.Arrays.stream(WorkflowExecutionStatus.values())
                .filter(s -> s != WorkflowExecutionStatus.UNRECOGNIZED)
                .filter(ClosedRunRules::readsCloseEvent))
        .containsExactlyInAnyOrder(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
  }

  private static HistoryEvent terminated(String reason) {
    return HistoryEvent.newBuilder()
        .setWorkflowExecutionTerminatedEventAttributes(
            WorkflowExecutionTerminatedEventAttributes.newBuilder()
                .setReason(reason)
                .setIdentity("temporal-ui"))
        .build();
  }
}
