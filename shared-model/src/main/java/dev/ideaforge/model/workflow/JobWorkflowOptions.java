package dev.ideaforge.model.workflow;

import dev.ideaforge.model.jobs.Job;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a job's workflow is started, by the API (new job, signal-with-start) and by the worker
 * (resuming unfinished jobs): a readable id, the job's task queue, and a memo that lets operators
 * find the job, its owner and its idea in the Temporal UI.
 */
public final class JobWorkflowOptions {

  private static final int PROMPT_EXCERPT = 120;

  private JobWorkflowOptions() {}

  public static WorkflowOptions forJob(Job job, TemporalSettings settings) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("jobId", job.getId().toString());
    memo.put("ownerId", job.getUserId().toString());
    String prompt = job.getInitialPrompt();
    memo.put(
        "prompt",
        prompt.length() > PROMPT_EXCERPT ? prompt.substring(0, PROMPT_EXCERPT) + "…" : prompt);
    return WorkflowOptions.newBuilder()
        .setWorkflowId(JobWorkflow.workflowId(job.getId()))
        .setTaskQueue(settings.taskQueue())
        // A job whose earlier workflow closed (or was lost) may be started again from its data.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setMemo(memo)
        .build();
  }
}
