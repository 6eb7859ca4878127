package dev.ideaforge.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.testsupport.TemporalTestService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog and the sweep against the SDK's test server in real time and this run's PostgreSQL.
 * Every job here is one that the old "no progress for the stall timeout" rule restarted: no event
 * and no update for an hour.
 */
class JobRecoveryTest extends RecoveryTestBase {

  static final String PROBE_QUEUE = "recovery-probes";

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    void run(String behaviour);
  }

  @ActivityInterface
  public interface ModelCall {
    void think();
  }

  /** Stand-ins for a job's workflow in the states the watchdog must tell apart. */
  public static class ProbeImpl implements Probe {
    private final ModelCall model =
        Workflow.newActivityStub(
            ModelCall.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(2))
                .build());

    @Override
    public void run(String behaviour) {
      switch (behaviour) {
        case "wait" -> Workflow.sleep(Duration.ofHours(1));
        case "think" -> model.think();
        default -> throw new IllegalStateException("a workflow task that always fails");
      }
    }
  }

  /** A long model call that keeps reporting progress. */
  static class SlowModel implements ModelCall {
    @Override
    public void think() {
      for (int i = 0; i < 60; i++) {
        Activity.getExecutionContext().heartbeat(i);
        sleep(200);
      }
    }
  }

  WorkflowServiceStubs stubs;
  WorkflowClient client;
  WorkerFactory workers;

  @BeforeEach
  void connect() {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(TemporalTestService.shared().target())
                .build());
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
    workers =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    var worker = workers.newWorker(PROBE_QUEUE);
    worker.registerWorkflowImplementationTypes(ProbeImpl.class);
    worker.registerActivitiesImplementations(new SlowModel());
    workers.start();
  }

  @AfterEach
  void disconnect() {
    workers.shutdownNow();
    stubs.shutdownNow();
  }

  @Test
  void theWatchdogLeavesAHeartbeatingTurnAWaitingJobAndAFailingWorkflowAloneAndRestartsALostOne() {
    Job waitingForSlot = job(JobStatus.QUEUED, Duration.ofHours(1));
    Job thinking = job(JobStatus.RUNNING, Duration.ofHours(1));
    Job failing = job(JobStatus.RUNNING, Duration.ofHours(1));
    Job lost = job(JobStatus.COLLECTING, Duration.ofHours(1));
    String waitingRun = startProbe(waitingForSlot, PROBE_QUEUE, "wait");
    String thinkingRun = startProbe(thinking, PROBE_QUEUE, "think");
    String failingRun = startProbe(failing, PROBE_QUEUE, "fail");
    // Nobody polls this queue: its first workflow task stays scheduled and never starts, which is
    // what the test server shows for a task it handed to a killed worker's poll.
    String lostRun = startProbe(lost, "nobody-polls-" + UUID.randomUUID(), "wait");
    JobRecovery recovery = recovery(Duration.ZERO);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    recovery.bindTo(metrics);
    sleep(3000); // longer than the lost-task threshold (1 s) and the probes' task timeout (1 s)

    int restarted = recovery.restartLost();

    assertThat(restarted).isGreaterThanOrEqualTo(1);
    assertThat(currentRun(waitingForSlot)).isEqualTo(waitingRun);
    assertThat(currentRun(thinking)).isEqualTo(thinkingRun);
    assertThat(currentRun(failing)).isEqualTo(failingRun);
    assertThat(status(waitingForSlot))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(status(thinking))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(metrics.get("ideaforge.recovery.failing.workflows").gauge().value())
        .isGreaterThanOrEqualTo(1);
    // The lost run is terminated and the job's workflow starts again from the database.
    assertThat(
            client
                .newUntypedWorkflowStub(
                    JobWorkflow.workflowId(lost.getId()),
                    java.util.Optional.of(lostRun),
                    java.util.Optional.empty())
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(currentRun(lost)).isNotEqualTo(lostRun);
    assertThat(status(lost)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void theSweepStartsAMissingWorkflowButNotOneOfAJobYoungerThanTheGrace() {
    Job old = job(JobStatus.QUEUED, Duration.ofHours(1));
    Job young = job(JobStatus.COLLECTING, Duration.ZERO);
    JobRecovery recovery = recovery(Duration.ofMinutes(10));

    recovery.startMissing(Integer.MAX_VALUE);

    assertThat(status(old)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(client.newUntypedWorkflowStub(JobWorkflow.workflowId(young.getId())))
        .satisfies(
            stub ->
                org.assertj.core.api.Assertions.assertThatThrownBy(stub::describe)
                    .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class));
    // Twice is fine: a workflow that already runs counts as started.
    assertThat(recovery.startMissing(Integer.MAX_VALUE)).isZero();
  }

  @Test
  void onlyOneWorkerAtATimeRunsAPass() throws Exception {
    JobRecovery recovery = recovery(Duration.ZERO);
    try (Connection other = dataSource.getConnection();
        PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
      lock.setLong(1, JobRecovery.LOCK_KEY);
      lock.execute();

      assertThat(recovery.underLock(() -> {})).isFalse();

      try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
        unlock.setLong(1, JobRecovery.LOCK_KEY);
        unlock.execute();
      }
    }
    assertThat(recovery.underLock(() -> {})).isTrue();
  }

  private JobRecovery recovery(Duration startGrace) {
    return recovery(
        client,
        RecoveryMode.TEST_SERVER,
        new RecoverySettings(
            RecoveryMode.TEST_SERVER,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(1),
            startGrace,
            2, // small pages, so paging is exercised
            10_000,
            null));
  }

  private String startProbe(Job job, String queue, String behaviour) {
    Probe probe =
        client.newWorkflowStub(
            Probe.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobWorkflow.workflowId(job.getId()))
                .setTaskQueue(queue)
                .setWorkflowTaskTimeout(Duration.ofSeconds(1))
                .build());
    return WorkflowClient.start(probe::run, behaviour).getRunId();
  }

  private WorkflowExecutionDescription describe(Job job) {
    return client.newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId())).describe();
  }

  private String currentRun(Job job) {
    return describe(job).getExecution().getRunId();
  }

  private WorkflowExecutionStatus status(Job job) {
    return describe(job).getStatus();
  }
}
