package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.DaemonThreads;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure every unfinished job has a running workflow: at startup, then every {@code
 * resume-interval}. A job whose workflow is gone (the Temporal service lost its state, or the
 * workflow was terminated) gets a new one, which carries on from the database.
 */
@Component
@ConditionalOnProperty(name = "ideaforge.worker.enabled", matchIfMissing = true)
class JobResumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobResumer.class);

  private final WorkflowClient client;
  private final JobRepository jobs;
  private final TemporalSettings temporal;
  private final Duration interval;
  private final Duration stallTimeout;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("job-resumer"));

  JobResumer(
      WorkflowClient client, JobRepository jobs, TemporalSettings temporal, AgentSettings agents) {
    this.client = client;
    this.jobs = jobs;
    this.temporal = temporal;
    this.interval = agents.resumeInterval();
    this.stallTimeout = agents.stallTimeout();
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    scheduler.execute(this::resumeSafely);
    if (!interval.isZero() && !interval.isNegative()) {
      scheduler.scheduleWithFixedDelay(
          this::resumeSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void resumeSafely() {
    try {
      int started = resumeUnfinished();
      if (started > 0) {
        log.info("Resumed {} unfinished job(s) whose workflow was missing", started);
      }
      restartStalled();
    } catch (RuntimeException e) {
      log.warn("Could not check unfinished jobs: {}", e.getMessage());
    }
  }

  /** Starts a workflow for each unfinished job that has none; returns how many were started. */
  int resumeUnfinished() {
    int started = 0;
    for (Job job :
        jobs.findByStatusIn(
            EnumSet.of(JobStatus.COLLECTING, JobStatus.QUEUED, JobStatus.RUNNING))) {
      try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", job.getId().toString())) {
        startWorkflow(job);
        started++;
        log.info(
            "Started a workflow for unfinished job {} ({})", job.getId(), job.getStatus().value());
      } catch (WorkflowExecutionAlreadyStarted e) {
        // The usual case: its workflow is alive.
      }
    }
    return started;
  }

  /**
   * Restarts the workflow of every job that has not moved for {@code stall-timeout}. A restarted
   * workflow carries on from the database, and activities are idempotent, so this is safe even if
   * the old run was merely slow. It rescues a workflow whose task was lost, e.g. handed by the
   * SDK's test server to a worker that had just been killed.
   */
  int restartStalled() {
    int restarted = 0;
    for (Job job : jobs.findStalledSince(Instant.now().minus(stallTimeout))) {
      UUID jobId = job.getId();
      try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId.toString())) {
        try {
          client
              .newUntypedWorkflowStub(JobWorkflow.workflowId(jobId))
              .terminate("No progress for " + stallTimeout + "; restarted from the database");
        } catch (WorkflowNotFoundException e) {
          // Gone already: just start it.
        }
        startWorkflow(job);
        restarted++;
        log.warn("Job {} had not moved for {}; restarted its workflow", jobId, stallTimeout);
      } catch (RuntimeException e) {
        log.warn("Could not restart the stalled job {}: {}", jobId, e.getMessage());
      }
    }
    return restarted;
  }

  private void startWorkflow(Job job) {
    JobWorkflow wf =
        client.newWorkflowStub(JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal));
    WorkflowClient.start(wf::run, job.getId().toString());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
