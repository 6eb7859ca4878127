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
   * their events in one transaction. Returns the last event seq.
   */
  long writePrd(String jobId, int order);

  /** {@code agent} is CEO or CTO. */
  record Turn(String jobId, int order, Agent agent, int round, int maxRounds) {}

  record TurnOutcome(boolean agrees, long lastEventSeq) {}
}
