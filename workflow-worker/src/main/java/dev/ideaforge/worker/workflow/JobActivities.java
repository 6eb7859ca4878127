package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.jobs.JobStatus;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Bookkeeping that only touches the database: where a job stands, the executive slot queue, and
 * ending a job that cannot go on. Retried for as long as the database is away.
 */
@ActivityInterface
public interface JobActivities {

  /**
   * What the database holds about the job, so a new run carries on from there, and the job's plan
   * (fixed the first time it is loaded, so a deploy never changes a running job's commands).
   */
  JobSnapshot loadJob(String jobId);

  /**
   * Marks the job failed with a reason users can read, and appends the {@code status} event. Does
   * nothing to a job that has already finished. Returns the last event seq.
   */
  long failJob(String jobId, String reason);

  /**
   * Moves the queued job to {@code running} when a slot is free for it (first come, first served),
   * with its {@code status} event. A paused job claims none until it is resumed. Already running
   * counts as claimed. Also names the queued jobs that may claim a slot that is still free, so the
   * workflow can wake them.
   */
  SlotClaim claimExecutiveSlot(String jobId);

  /** The queued jobs, oldest first, that a free slot is waiting for: the workflow wakes them. */
  List<String> nextInLine();

  /**
   * A discussion resumed after a pause takes a slot again. A paused discussion holds none, so the
   * slots may all be taken by now: then the job goes back to {@code queued}, next in line, with its
   * {@code status} event, and this returns false.
   */
  boolean retakeSlot(String jobId);

  /**
   * @param status where the job stands
   * @param clientRelationsTurns replies Client Relations has stored
   * @param awaitingReply whether a user message is waiting for an answer
   * @param lastEventSeq the job's last event seq
   * @param plan the settings that shape this job's workflow
   * @param paused the job waits for the user to resume it before its next model call
   * @param discussionBase the order of the last step before the current discussion (0 for the
   *     first; a change request's discussion numbers its steps on from the previous one's)
   */
  record JobSnapshot(
      JobStatus status,
      int clientRelationsTurns,
      boolean awaitingReply,
      long lastEventSeq,
      JobPlan plan,
      boolean paused,
      int discussionBase) {}

  /**
   * @param executiveRounds CEO+CTO rounds before the Secretary writes the PRD without agreement;
   *     stored on the job, so it holds across continue-as-new and restarts
   * @param maxHistoryEvents history length at which a waiting run continues as new
   */
  record JobPlan(int executiveRounds, int maxHistoryEvents) {}

  /**
   * @param claimed the job is running
   * @param wake queued jobs that may claim a slot still free
   */
  record SlotClaim(boolean claimed, long lastEventSeq, List<String> wake) {}
}
