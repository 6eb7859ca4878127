package dev.ideaforge.model.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The job changed status, or was paused or resumed: {@code message} says so in words a user
 * understands, {@code paused} is the job's pause flag after the change (clients read it, not the
 * words). Events stored before the flag existed have none.
 */
public record StatusEvent(
    UUID jobId, String status, String message, boolean paused, Instant timestamp)
    implements JobEvent {

  @Override
  public String kind() {
    return "status";
  }
}
