package dev.ideaforge.model.jobs;

import dev.ideaforge.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of an app's spec, written once: version 1 by the first PRD, then one per change. */
@Entity
@Table(name = "app_versions")
public class AppVersion extends BaseEntity {

  @Column(name = "app_id", nullable = false, updatable = false)
  private UUID appId;

  @Column(nullable = false, updatable = false)
  private int version;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, updatable = false)
  private String spec;

  @Column(name = "change_request", updatable = false)
  private String changeRequest;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected AppVersion() {}

  /** The version the app holds now. */
  public AppVersion(App app, String changeRequest) {
    super(UUID.randomUUID());
    this.appId = app.getId();
    this.version = app.getVersion();
    this.spec = app.getSpec();
    this.changeRequest = changeRequest;
    this.createdAt = app.getUpdatedAt();
  }

  public UUID getAppId() {
    return appId;
  }

  public int getVersion() {
    return version;
  }

  public String getSpec() {
    return spec;
  }

  public String getChangeRequest() {
    return changeRequest;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
