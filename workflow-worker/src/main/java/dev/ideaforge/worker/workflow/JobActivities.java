package dev.ideaforge.worker.workflow;

import io.temporal.activity.ActivityInterface;

/** Reads where a job stands, and ends it when it cannot go on. */
@ActivityInterface
public interface JobActivities {

  /** What the database holds about the job, so a new run carries on from there. */
  JobSnapshot loadJob(String jobId);

  /**
   * Marks the job failed with a reason users can read, and appends the {@code status} event. Does
   * nothing to a job that has already finished. Returns the last event seq.
   */
  long failJob(String jobId, String reason);

  /**
   * @param status collecting, queued, running, done or failed
   * @param clientRelationsTurns replies Client Relations has stored
   * @param awaitingReply whether a user message is waiting for an answer
   * @param lastEventSeq the job's last event seq
   */
  record JobSnapshot(
      String status, int clientRelationsTurns, boolean awaitingReply, long lastEventSeq) {}
}
