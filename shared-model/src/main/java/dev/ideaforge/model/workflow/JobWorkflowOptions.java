package dev.ideaforge.model.workflow;

import dev.ideaforge.model.jobs.Job;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a job's workflow is started, by the API (new job, signal-with-start) and by the worker
 * (resuming unfinished jobs): a readable id, the job's task queue, a memo that lets operators
 * recognise the job, and, where the namespace has them, the {@link JobSearchAttributes} as the job
 * stands.
 */
public final class JobWorkflowOptions {

  /**
   * Memo key of runs started before {@link JobSearchAttributes}: the name of the one status search
   * attribute such a run keeps up to date. Read, never written, so those runs replay unchanged.
   */
  public static final String STATUS_ATTRIBUTE_MEMO = "statusSearchAttribute";

  /** Memo key of the job's idea: the first line of its prompt, shortened, as first written. */
  public static final String IDEA_MEMO = "idea";

  /** Every memo key a job's workflow may carry (all string values), kept across continue-as-new. */
  public static final List<String> MEMO_KEYS =
      List.of("jobId", "ownerId", IDEA_MEMO, STATUS_ATTRIBUTE_MEMO);

  /** The longest idea a memo shows: enough to recognise a job in a list, not a document. */
  static final int IDEA_LENGTH = 120;

  private JobWorkflowOptions() {}

  /**
   * @param searchAttributes whether to set {@link JobSearchAttributes} (see {@link
   *     RegisteredSearchAttributes#inUse()})
   */
  public static WorkflowOptions forJob(
      Job job, TemporalSettings settings, boolean searchAttributes) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("jobId", job.getId().toString());
    memo.put("ownerId", job.getUserId().toString());
    memo.put(IDEA_MEMO, ideaOf(job.getInitialPrompt()));
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(JobWorkflow.workflowId(job.getId()))
            .setTaskQueue(settings.taskQueue())
            // A job whose earlier workflow closed (or was lost) may be started again from its data.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setMemo(memo);
    if (searchAttributes) {
      options.setTypedSearchAttributes(JobSearchAttributes.of(job));
    }
    return options.build();
  }

  /**
   * The prompt's first non-blank line, without control characters, at most {@link #IDEA_LENGTH}.
   */
  static String ideaOf(String prompt) {
    String line =
        prompt == null
            ? ""
            : prompt
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("")
                .replaceAll("\\p{Cntrl}", " ");
    return line.codePointCount(0, line.length()) <= IDEA_LENGTH
        ? line
        : line.substring(0, line.offsetByCodePoints(0, IDEA_LENGTH - 1)) + "…";
  }
}
