package dev.ideaforge.model.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * One durable workflow per job, id {@code job-<jobId>}. It takes only the job id and reads
 * everything else from the database through activities, so starting it again for any unfinished job
 * carries on from what is stored.
 */
@WorkflowInterface
public interface JobWorkflow {

  String WORKFLOW_ID_PREFIX = "job-";

  static String workflowId(UUID jobId) {
    return WORKFLOW_ID_PREFIX + jobId;
  }

  @WorkflowMethod
  void run(String jobId);

  /** A user message was stored for this job; the next Client Relations turn answers it. */
  @SignalMethod
  void userMessage(UserMessageSignal signal);

  /** The user edited the initial prompt while the interview is going on. */
  @SignalMethod
  void promptUpdated();

  /**
   * An executive slot may be free: the job, if it is waiting in the queue, tries to claim one. Sent
   * by whoever frees a slot to the oldest queued job; a spurious one is harmless.
   */
  @SignalMethod
  void slotFreed();

  /** The API paused, resumed or reopened the job; the database says how it stands now. */
  @SignalMethod
  void jobChanged(JobChange change);

  /** Where the workflow is, for operators (Temporal UI, CLI). */
  @QueryMethod
  JobWorkflowState state();
}
