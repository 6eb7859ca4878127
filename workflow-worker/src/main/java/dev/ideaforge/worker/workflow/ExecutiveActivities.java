package dev.ideaforge.worker.workflow;

import dev.ideaforge.worker.agents.Agent;
import io.temporal.activity.ActivityInterface;

/** The executive discussion. These activities run on the executive task queue. */
@ActivityInterface
public interface ExecutiveActivities {

  /**
   * One CEO or CTO turn: stores step {@code order} with its {@code step} event, or returns the
   * stored step's outcome if this turn was taken before.
   */
  TurnOutcome takeTurn(Turn turn);

  /**
   * The Secretary's PRD: stores the last step, the app with its spec, the {@code done} status and
   * their events in one transaction. Returns the last event seq. Runs started before pausing
   * existed call this; newer ones call {@link #writeSpec}.
   */
  long writePrd(String jobId, int order);

  /** As {@link #writePrd}, but a paused job gets {@code paused} back and no model call. */
  SpecOutcome writeSpec(SpecTurn turn);

  /**
   * {@code agent} is CEO or CTO.
   *
   * @param pausable the workflow waits for a resume when told {@code paused}; runs started before
   *     pausing existed do not ask
   */
  record Turn(String jobId, int order, Agent agent, int round, int maxRounds, boolean pausable) {}

  /**
   * @param paused nothing was stored and no model called: the job is paused
   */
  record TurnOutcome(boolean agrees, long lastEventSeq, boolean paused) {}

  record SpecTurn(String jobId, int order) {}

  /**
   * @param paused nothing was stored and no model called: the job is paused
   */
  record SpecOutcome(boolean paused, long lastEventSeq) {}
}
