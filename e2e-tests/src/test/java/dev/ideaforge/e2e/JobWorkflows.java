package dev.ideaforge.e2e;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a Temporal service holds about jobs' workflows ({@code job-<id>}), read as an operator would
 * with {@code temporal workflow describe} and {@code show}: to check that a restarted service kept
 * the runs and their histories rather than the worker starting them again.
 */
final class JobWorkflows implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  JobWorkflows(String target) {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    client = WorkflowClient.newInstance(stubs);
  }

  /** The run id of the job's current (latest) run. */
  String currentRunId(String jobId) {
    return describe(jobId).getWorkflowExecutionInfo().getExecution().getRunId();
  }

  /** Waits until an activity of the job's current run has been picked up by a worker. */
  void awaitActivityStarted(String jobId, Duration timeout) {
    await(
        jobId,
        "an activity started",
        timeout,
        d ->
            d.getPendingActivitiesList().stream()
                .anyMatch(
                    a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED));
  }

  /**
   * Waits until the job's current run is idle: no activity scheduled, running or waiting to retry,
   * and no workflow task; it waits for a signal (the user, a resume) or a timer.
   */
  void awaitIdle(String jobId, Duration timeout) {
    await(
        jobId,
        "idle",
        timeout,
        d -> d.getPendingActivitiesCount() == 0 && !d.hasPendingWorkflowTask());
  }

  private void await(
      String jobId,
      String what,
      Duration timeout,
      Predicate<DescribeWorkflowExecutionResponse> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    DescribeWorkflowExecutionResponse last = describe(jobId);
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "job-" + jobId + ": " + what + " not within " + timeout + "; last: " + last);
      }
      ServiceProcess.sleep(100);
      last = describe(jobId);
    }
  }

  private DescribeWorkflowExecutionResponse describe(String jobId) {
    return stubs
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId(jobId)))
                .build());
  }

  /** What an operator does in the Temporal UI with "Terminate". */
  void terminate(String jobId, String reason) {
    client.newUntypedWorkflowStub(workflowId(jobId)).terminate(reason);
  }

  /** What an operator does in the Temporal UI with "Cancel". */
  void cancel(String jobId) {
    client.newUntypedWorkflowStub(workflowId(jobId)).cancel();
  }

  /** The answer of the workflow's {@code state} query, as the UI's Queries tab shows it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> state(String jobId) {
    return client.newUntypedWorkflowStub(workflowId(jobId)).query("state", Map.class);
  }

  /** Every event of one run of the job's workflow, in order. */
  List<HistoryEvent> history(String jobId, String runId) {
    return client.fetchHistory(workflowId(jobId), runId).getEvents();
  }

  private static String workflowId(String jobId) {
    return "job-" + jobId;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
