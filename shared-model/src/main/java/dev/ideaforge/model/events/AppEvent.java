package dev.ideaforge.model.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The final artifact was stored; {@code version} is 1 for the first PRD, then one more each change.
 */
public record AppEvent(
    UUID id, UUID jobId, String status, JsonNode spec, int version, Instant timestamp)
    implements JobEvent {

  @Override
  public String kind() {
    return "app";
  }
}
