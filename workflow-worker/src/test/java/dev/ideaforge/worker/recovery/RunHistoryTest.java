package dev.ideaforge.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pending workflow task as read from a history tail (the Java test server does not report it in
 * DescribeWorkflowExecution).
 */
class RunHistoryTest {

  @Test
  void aSignalAfterACompletedTaskLeavesAScheduledTask() {
    RunSnapshot.WorkflowTask task =
        RunInspector.taskFromHistory(
            events(
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED));

    assertThat(task.state()).isEqualTo(RunSnapshot.TaskState.SCHEDULED);
    assertThat(task.since().getEpochSecond()).isEqualTo(6);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(task.afterFailure()).isFalse();
  }

  @Test
  void aCompletedTaskLeavesNothingPending() {
    assertThat(
            RunInspector.taskFromHistory(
                events(
                    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_TIMER_STARTED)))
        .isNull();
  }

  @Test
  void aFailedTaskMarksTheRetryAsFailing() {
    RunSnapshot.WorkflowTask task =
        RunInspector.taskFromHistory(
            events(
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));

    assertThat(task.state()).isEqualTo(RunSnapshot.TaskState.STARTED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(task.afterFailure()).isTrue();
  }

  @Test
  void aTimedOutTaskIsNotAFailure() {
    RunSnapshot.WorkflowTask task =
        RunInspector.taskFromHistory(
            events(
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED));

    assertThat(task.state()).isEqualTo(RunSnapshot.TaskState.SCHEDULED);
    assertThat(task.afterFailure()).isFalse();
    assertThat(task.attempt()).isEqualTo(1);
  }

  /** Events one second apart, the n-th at second n. */
  private static List<HistoryEvent> events(EventType... types) {
    List<HistoryEvent> events = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      events.add(
          HistoryEvent.newBuilder()
              .setEventId(i + 1)
              .setEventType(types[i])
              .setEventTime(Timestamp.newBuilder().setSeconds(i + 1))
              .build());
    }
    return events;
  }
}
