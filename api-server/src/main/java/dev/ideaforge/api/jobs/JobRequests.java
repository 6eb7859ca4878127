package dev.ideaforge.api.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The request bodies of {@code /api/jobs/}, for the OpenAPI description. {@link JobService} reads
 * the raw JSON itself, so that every invalid field gets its own DRF-style message. The lengths are
 * the defaults of {@link JobSettings}.
 */
final class JobRequests {

  private JobRequests() {}

  @Schema(name = "CreateJobRequest")
  record Create(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description =
                  "The app idea (up to JOB_MAX_PROMPT_LENGTH characters, 5000 by default)",
              minLength = 1)
          String prompt,
      @Schema(
              description =
                  "Tokens the job may use before it pauses itself (1 to JOB_MAX_TOKEN_BUDGET);"
                      + " default JOB_TOKEN_BUDGET",
              minimum = "1")
          Long tokenBudget) {}

  @Schema(name = "UpdateJobRequest", description = "At least one of the fields")
  record Update(
      @Schema(description = "Only while the job is collecting (else 409)", minLength = 1)
          String initialPrompt,
      @Schema(description = "1 to JOB_MAX_TOKEN_BUDGET, in any status", minimum = "1")
          Long tokenBudget) {}

  @Schema(name = "ChangeRequest")
  record Change(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description = "What to change in the PRD (1 to 5000 characters by default)",
              minLength = 1)
          String requirements) {}
}
