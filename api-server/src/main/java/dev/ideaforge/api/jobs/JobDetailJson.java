package dev.ideaforge.api.jobs;

import dev.ideaforge.api.messages.MessageJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A job with its discussion steps (by order) and messages (oldest first). */
record JobDetailJson(
    UUID id,
    String initialPrompt,
    String prompt,
    String requirementsSummary,
    String status,
    String errorMessage,
    Instant createdAt,
    Instant updatedAt,
    List<StepJson> steps,
    List<MessageJson> messages) {

  static JobDetailJson of(JobJson job, List<StepJson> steps, List<MessageJson> messages) {
    return new JobDetailJson(
        job.id(),
        job.initialPrompt(),
        job.prompt(),
        job.requirementsSummary(),
        job.status(),
        job.errorMessage(),
        job.createdAt(),
        job.updatedAt(),
        steps,
        messages);
  }
}
