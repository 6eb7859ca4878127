package dev.ideaforge.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StoredJobEvent;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobChat;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.testsupport.Ports;
import dev.ideaforge.testsupport.TemporalDevService;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.EncodedValues;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recovery in cluster mode against a real Temporal service (the CLI's dev server), whose visibility
 * lists closed workflows: a job whose workflow was terminated or cancelled from outside fails with
 * a plain reason instead of hanging, and a job no workflow knows gets one. Nobody polls the task
 * queue here, so every workflow stays exactly where the test put it.
 */
class ClusterRecoveryTest extends RecoveryTestBase {

  /** The queue of {@link Idle}: workflows there are processed, so a cancel request ends them. */
  static final String IDLE_QUEUE = "cluster-recovery-idle";

  static TemporalDevService devServer;
  static WorkflowServiceStubs stubs;
  static WorkflowClient client;
  static WorkerFactory workers;

  /** A stand-in for a job's workflow (any type) that waits until it is cancelled. */
  public static class Idle implements DynamicWorkflow {
    @Override
    public Object execute(EncodedValues args) {
      Workflow.await(() -> false);
      return null;
    }
  }

  @Autowired JobChat chat;
  @Autowired JobEventLog events;

  @BeforeAll
  static void startTemporal() {
    devServer = new TemporalDevService(Ports.free()).start();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(devServer.target()).build());
    client = WorkflowClient.newInstance(stubs);
    workers = WorkerFactory.newInstance(client);
    workers.newWorker(IDLE_QUEUE).registerWorkflowImplementationTypes(Idle.class);
    workers.start();
  }

  @AfterAll
  static void stopTemporal() {
    workers.shutdownNow();
    stubs.shutdownNow();
    devServer.close();
  }

  @Test
  void aJobWhoseWorkflowAnOperatorTerminatedFailsWithTheirReasonAndAStatusEvent() {
    Job job = job(JobStatus.COLLECTING);
    start(job);
    stub(job).terminate("the model endpoint is being replaced");

    awaitClosedRunCheck(() -> status(job) == JobStatus.FAILED);

    assertThat(reload(job).getErrorMessage())
        .isEqualTo(
            "An operator stopped this job's workflow (the model endpoint is being replaced)."
                + ClosedRunRules.RETRY_HINT);
    StoredJobEvent last = lastEvent(job);
    assertThat(last.kind()).isEqualTo("status");
    assertThat(last.payload()).contains("\"failed\"").contains("An operator stopped");
  }

  @Test
  void aJobWhoseWorkflowWasCancelledFailsAndItsSlotWakesTheNextQueuedJob() {
    Job running = job(JobStatus.RUNNING);
    Job queued = job(JobStatus.QUEUED);
    jdbc.update(
        "update jobs set queued_at = now() - interval '1 day' where id = ?", queued.getId());
    start(running, IDLE_QUEUE);
    start(queued);
    stub(running).cancel();

    awaitClosedRunCheck(() -> status(running) == JobStatus.FAILED);

    assertThat(reload(running).getErrorMessage())
        .isEqualTo("An operator cancelled this job's workflow." + ClosedRunRules.RETRY_HINT);
    assertThat(signalsOf(queued)).contains("slotFreed");
  }

  @Test
  void aRunRecoveryTerminatedToRestartItAndAFinishedJobAreLeftAlone() {
    Job restarted = job(JobStatus.COLLECTING);
    Job done = job(JobStatus.COLLECTING);
    start(restarted);
    start(done);
    stub(restarted).terminate(ClosedRunRules.RESTART_REASON + "lost");
    finishJob(done);
    stub(done).terminate("tidying up");
    Job marker = job(JobStatus.COLLECTING);
    start(marker);
    stub(marker).terminate("a marker: once it is failed, the others were seen too");

    awaitClosedRunCheck(() -> status(marker) == JobStatus.FAILED);

    assertThat(status(restarted)).isEqualTo(JobStatus.COLLECTING);
    assertThat(latestStatus(restarted))
        .as("the job's workflow runs again")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(status(done)).isEqualTo(JobStatus.DONE);
    assertThat(reload(done).getErrorMessage()).isNull();
  }

  @Test
  void theStartupPassFailsATerminatedJobInsteadOfRestartingIt() {
    Job job = job(JobStatus.QUEUED);
    start(job);
    stub(job).terminate("stuck");

    recovery(Duration.ZERO).startMissing(Integer.MAX_VALUE);

    assertThat(status(job)).isEqualTo(JobStatus.FAILED);
    assertThat(latestStatus(job))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  @Test
  void anInterviewThatNoWorkflowKnowsGetsOneButAnAnsweredOneIsLeftAlone() {
    Job orphan = job(JobStatus.COLLECTING);
    Job answered = job(JobStatus.COLLECTING);
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            s ->
                chat.append(
                    answered.getId(),
                    MessageRole.AGENT,
                    "Client Relations",
                    "What problem does it solve?",
                    null,
                    null,
                    Instant.now()));

    recovery(Duration.ZERO).startUnanswered();

    assertThat(latestStatus(orphan))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(latestStatus(answered)).as("no workflow was started").isNull();
  }

  /** Runs closed-run checks, as the worker does every few seconds, until {@code done}. */
  private void awaitClosedRunCheck(BooleanSupplier done) {
    // Visibility is eventually consistent: the closed run is listed shortly after it closes.
    JobRecovery recovery = recovery(Duration.ZERO);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("the closed-run check did its work").isLessThan(deadline);
      recovery.checkClosedRuns();
      sleep(200);
    }
  }

  private JobRecovery recovery(Duration startGrace) {
    return recovery(
        client,
        RecoveryMode.CLUSTER,
        new RecoverySettings(
            RecoveryMode.CLUSTER,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(20),
            startGrace,
            200,
            10_000,
            null));
  }

  /** A job of a new user, created an hour ago, in {@code status}. */
  private Job job(JobStatus status) {
    return job(status, Duration.ofHours(1));
  }

  private void finishJob(Job job) {
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            s -> jdbc.update("update jobs set status = 'done' where id = ?", job.getId()));
  }

  /** The job's workflow, started the way the API starts it, on a queue nobody polls. */
  private void start(Job job) {
    start(job, temporal.taskQueue());
  }

  private void start(Job job, String taskQueue) {
    client
        .newUntypedWorkflowStub(
            "JobWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobWorkflow.workflowId(job.getId()))
                .setTaskQueue(taskQueue)
                .build())
        .start(job.getId().toString());
  }

  private WorkflowStub stub(Job job) {
    return client.newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId()));
  }

  private WorkflowExecutionStatus latestStatus(Job job) {
    try {
      return stub(job).describe().getStatus();
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return null;
    }
  }

  private List<String> signalsOf(Job job) {
    return client.fetchHistory(JobWorkflow.workflowId(job.getId())).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName())
        .toList();
  }

  private StoredJobEvent lastEvent(Job job) {
    List<StoredJobEvent> all = events.after(job.getId(), 0, 1000);
    return all.get(all.size() - 1);
  }

  private JobStatus status(Job job) {
    return reload(job).getStatus();
  }

  private Job reload(Job job) {
    return jobs.findById(job.getId()).orElseThrow();
  }
}
