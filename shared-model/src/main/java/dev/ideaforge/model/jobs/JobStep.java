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

/** One turn of the executive discussion; {@code order} is unique per job. */
@Entity
@Table(name = "job_steps")
public class JobStep extends BaseEntity {

  @Column(name = "job_id", nullable = false, updatable = false)
  private UUID jobId;

  @Column(name = "agent_name", nullable = false)
  private String agentName;

  @Column(nullable = false)
  private String message;

  @Column(name = "\"order\"", nullable = false)
  private int order;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private String metadata;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Embedded private ModelUsage usage;

  /** The last transcript position the speaker saw (so each comment is addressed once). */
  @Column(name = "answered_position", updatable = false)
  private Long answeredPosition;

  protected JobStep() {}

  public JobStep(
      UUID jobId,
      String agentName,
      String message,
      int order,
      String metadataJson,
      Instant createdAt) {
    super(UUID.randomUUID());
    this.jobId = jobId;
    this.agentName = agentName;
    this.message = message;
    this.order = order;
    this.metadata = metadataJson == null ? "{}" : metadataJson;
    this.createdAt = createdAt;
  }

  /** A step the worker stored from a model call, with what the call cost. */
  public JobStep(
      UUID jobId,
      String agentName,
      String message,
      int order,
      String metadataJson,
      ModelUsage usage,
      Instant createdAt) {
    this(jobId, agentName, message, order, metadataJson, createdAt);
    this.usage = usage;
  }

  /** Records the last transcript position this step's speaker saw; returns this step. */
  public JobStep answering(long position) {
    this.answeredPosition = position;
    return this;
  }

  public Long getAnsweredPosition() {
    return answeredPosition;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getAgentName() {
    return agentName;
  }

  public String getMessage() {
    return message;
  }

  public int getOrder() {
    return order;
  }

  public String getMetadata() {
    return metadata;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
