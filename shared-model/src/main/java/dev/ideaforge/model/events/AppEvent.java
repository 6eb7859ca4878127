package dev.ideaforge.model.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The final artifact was stored. */
public record AppEvent(UUID id, UUID jobId, String status, JsonNode spec, Instant timestamp)
    implements JobEvent {

  @Override
  public String kind() {
    return "app";
  }
}
