package dev.ideaforge.worker.workflow;

import io.temporal.activity.ActivityInterface;

/** The executive discussion. These activities run on the executive task queue. */
@ActivityInterface
public interface ExecutiveActivities {

  /**
   * Moves the queued job to {@code running} if fewer than the allowed number of discussions are
   * running, with its {@code status} event. Already running counts as claimed.
   */
  SlotClaim claimExecutiveSlot(String jobId);

  /**
   * One CEO or CTO turn: stores step {@code order} with its {@code step} event, or returns the
   * stored step if this turn was taken before.
   */
  TurnOutcome takeTurn(Turn turn);

  /**
   * The Secretary's PRD: stores the last step, the app with its spec, the {@code done} status and
   * their events in one transaction. Returns the last event seq.
   */
  long writePrd(String jobId, int order);

  record SlotClaim(boolean claimed, long lastEventSeq) {}

  /** {@code agent} is CEO or CTO. */
  record Turn(String jobId, int order, String agent, int round, int maxRounds) {}

  record TurnOutcome(boolean agrees, long lastEventSeq) {}
}
