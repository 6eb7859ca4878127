package dev.ideaforge.model.workflow;

/**
 * What the API changed about a job, as the {@link JobWorkflow#jobChanged} signal tells its
 * workflow. The database holds the change (committed with its status event); the signal only wakes
 * the workflow, which reads where the job stands from there.
 */
public enum JobChange {
  /** The user paused the job: no model call until it is resumed. */
  PAUSED,
  /** The user resumed a paused job. */
  RESUMED,
  /**
   * A finished job goes on: a change request on a done job, or a retry of a failed one. A run that
   * is just ending starts over from the database instead of completing.
   */
  REOPENED
}
