package dev.ideaforge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RefreshTokenPurgeTest extends ApiTestBase {

  @Autowired RefreshTokenPurge purge;

  @Test
  void purgeDeletesExpiredRowsAndKeepsUnexpiredRevokedOnes() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String userId = register().path("user").path("id").asString();
    UUID expiredRevoked = insert(userId, now.minus(Duration.ofHours(1)), now.minusSeconds(7200));
    UUID expiredUnused = insert(userId, now.minusSeconds(1), null);
    UUID rotated = insert(userId, now.plus(Duration.ofHours(1)), now.minusSeconds(60));
    UUID live = insert(userId, now.plus(Duration.ofDays(7)), null);

    purge.purgeExpired(now);

    List<UUID> left =
        jdbc.queryForList(
            "select jti from refresh_tokens where jti in (?, ?, ?, ?)",
            UUID.class,
            expiredRevoked,
            expiredUnused,
            rotated,
            live);
    // The rotated row stays: it is how a second presentation of that token is recognised.
    assertThat(left).containsExactlyInAnyOrder(rotated, live);
  }

  private UUID insert(String userId, Instant expiresAt, Instant revokedAt) {
    UUID jti = UUID.randomUUID();
    jdbc.update(
        "insert into refresh_tokens (jti, user_id, family, issued_at, expires_at, revoked_at)"
            + " values (?, ?::uuid, ?, ?, ?, ?)",
        jti,
        userId,
        jti,
        Timestamp.from(expiresAt.minus(Duration.ofDays(7))),
        Timestamp.from(expiresAt),
        revokedAt == null ? null : Timestamp.from(revokedAt));
    return jti;
  }
}
