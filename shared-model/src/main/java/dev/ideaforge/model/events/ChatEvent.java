package dev.ideaforge.model.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A chat message was stored; {@code id} is the message id. */
public record ChatEvent(
    UUID id,
    UUID jobId,
    String role,
    String sender,
    String content,
    JsonNode metadata,
    Instant timestamp)
    implements JobEvent {

  @Override
  public String kind() {
    return "chat";
  }
}
