package dev.ideaforge.api.jobs;

import dev.ideaforge.api.messages.MessageJson;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job with its discussion steps (by order), messages (oldest first) and model usage. */
@Schema(name = "JobDetail")
record JobDetailJson(
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
    Instant updatedAt,
    List<StepJson> steps,
    List<MessageJson> messages,
    UsageJson usage) {

  /** What the job's agents cost: model calls that produced a message or step, and tokens. */
  @Schema(name = "Usage")
  record UsageJson(long llmCalls, long promptTokens, long completionTokens) {}

  static JobDetailJson of(
      JobJson job, List<StepJson> steps, List<MessageJson> messages, UsageJson usage) {
    return new JobDetailJson(
        job.id(),
        job.initialPrompt(),
        job.prompt(),
        job.requirementsSummary(),
        job.status(),
        job.errorMessage(),
        job.isPaused(),
        job.tokenBudget(),
        job.createdAt(),
        job.updatedAt(),
        steps,
        messages,
        usage);
  }
}
