package dev.ideaforge.api.auth;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token settings. The secret comes from {@code JWT_SECRET}; {@link TokenService} refuses to start
 * without a strong one outside the dev profile.
 *
 * @param secret the HS256 signing secret, at least 32 bytes
 * @param accessTokenLifetime how long an access token is accepted (default 30 minutes)
 * @param refreshTokenLifetime how long a refresh token can be exchanged (default 7 days)
 * @param refreshPurgeInterval how often expired refresh tokens are deleted ({@code
 *     JWT_REFRESH_PURGE_INTERVAL}, default 1 hour; 0 switches the purge off). An empty environment
 *     variable (as docker compose passes it) means the default.
 */
@Validated
@ConfigurationProperties("ideaforge.jwt")
public record JwtSettings(
    String secret,
    @DefaultValue("30m") @NotNull Duration accessTokenLifetime,
    @DefaultValue("7d") @NotNull Duration refreshTokenLifetime,
    @DefaultValue("1h") @NotNull Duration refreshPurgeInterval) {

  public JwtSettings {
    if (refreshPurgeInterval != null && refreshPurgeInterval.isNegative()) {
      throw new IllegalArgumentException(
          "ideaforge.jwt.refresh-purge-interval must not be negative (0 switches it off)");
    }
  }

  @Override
  public String toString() {
    // Never print the secret, whatever logs this record.
    return "JwtSettings[secret=<redacted>, accessTokenLifetime="
        + accessTokenLifetime
        + ", refreshTokenLifetime="
        + refreshTokenLifetime
        + ", refreshPurgeInterval="
        + refreshPurgeInterval
        + "]";
  }
}
