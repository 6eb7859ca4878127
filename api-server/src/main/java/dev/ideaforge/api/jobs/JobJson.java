package dev.ideaforge.api.jobs;

import dev.ideaforge.model.jobs.Job;
import java.time.Instant;
import java.util.UUID;

/** A job in lists. */
record JobJson(
    UUID id,
    String initialPrompt,
    String prompt,
    String requirementsSummary,
    String status,
    String errorMessage,
    boolean isPaused,
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
