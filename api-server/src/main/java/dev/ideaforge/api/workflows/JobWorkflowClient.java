package dev.ideaforge.api.workflows;

import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.workflow.JobChange;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.RegisteredSearchAttributes;
import dev.ideaforge.model.workflow.TemporalSettings;
import dev.ideaforge.model.workflow.UserMessageSignal;
import io.grpc.StatusRuntimeException;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API's side of a job's workflow: start it, tell it about user input, cancel it. When Temporal
 * cannot be reached the caller gets a 503 {@link ApiException}, so the request can be undone.
 *
 * <p>Signals use signal-with-start: if the workflow is gone (e.g. the embedded Temporal service was
 * restarted and lost its state), it is started again and carries on from the database.
 */
@Component
public class JobWorkflowClient {

  static final String UNAVAILABLE =
      "The job service is temporarily unavailable; nothing was changed. Please retry.";
  private static final Logger log = LoggerFactory.getLogger(JobWorkflowClient.class);

  private final WorkflowClient client;
  private final TemporalSettings settings;
  private final RegisteredSearchAttributes searchAttributes;

  public JobWorkflowClient(
      WorkflowClient client,
      TemporalSettings settings,
      RegisteredSearchAttributes searchAttributes) {
    this.client = client;
    this.settings = settings;
    this.searchAttributes = searchAttributes;
  }

  /**
   * Starts the job's workflow. A workflow that already runs for the job counts as started: the
   * worker's recovery may have started it between the job's commit and this call, and it reads the
   * same job from the database either way.
   */
  public void start(Job job) {
    call(
        job.getId(),
        () -> {
          try {
            WorkflowClient.start(stub(job)::run, job.getId().toString());
          } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("Workflow of job {} was already running", job.getId());
          }
        });
  }

  public void signalUserMessage(Job job, UUID messageId) {
    signalWithStart(job, wf -> wf.userMessage(new UserMessageSignal(messageId.toString())));
  }

  public void signalPromptUpdated(Job job) {
    signalWithStart(job, JobWorkflow::promptUpdated);
  }

  /**
   * Tells the job's workflow what changed (pause, resume, reopen); a workflow that is gone, or a
   * finished job's that has completed, is started again and reads the job from the database.
   */
  public void signalChange(Job job, JobChange change) {
    signalWithStart(job, wf -> wf.jobChanged(change));
  }

  /** Requests cancellation; a workflow that is already gone is fine. */
  public void cancel(UUID jobId) {
    call(
        jobId,
        () -> {
          try {
            client.newUntypedWorkflowStub(JobWorkflow.workflowId(jobId)).cancel();
          } catch (WorkflowNotFoundException e) {
            log.debug("Workflow of job {} already closed", jobId);
          }
        });
  }

  /**
   * Tells a queued job that an executive slot may be free (a deleted job freed it). Best effort: a
   * queued job also re-checks on its own, so an unreachable Temporal or a missing workflow is only
   * logged.
   */
  public void offerSlot(UUID jobId) {
    try {
      client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(jobId)).slotFreed();
    } catch (WorkflowException | StatusRuntimeException e) {
      log.info("Could not wake queued job {}: {}", jobId, e.getMessage());
    }
  }

  private void signalWithStart(Job job, Consumer<JobWorkflow> signal) {
    call(
        job.getId(),
        () -> {
          JobWorkflow wf = stub(job);
          BatchRequest request = client.newSignalWithStartRequest();
          request.add(wf::run, job.getId().toString());
          request.add(() -> signal.accept(wf));
          client.signalWithStart(request);
        });
  }

  private JobWorkflow stub(Job job) {
    return client.newWorkflowStub(
        JobWorkflow.class, JobWorkflowOptions.forJob(job, settings, searchAttributes.inUse()));
  }

  private void call(UUID jobId, Runnable action) {
    try {
      action.run();
    } catch (WorkflowException | StatusRuntimeException e) {
      log.warn("Temporal call for job {} failed: {}", jobId, e.getMessage());
      throw ApiException.unavailable(UNAVAILABLE);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof StatusRuntimeException) {
        log.warn("Temporal call for job {} failed: {}", jobId, e.getMessage());
        throw ApiException.unavailable(UNAVAILABLE);
      }
      throw e;
    }
  }
}
