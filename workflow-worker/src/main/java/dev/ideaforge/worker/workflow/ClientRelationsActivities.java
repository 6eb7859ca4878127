package dev.ideaforge.worker.workflow;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The interview: one activity call is one Client Relations turn. */
@ActivityInterface
public interface ClientRelationsActivities {

  /**
   * Answers the user's unanswered messages (all of them together), stores the reply under the key
   * {@code <jobId>:cr:<turn>} with its {@code chat} event, and, when the reply carries the
   * requirements summary, stores it on the job and queues the job. A retry finds the stored reply
   * instead of asking the model again.
   */
  Reply replyToUser(Turn turn);

  /**
   * @param turn 1 for the first reply, then 2, 3…
   * @param promptEdited the user rewrote the idea since the last turn, so answer even if no new
   *     message came
   */
  record Turn(String jobId, int turn, boolean promptEdited) {}

  /**
   * @param replied whether a reply was stored (false when there was nothing to answer)
   * @param answeredMessageIds the user messages this turn has seen
   * @param summaryReady the interview is over and the job is queued
   */
  record Reply(
      boolean replied, List<String> answeredMessageIds, boolean summaryReady, long lastEventSeq) {}
}
