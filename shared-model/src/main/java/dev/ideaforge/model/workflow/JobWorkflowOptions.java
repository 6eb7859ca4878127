package dev.ideaforge.model.workflow;

import dev.ideaforge.model.jobs.Job;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a job's workflow is started, by the API (new job, signal-with-start) and by the worker
 * (resuming unfinished jobs): a readable id, the job's task queue, a memo that lets operators find
 * the job and its owner (nothing that can change later, so it never goes stale), and, when
 * configured, the status search attribute set from the start.
 */
public final class JobWorkflowOptions {

  /**
   * Memo key naming the status search attribute the run keeps up to date. It travels in the start
   * event, so a run decides once whether to upsert it, whatever later deploys configure.
   */
  public static final String STATUS_ATTRIBUTE_MEMO = "statusSearchAttribute";

  /** Every memo key a job's workflow may carry (all string values). */
  public static final List<String> MEMO_KEYS = List.of("jobId", "ownerId", STATUS_ATTRIBUTE_MEMO);

  private JobWorkflowOptions() {}

  public static WorkflowOptions forJob(Job job, TemporalSettings settings) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("jobId", job.getId().toString());
    memo.put("ownerId", job.getUserId().toString());
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(JobWorkflow.workflowId(job.getId()))
            .setTaskQueue(settings.taskQueue())
            // A job whose earlier workflow closed (or was lost) may be started again from its data.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
    String attribute = settings.statusSearchAttributeName();
    if (!attribute.isEmpty()) {
      memo.put(STATUS_ATTRIBUTE_MEMO, attribute);
      options.setTypedSearchAttributes(
          SearchAttributes.newBuilder()
              .set(SearchAttributeKey.forKeyword(attribute), job.getStatus().value())
              .build());
    }
    return options.setMemo(memo).build();
  }
}
