package dev.ideaforge.model.events;

import java.time.Instant;
import java.util.UUID;

/** One executive discussion turn was stored. */
public record StepEvent(
    UUID id, UUID jobId, String agent, String message, int order, Instant timestamp)
    implements JobEvent {

  @Override
  public String kind() {
    return "step";
  }
}
