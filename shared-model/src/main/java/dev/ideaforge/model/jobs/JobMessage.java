package dev.ideaforge.model.jobs;

import dev.ideaforge.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One chat turn of a job's interview, from the user, an agent or the system. */
@Entity
@Table(name = "job_messages")
public class JobMessage extends BaseEntity {

  @Column(name = "job_id", nullable = false, updatable = false)
  private UUID jobId;

  /** Insertion order, assigned by the database. */
  @Column(insertable = false, updatable = false)
  private Long position;

  @Column(nullable = false)
  private MessageRole role;

  @Column(nullable = false)
  private String sender;

  @Column(nullable = false)
  private String content;

  /** A JSON object (provider, model, token usage, latency for agent messages). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private String metadata;

  @Column(name = "idempotency_key", updatable = false)
  private String idempotencyKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  /** For an agent reply: the last transcript position it was written from (server-owned). */
  @Column(name = "answered_position", updatable = false)
  private Long answeredPosition;

  @Embedded private ModelUsage usage;

  protected JobMessage() {}

  public JobMessage(
      UUID jobId,
      MessageRole role,
      String sender,
      String content,
      String metadataJson,
      String idempotencyKey,
      Instant createdAt) {
    super(UUID.randomUUID());
    this.jobId = jobId;
    this.role = role;
    this.sender = sender;
    this.content = content;
    this.metadata = metadataJson == null ? "{}" : metadataJson;
    this.idempotencyKey = idempotencyKey;
    this.createdAt = createdAt;
  }

  /** An agent's reply: what the model call cost and how far into the transcript it answered. */
  public JobMessage recordAgentTurn(ModelUsage usage, long answeredThrough) {
    this.usage = usage;
    this.answeredPosition = answeredThrough;
    return this;
  }

  /** Keeps the first user message equal to the job's prompt when the prompt is edited. */
  public void replaceContent(String newContent) {
    this.content = newContent;
  }

  public UUID getJobId() {
    return jobId;
  }

  /** Insertion order within all messages; null on a message inserted in this session. */
  public Long getPosition() {
    return position;
  }

  public MessageRole getRole() {
    return role;
  }

  public String getSender() {
    return sender;
  }

  public String getContent() {
    return content;
  }

  public String getMetadata() {
    return metadata;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** Null unless the worker stored this message as an agent reply. */
  public Long getAnsweredPosition() {
    return answeredPosition;
  }
}
