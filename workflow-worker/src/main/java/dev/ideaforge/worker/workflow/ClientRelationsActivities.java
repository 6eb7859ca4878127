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
   * @param pausable the workflow waits for a resume when told {@link Outcome#PAUSED}; runs started
   *     before pausing existed do not ask
   */
  record Turn(String jobId, int turn, boolean promptEdited, boolean pausable) {}

  /** What a turn did. */
  enum Outcome {
    /** A reply was stored; the interview goes on. */
    REPLIED,
    /** The reply held the requirements summary: it is stored and the job is queued. */
    SUMMARISED,
    /** Nothing was stored: there was nothing new to answer. */
    NOTHING_TO_ANSWER,
    /**
     * Nothing was stored: the model summarised, but the user wrote again meanwhile. The turn must
     * be taken again so that message is answered, never dropped.
     */
    SUPERSEDED,
    /** Nothing was stored and no model was called: the job is paused. Ask again once resumed. */
    PAUSED
  }

  /**
   * @param answeredMessageIds the user messages this turn has seen
   */
  record Reply(Outcome outcome, List<String> answeredMessageIds, long lastEventSeq) {

    boolean replied() {
      return outcome == Outcome.REPLIED || outcome == Outcome.SUMMARISED;
    }
  }
}
