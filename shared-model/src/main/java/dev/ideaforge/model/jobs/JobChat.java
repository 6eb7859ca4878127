package dev.ideaforge.model.jobs;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.ChatEvent;
import dev.ideaforge.model.events.JobEventLog;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one write path of a chat message, for the API and the agents alike: the message and its
 * {@code chat} event are stored in the caller's transaction, so they commit together.
 */
@Component
public class JobChat {

  private final JobMessageRepository messages;
  private final JobEventLog events;

  public JobChat(JobMessageRepository messages, JobEventLog events) {
    this.messages = messages;
    this.events = events;
  }

  /**
   * @param idempotencyKey set by writers that may retry; null for one-shot writers
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public JobMessage append(
      UUID jobId,
      MessageRole role,
      String sender,
      String content,
      String metadataJson,
      String idempotencyKey,
      Instant now) {
    return store(new JobMessage(jobId, role, sender, content, metadataJson, idempotencyKey, now));
  }

  /**
   * An agent's reply, with its server-owned bookkeeping: what the model call cost and the last
   * transcript position it answered.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public JobMessage appendAgentReply(
      UUID jobId,
      String sender,
      String content,
      String metadataJson,
      String idempotencyKey,
      ModelUsage usage,
      long answeredThrough,
      Instant now) {
    return store(
        new JobMessage(jobId, MessageRole.AGENT, sender, content, metadataJson, idempotencyKey, now)
            .recordAgentTurn(usage, answeredThrough));
  }

  private JobMessage store(JobMessage unsaved) {
    JobMessage message = messages.save(unsaved);
    UUID jobId = message.getJobId();
    MessageRole role = message.getRole();
    events.append(
        jobId,
        new ChatEvent(
            message.getId(),
            jobId,
            role.value(),
            message.getSender(),
            message.getContent(),
            Json.parse(message.getMetadata()),
            message.getCreatedAt()));
    return message;
  }
}
