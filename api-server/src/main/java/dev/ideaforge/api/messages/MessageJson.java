package dev.ideaforge.api.messages;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.JobMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A chat message as the API shows it. */
@Schema(name = "Message")
public record MessageJson(
    UUID id,
    UUID jobId,
    String role,
    String sender,
    String content,
    JsonNode metadata,
    Instant createdAt) {

  public static MessageJson of(JobMessage m) {
    return new MessageJson(
        m.getId(),
        m.getJobId(),
        m.getRole().value(),
        m.getSender(),
        m.getContent(),
        Json.parse(m.getMetadata()),
        m.getCreatedAt());
  }
}
