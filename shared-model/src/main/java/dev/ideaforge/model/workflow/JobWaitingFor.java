package dev.ideaforge.model.workflow;

/**
 * What a job's workflow is waiting for, as its {@link JobWorkflow#state()} query tells operators.
 */
public enum JobWaitingFor {
  /** Nothing: it is between steps, or it has finished. */
  NOTHING,
  /** The interview waits for the user's next message (or its idle timeout). */
  USER_REPLY,
  /** The job is queued for an executive slot. */
  EXECUTIVE_SLOT,
  /** The job is paused until its owner resumes it. */
  RESUME,
  /** Client Relations' turn (a model call) is in progress. */
  CLIENT_RELATIONS,
  /** The CEO's turn is in progress. */
  CEO,
  /** The CTO's turn is in progress. */
  CTO,
  /** The Secretary is writing the PRD. */
  SECRETARY,
  /** The database: the job's bookkeeping (loading it, a slot, marking it failed). */
  DATABASE
}
