package dev.ideaforge.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Access tokens revoked before they expire, in Redis, shared by every api-server: by token ({@code
 * ideaforge:revoked:jti:<jti>}) or by refresh-token family ({@code ideaforge:revoked:fam:<family>},
 * which covers every access token of a login). A key lives as long as the tokens it covers can,
 * then Redis drops it.
 *
 * <p>When Redis cannot be reached this throws {@link DenyListUnavailableException}: callers fail
 * closed.
 */
@Component
class AccessTokenDenyList {

  static final String JTI_PREFIX = "ideaforge:revoked:jti:";
  static final String FAMILY_PREFIX = "ideaforge:revoked:fam:";

  /** api-servers' clocks may differ a little; a token must not outlive its family's key. */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(AccessTokenDenyList.class);

  private final StringRedisTemplate redis;
  private final JwtSettings settings;
  private final Clock clock;

  AccessTokenDenyList(StringRedisTemplate redis, JwtSettings settings, Clock clock) {
    this.redis = redis;
    this.settings = settings;
    this.clock = clock;
  }

  static String jtiKey(UUID jti) {
    return JTI_PREFIX + jti;
  }

  static String familyKey(UUID family) {
    return FAMILY_PREFIX + family;
  }

  /** Whether the token or its family is revoked: one round trip, EXISTS over both keys. */
  boolean isDenied(UUID jti, UUID family) {
    Long found;
    try {
      found = redis.countExistingKeys(List.of(jtiKey(jti), familyKey(family)));
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
    return found != null && found > 0;
  }

  /**
   * Revokes every access token of a family. Its newest token was issued at the latest now, so the
   * key lives one access-token lifetime.
   */
  void denyFamily(UUID family) {
    set(familyKey(family), settings.accessTokenLifetime());
  }

  /** Revokes one access token, for what remains of its life. */
  void denyToken(UUID jti, Instant expiresAt) {
    Duration remaining = Duration.between(clock.instant(), expiresAt);
    if (!remaining.isNegative()) {
      set(jtiKey(jti), remaining);
    }
  }

  private void set(String key, Duration ttl) {
    try {
      redis.opsForValue().set(key, "1", ttl.plus(CLOCK_MARGIN));
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  private static DenyListUnavailableException unavailable(RuntimeException e) {
    log.debug("Token deny-list unavailable: {}", e.getMessage());
    return new DenyListUnavailableException(e);
  }
}
