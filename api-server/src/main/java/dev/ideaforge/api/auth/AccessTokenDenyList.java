package dev.ideaforge.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * <p>Every revocation is also announced on {@link #CHANNEL} (the revoked jti or family), so every
 * api-server closes the sockets opened with it. A notice is only a hint, checked against the keys
 * before anything closes; pub/sub is at-most-once, so the sockets' periodic sweep checks the keys
 * too ({@link #revokedAmong}).
 *
 * <p>When Redis cannot be reached this throws {@link DenyListUnavailableException}: callers fail
 * closed.
 */
@Component
public class AccessTokenDenyList {

  /** Where revocations are announced; the body is the revoked jti or family, a UUID. */
  public static final String CHANNEL = "ideaforge:tokens:revoked";

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
   * Of the given callers, those whose token or family is revoked: one round trip (MGET) for all.
   *
   * @throws DenyListUnavailableException when Redis cannot be reached
   */
  public Set<AuthUser> revokedAmong(Collection<AuthUser> users) {
    if (users.isEmpty()) {
      return Set.of();
    }
    List<String> keys =
        new ArrayList<>(
            users.stream()
                .flatMap(u -> Stream.of(jtiKey(u.tokenId()), familyKey(u.family())))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    List<String> values;
    try {
      values = redis.opsForValue().multiGet(keys);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
    Set<String> present = new HashSet<>();
    for (int i = 0; values != null && i < keys.size(); i++) {
      if (values.get(i) != null) {
        present.add(keys.get(i));
      }
    }
    return users.stream()
        .filter(
            u -> present.contains(jtiKey(u.tokenId())) || present.contains(familyKey(u.family())))
        .collect(Collectors.toSet());
  }

  /**
   * Revokes every access token of a family. Its newest token was issued at the latest now, so the
   * key lives one access-token lifetime.
   */
  void denyFamily(UUID family) {
    set(familyKey(family), settings.accessTokenLifetime());
    announce(family);
  }

  /** Revokes one access token, for what remains of its life. */
  void denyToken(UUID jti, Instant expiresAt) {
    Duration remaining = Duration.between(clock.instant(), expiresAt);
    if (!remaining.isNegative()) {
      set(jtiKey(jti), remaining);
      announce(jti);
    }
  }

  /** Best effort: a lost notice is made up by the sockets' sweep, which reads the keys. */
  private void announce(UUID revoked) {
    try {
      redis.convertAndSend(CHANNEL, revoked.toString());
    } catch (RuntimeException e) {
      log.warn(
          "Could not announce a token revocation ({}); the socket sweep will find it",
          e.getMessage());
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
