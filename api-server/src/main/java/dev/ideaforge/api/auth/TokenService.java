package dev.ideaforge.api.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and verifies the HS256 access and refresh tokens. Access tokens are stateless; refresh
 * tokens are also recorded by {@code jti}, so that rotation and logout can revoke them. A login
 * starts a family of refresh tokens that rotation keeps; reusing a rotated token revokes the family
 * (RFC 9700, section 4.14.2).
 *
 * <p>Access tokens carry their family ({@code fam}). Logout and reuse put the family on the Redis
 * deny-list, which {@link #verifyAccess} checks, so its access tokens stop working at once rather
 * than when they expire.
 */
@Service
public class TokenService {

  static final String TYPE_CLAIM = "type";
  static final String FAMILY_CLAIM = "fam";
  static final String ACCESS = "access";
  static final String REFRESH = "refresh";
  static final int MIN_SECRET_BYTES = 32;

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);

  private final JwtSettings settings;
  private final SecretKey key;
  private final RefreshTokenRepository refreshTokens;
  private final AccessTokenDenyList denyList;
  private final Clock clock;

  TokenService(
      JwtSettings settings,
      RefreshTokenRepository refreshTokens,
      AccessTokenDenyList denyList,
      Environment environment,
      Clock clock) {
    this.settings = settings;
    this.refreshTokens = refreshTokens;
    this.denyList = denyList;
    this.clock = clock;
    this.key = Keys.hmacShaKeyFor(secretBytes(settings.secret(), environment));
  }

  private static byte[] secretBytes(String secret, Environment environment) {
    boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES) {
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    if (!dev) {
      throw new IllegalStateException(
          "JWT_SECRET is "
              + (secret == null || secret.isEmpty() ? "not set" : "shorter than 32 bytes")
              + ": set it to a random value of at least 32 bytes (e.g. `openssl rand -base64 48`)."
              + " Only the dev profile may run without one.");
    }
    log.warn(
        "JWT_SECRET is not set (or too short); the dev profile uses a random secret, so tokens"
            + " stop working when this process restarts.");
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    return random;
  }

  /**
   * A fresh access + refresh pair for a user who just proved who they are: a new family, named
   * after its first refresh token (as the migration named the families of older tokens).
   */
  @Transactional
  public TokenPair issue(UUID userId) {
    UUID refreshJti = UUID.randomUUID();
    return issue(userId, refreshJti, refreshJti);
  }

  private TokenPair issue(UUID userId, UUID refreshJti, UUID family) {
    Instant now = clock.instant();
    Instant refreshExpiry = now.plus(settings.refreshTokenLifetime());
    refreshTokens.save(new RefreshToken(refreshJti, userId, family, now, refreshExpiry));
    Instant accessExpiry = now.plus(settings.accessTokenLifetime());
    return new TokenPair(
        sign(userId, UUID.randomUUID(), ACCESS, family, now, accessExpiry),
        sign(userId, refreshJti, REFRESH, null, now, refreshExpiry));
  }

  /**
   * Verifies an access token; anything else (refresh token, forged, expired, revoked) is rejected.
   * The one place HTTP requests and socket handshakes check the deny-list.
   *
   * @throws DenyListUnavailableException when Redis cannot say whether it was revoked
   */
  public AuthUser verifyAccess(String token) {
    Claims claims = verify(token, ACCESS);
    UUID jti = parseUuid(claims.getId());
    UUID family = familyOf(claims, jti);
    if (denyList.isDenied(jti, family)) {
      throw new InvalidTokenException("Token has been revoked");
    }
    return new AuthUser(userId(claims), jti, family, claims.getExpiration().toInstant());
  }

  /**
   * Exchanges a refresh token for a new pair of the same family; the old refresh token stops
   * working. A reused one revokes its family, which commits although the caller gets a 401.
   */
  @Transactional(noRollbackFor = InvalidTokenException.class)
  public TokenPair rotate(String refreshToken) {
    RefreshToken stored = consume(refreshToken);
    return issue(stored.userId(), UUID.randomUUID(), stored.family());
  }

  /**
   * Logout: the refresh token's whole family stops working, its access tokens included; so does
   * {@code accessToken} when given (the caller's {@code Authorization} header; ignored unless it is
   * a valid access token).
   *
   * @throws DenyListUnavailableException when Redis is away; nothing is revoked then (the
   *     transaction rolls back), so the client can retry
   */
  @Transactional(noRollbackFor = InvalidTokenException.class)
  public void logout(String refreshToken, String accessToken) {
    RefreshToken stored = consume(refreshToken);
    // Only the newest token of a family is usable, so this is belt and braces.
    refreshTokens.revokeFamily(stored.family(), clock.instant());
    denyList.denyFamily(stored.family());
    if (accessToken != null) {
      Claims access;
      try {
        access = verify(accessToken, ACCESS);
      } catch (InvalidTokenException e) {
        return;
      }
      denyList.denyToken(parseUuid(access.getId()), access.getExpiration().toInstant());
    }
  }

  private RefreshToken consume(String refreshToken) {
    Claims claims = verify(refreshToken, REFRESH);
    UUID jti = parseUuid(claims.getId());
    Instant now = clock.instant();
    // The row lock makes two presentations of one token take turns: one of them finds it used.
    RefreshToken stored =
        refreshTokens
            .findForUpdate(jti)
            .orElseThrow(() -> new InvalidTokenException("Token is invalid or expired"));
    if (stored.isRevoked()) {
      // Reuse. RFC 9700 (4.14.2): the server cannot tell whether the legitimate client or an
      // attacker holds the newer token, so it revokes the whole family. That includes the loser
      // of two parallel refreshes of one token (it waited on the lock, then found the token
      // rotated): a second presentation of a used token is reuse, whoever sends it. Clients must
      // not refresh one token twice at once (e.g. from two tabs) or they log themselves out.
      int revoked = refreshTokens.revokeFamily(stored.family(), now);
      log.warn(
          "Reuse of a rotated or revoked refresh token of user {}: family {} revoked ({} live)",
          stored.userId(),
          stored.family(),
          revoked);
      try {
        denyList.denyFamily(stored.family());
      } catch (DenyListUnavailableException e) {
        // The family's refresh tokens are revoked all the same (this commits); its access tokens
        // are refused while Redis is away and expire within one access-token lifetime.
        log.warn(
            "Could not deny the access tokens of family {}: Redis unavailable", stored.family());
      }
      throw new InvalidTokenException("Token is invalid or expired");
    }
    if (stored.isExpired(now)) {
      throw new InvalidTokenException("Token is invalid or expired");
    }
    stored.revoke(now);
    return stored;
  }

  private String sign(
      UUID userId, UUID jti, String type, UUID family, Instant issued, Instant expires) {
    var builder =
        Jwts.builder()
            .subject(userId.toString())
            .id(jti.toString())
            .issuedAt(Date.from(issued))
            .expiration(Date.from(expires))
            .claim(TYPE_CLAIM, type);
    if (family != null) {
      builder.claim(FAMILY_CLAIM, family.toString());
    }
    return builder.signWith(key, Jwts.SIG.HS256).compact();
  }

  private Claims verify(String token, String expectedType) {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("Token is invalid or expired");
    }
    Jws<Claims> jws;
    try {
      // verifyWith + parseSignedClaims rejects unsigned ("alg": "none") tokens outright.
      jws =
          Jwts.parser()
              .verifyWith(key)
              .clock(() -> Date.from(clock.instant()))
              .build()
              .parseSignedClaims(token);
    } catch (JwtException | IllegalArgumentException e) {
      throw new InvalidTokenException("Token is invalid or expired");
    }
    if (!Jwts.SIG.HS256.getId().equals(jws.getHeader().getAlgorithm())) {
      throw new InvalidTokenException("Token is invalid or expired");
    }
    Claims claims = jws.getPayload();
    if (!expectedType.equals(claims.get(TYPE_CLAIM, String.class))) {
      throw new InvalidTokenException("Token has wrong type");
    }
    if (claims.getExpiration() == null || claims.getSubject() == null || claims.getId() == null) {
      throw new InvalidTokenException("Token is invalid or expired");
    }
    return claims;
  }

  /**
   * The token's family. Access tokens issued before families existed have none; each counts as a
   * family of its own, as the migration did for refresh tokens.
   */
  private static UUID familyOf(Claims claims, UUID jti) {
    Object family = claims.get(FAMILY_CLAIM);
    return family == null ? jti : parseUuid(family.toString());
  }

  private static UUID userId(Claims claims) {
    return parseUuid(claims.getSubject());
  }

  private static UUID parseUuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("Token is invalid or expired");
    }
  }

  /** An access token and the refresh token that renews it. */
  @Schema(name = "TokenPair")
  public record TokenPair(String access, String refresh) {}
}
