package dev.ideaforge.api.jobs;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param allowPurge whether {@code DELETE /api/jobs/purge/} works ({@code ALLOW_JOB_PURGE}; on only
 *     in the dev profile)
 * @param maxPromptLength the longest accepted idea (and change request), in characters
 * @param tokenBudget the token budget of a job created without one ({@code JOB_TOKEN_BUDGET},
 *     default 1,000,000): prompt and completion tokens of all its model calls; when spent, the job
 *     pauses. Empty (as docker compose may set it) means the default.
 * @param maxTokenBudget the largest budget a client may give a job ({@code JOB_MAX_TOKEN_BUDGET},
 *     default 10,000,000); empty means the default
 */
// Boxed where a variable maps in: an empty one binds as null, which takes the @DefaultValue
// (a primitive cannot be null, so it would fail to bind).
@Validated
@ConfigurationProperties("ideaforge.jobs")
record JobSettings(
    @DefaultValue("false") Boolean allowPurge,
    @DefaultValue("5000") @Positive int maxPromptLength,
    @Positive Long tokenBudget,
    @Positive Long maxTokenBudget) {

  static final long DEFAULT_TOKEN_BUDGET = 1_000_000;
  static final long DEFAULT_MAX_TOKEN_BUDGET = 10_000_000;

  JobSettings {
    if (tokenBudget == null) {
      tokenBudget = DEFAULT_TOKEN_BUDGET;
    }
    if (maxTokenBudget == null) {
      maxTokenBudget = Math.max(DEFAULT_MAX_TOKEN_BUDGET, tokenBudget);
    }
    if (tokenBudget > maxTokenBudget) {
      throw new IllegalArgumentException(
          "JOB_TOKEN_BUDGET ("
              + tokenBudget
              + ") exceeds JOB_MAX_TOKEN_BUDGET ("
              + maxTokenBudget
              + ")");
    }
  }
}
