package dev.ideaforge.api.jobs;

import dev.ideaforge.api.messages.MessageJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job with its discussion steps (by order), messages (oldest first) and model usage. */
record JobDetailJson(
    UUID id,
    String initialPrompt,
    String prompt,
    String requirementsSummary,
    String status,
    String errorMessage,
    boolean isPaused,
    Long tokenBudget,
    Instant createdAt,
    Instant updatedAt,
    List<StepJson> steps,
    List<MessageJson> messages,
    UsageJson usage) {

  /** What the job's agents cost: model calls that produced a message or step, and tokens. */
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
