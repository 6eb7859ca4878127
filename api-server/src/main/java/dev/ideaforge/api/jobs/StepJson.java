package dev.ideaforge.api.jobs;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.JobStep;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One executive discussion turn. */
@Schema(name = "Step")
record StepJson(
    UUID id, String agentName, String message, int order, JsonNode metadata, Instant createdAt) {

  static StepJson of(JobStep s) {
    return new StepJson(
        s.getId(),
        s.getAgentName(),
        s.getMessage(),
        s.getOrder(),
        Json.parse(s.getMetadata()),
        s.getCreatedAt());
  }
}
