package dev.ideaforge.api;

import dev.ideaforge.model.workflow.JobWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;

/** Reads a job's workflow history from the Temporal service, to see what the API asked of it. */
public final class WorkflowHistory {

  private WorkflowHistory() {}

  public static List<HistoryEvent> of(WorkflowClient client, String jobId) {
    return client.fetchHistory(JobWorkflow.workflowId(UUID.fromString(jobId))).getEvents();
  }

  public static List<String> signalNames(WorkflowClient client, String jobId) {
    return of(client, jobId).stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName())
        .toList();
  }

  public static boolean cancelRequested(WorkflowClient client, String jobId) {
    return of(client, jobId).stream()
        .anyMatch(
            e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
  }
}
