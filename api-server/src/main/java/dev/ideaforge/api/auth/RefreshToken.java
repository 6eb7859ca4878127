package dev.ideaforge.api.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An issued refresh token, by its {@code jti}; revoked on rotation and on logout. Every token
 * belongs to the family its login started, which rotation keeps.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

  @Id private UUID jti;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(nullable = false)
  private UUID family;

  @Column(name = "issued_at", nullable = false)
  private Instant issuedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected RefreshToken() {}

  RefreshToken(UUID jti, UUID userId, UUID family, Instant issuedAt, Instant expiresAt) {
    this.jti = jti;
    this.userId = userId;
    this.family = family;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
  }

  UUID userId() {
    return userId;
  }

  UUID family() {
    return family;
  }

  boolean isRevoked() {
    return revokedAt != null;
  }

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }
}
