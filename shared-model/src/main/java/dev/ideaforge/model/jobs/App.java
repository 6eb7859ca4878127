package dev.ideaforge.model.jobs;

import dev.ideaforge.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The final artifact of a job: requirements, discussion and PRD. One per job. */
@Entity
@Table(name = "apps")
public class App extends BaseEntity {

  @Column(name = "job_id", nullable = false, updatable = false)
  private UUID jobId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private String spec;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected App() {}

  public App(UUID jobId, String specJson, Instant now) {
    super(UUID.randomUUID());
    this.jobId = jobId;
    this.spec = specJson;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getSpec() {
    return spec;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
