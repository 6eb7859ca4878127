package dev.ideaforge.api.jobs;

import dev.ideaforge.model.jobs.Job;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A job in lists. */
@Schema(name = "Job")
record JobJson(
    UUID id,
    String initialPrompt,
    String prompt,
    @Schema(types = {"string", "null"}) String requirementsSummary,
    String status,
    @Schema(types = {"string", "null"}) String errorMessage,
    boolean isPaused,
    @Schema(
            types = {"integer", "null"},
            format = "int64",
            description = "null for jobs created before budgets: no limit")
        Long tokenBudget,
    Instant createdAt,
    Instant updatedAt) {

  static JobJson of(Job job) {
    return new JobJson(
        job.getId(),
        job.getInitialPrompt(),
        job.getPrompt(),
        job.getRequirementsSummary(),
        job.getStatus().value(),
        job.getErrorMessage(),
        job.isPaused(),
        job.getTokenBudget(),
        job.getCreatedAt(),
        job.getUpdatedAt());
  }
}
