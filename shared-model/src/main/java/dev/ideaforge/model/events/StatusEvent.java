package dev.ideaforge.model.events;

import java.time.Instant;
import java.util.UUID;

/** The job changed status; {@code message} says so in words a user understands. */
public record StatusEvent(UUID jobId, String status, String message, Instant timestamp)
    implements JobEvent {

  @Override
  public String kind() {
    return "status";
  }
}
