package dev.ideaforge.worker.recovery;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's state from Temporal for {@link LostRunRules}: DescribeWorkflowExecution for the run
 * and its pending activities, and, because the Java test server never fills in the pending workflow
 * task there, the tail of the history for the workflow task.
 */
final class RunInspector {

  private final WorkflowClient client;

  RunInspector(WorkflowClient client) {
    this.client = client;
  }

  /** The workflow's latest run and its status; null when the workflow does not exist. */
  LatestRun latest(String workflowId) {
    DescribeWorkflowExecutionResponse description = describe(workflowId);
    if (description == null) {
      return null;
    }
    var info = description.getWorkflowExecutionInfo();
    return new LatestRun(info.getExecution().getRunId(), info.getStatus());
  }

  /**
   * @param runId the run
   * @param status its status: running, or how it closed
   */
  record LatestRun(String runId, WorkflowExecutionStatus status) {
    boolean running() {
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    }
  }

  /** The event that closed the run (terminated, cancelled, failed…), or null if it has none. */
  HistoryEvent closeEvent(String workflowId, String runId) {
    List<HistoryEvent> events =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                    .setHistoryEventFilterType(
                        HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                    .build())
            .getHistory()
            .getEventsList();
    return events.isEmpty() ? null : events.get(events.size() - 1);
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  RunSnapshot inspect(String workflowId) {
    DescribeWorkflowExecutionResponse description = describe(workflowId);
    if (description == null) {
      return RunSnapshot.missing();
    }
    String runId = description.getWorkflowExecutionInfo().getExecution().getRunId();
    boolean running =
        description.getWorkflowExecutionInfo().getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    Duration taskTimeout =
        Duration.ofSeconds(
            description.getExecutionConfig().getDefaultWorkflowTaskTimeout().getSeconds());
    List<RunSnapshot.Activity> activities = new ArrayList<>();
    for (PendingActivityInfo a : description.getPendingActivitiesList()) {
      activities.add(activityOf(a));
    }
    if (!running || activities.stream().anyMatch(a -> a.state() == RunSnapshot.TaskState.STARTED)) {
      // The rules need nothing more; spare the history read.
      return new RunSnapshot(runId, running, taskTimeout, null, activities);
    }
    RunSnapshot.WorkflowTask task =
        description.hasPendingWorkflowTask()
            ? taskOf(description.getPendingWorkflowTask())
            : taskFromHistory(client.fetchHistory(workflowId, runId).getHistory().getEventsList());
    return new RunSnapshot(runId, true, taskTimeout, task, activities);
  }

  private static RunSnapshot.Activity activityOf(PendingActivityInfo a) {
    RunSnapshot.TaskState state =
        a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
            ? RunSnapshot.TaskState.SCHEDULED
            : RunSnapshot.TaskState.STARTED;
    return new RunSnapshot.Activity(
        state,
        a.hasScheduledTime() ? instant(a.getScheduledTime()) : null,
        a.hasLastStartedTime() ? instant(a.getLastStartedTime()) : null,
        a.hasLastHeartbeatTime() ? instant(a.getLastHeartbeatTime()) : null,
        Math.max(1, a.getAttempt()));
  }

  /** A real server reports the pending workflow task itself. */
  private static RunSnapshot.WorkflowTask taskOf(PendingWorkflowTaskInfo t) {
    boolean started = t.getState() == PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED;
    return new RunSnapshot.WorkflowTask(
        started ? RunSnapshot.TaskState.STARTED : RunSnapshot.TaskState.SCHEDULED,
        instant(started ? t.getStartedTime() : t.getScheduledTime()),
        Math.max(1, t.getAttempt()),
        false);
  }

  /**
   * The pending workflow task as the history shows it: the last workflow-task event tells whether
   * one is scheduled, started or none (completed), and the outcome before it whether it is a retry
   * after a failure.
   */
  static RunSnapshot.WorkflowTask taskFromHistory(List<HistoryEvent> events) {
    int attempt = 1;
    boolean afterFailure = false;
    RunSnapshot.WorkflowTask pending = null;
    for (HistoryEvent event : events) {
      EventType type = event.getEventType();
      switch (type) {
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ->
            pending =
                new RunSnapshot.WorkflowTask(
                    RunSnapshot.TaskState.SCHEDULED,
                    instant(event.getEventTime()),
                    attempt,
                    afterFailure);
        case EVENT_TYPE_WORKFLOW_TASK_STARTED ->
            pending =
                new RunSnapshot.WorkflowTask(
                    RunSnapshot.TaskState.STARTED,
                    instant(event.getEventTime()),
                    attempt,
                    afterFailure);
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
          pending = null;
          attempt = 1;
          afterFailure = false;
        }
        case EVENT_TYPE_WORKFLOW_TASK_FAILED -> {
          attempt++;
          afterFailure = true;
          pending =
              new RunSnapshot.WorkflowTask(
                  RunSnapshot.TaskState.SCHEDULED, instant(event.getEventTime()), attempt, true);
        }
        case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> {
          // A timeout is a lost worker, not a bug: it does not count as a failed attempt.
          pending =
              new RunSnapshot.WorkflowTask(
                  RunSnapshot.TaskState.SCHEDULED,
                  instant(event.getEventTime()),
                  attempt,
                  afterFailure);
        }
        default -> {}
      }
    }
    return pending;
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
