package dev.ideaforge.api.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * The authenticated caller, taken from a verified access token.
 *
 * @param id the user id (the token's {@code sub})
 * @param tokenId the access token's {@code jti}, by which it can be revoked alone
 * @param family the refresh-token family (the login) the token belongs to, revoked on logout
 * @param tokenExpiresAt when the access token expires (sockets close then)
 */
public record AuthUser(UUID id, UUID tokenId, UUID family, Instant tokenExpiresAt) {

  /** Whether {@code id} names this token or its family (a revocation notice's body). */
  public boolean isRevokedBy(UUID revokedId) {
    return tokenId.equals(revokedId) || family.equals(revokedId);
  }
}
