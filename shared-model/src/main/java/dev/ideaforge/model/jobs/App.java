package dev.ideaforge.model.jobs;

import dev.ideaforge.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The final artifact of a job: requirements, discussion and PRD. One per job; it holds the latest
 * version of the spec, and {@link AppVersion} every version.
 */
@Entity
@Table(name = "apps")
public class App extends BaseEntity {

  @Column(name = "job_id", nullable = false, updatable = false)
  private UUID jobId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private String spec;

  /** The version {@link #spec} is: 1 for the first PRD, one more for each change request. */
  @Column(nullable = false)
  private int version;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected App() {}

  public App(UUID jobId, String specJson, Instant now) {
    super(UUID.randomUUID());
    this.jobId = jobId;
    this.spec = specJson;
    this.version = 1;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** The next version of the spec replaces this one (which stays in {@link AppVersion}). */
  public void revise(String specJson, Instant now) {
    this.spec = specJson;
    this.version++;
    this.updatedAt = now;
  }

  public int getVersion() {
    return version;
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
