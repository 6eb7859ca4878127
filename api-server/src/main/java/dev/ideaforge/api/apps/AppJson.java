package dev.ideaforge.api.apps;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.App;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The final artifact: {@code spec} holds requirements, discussion, summary and prd. */
record AppJson(UUID id, UUID jobId, JsonNode spec, Instant createdAt, Instant updatedAt) {

  static AppJson of(App app) {
    return new AppJson(
        app.getId(),
        app.getJobId(),
        Json.parse(app.getSpec()),
        app.getCreatedAt(),
        app.getUpdatedAt());
  }
}
