package dev.ideaforge.api.apps;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.App;
import dev.ideaforge.model.jobs.AppVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The final artifact: {@code spec} holds requirements, discussion, summary and prd, of the latest
 * {@code version} (1 for the first PRD, one more for each change request).
 */
@Schema(name = "App")
record AppJson(
    UUID id, UUID jobId, JsonNode spec, int version, Instant createdAt, Instant updatedAt) {

  static AppJson of(App app) {
    return new AppJson(
        app.getId(),
        app.getJobId(),
        Json.parse(app.getSpec()),
        app.getVersion(),
        app.getCreatedAt(),
        app.getUpdatedAt());
  }

  /** One version of an app's spec, oldest first in {@code GET /api/apps/<id>/versions/}. */
  @Schema(name = "AppVersion")
  record VersionJson(
      int version,
      JsonNode spec,
      @Schema(
              types = {"string", "null"},
              description = "null for version 1")
          String changeRequest,
      Instant createdAt) {

    static VersionJson of(AppVersion v) {
      return new VersionJson(
          v.getVersion(), Json.parse(v.getSpec()), v.getChangeRequest(), v.getCreatedAt());
    }
  }
}
