package dev.ideaforge.worker.workflow;

/**
 * The rule of a job's token budget: no model call once the job's agents have used it up. No
 * database, no Temporal.
 */
final class TokenBudget {

  private TokenBudget() {}

  /**
   * Whether a job that used {@code used} tokens may not call the model again.
   *
   * @param budget the job's budget; null (jobs created before budgets) means no limit
   */
  static boolean spent(long used, Long budget) {
    return budget != null && used >= budget;
  }

  /** The status message of a job paused because its budget is spent. */
  static String pausedMessage(long used, long budget) {
    return "Paused: this job has used "
        + used
        + " of its "
        + budget
        + " tokens. Raise its token_budget (PATCH /api/jobs/<id>/) and resume it to continue.";
  }
}
