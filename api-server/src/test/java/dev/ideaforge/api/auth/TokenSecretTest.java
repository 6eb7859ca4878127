package dev.ideaforge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Outside the dev profile the server refuses a missing or short JWT secret. */
class TokenSecretTest {

  private static TokenService create(String secret, String... profiles) {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles(profiles);
    return new TokenService(
        new JwtSettings(secret, Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofHours(1)),
        null,
        null,
        env,
        Clock.systemUTC());
  }

  @Test
  void missingSecretOutsideDevRefusesToStart() {
    assertThatThrownBy(() -> create(null)).hasMessageContaining("JWT_SECRET is not set");
    assertThatThrownBy(() -> create("", "prod")).hasMessageContaining("JWT_SECRET is not set");
  }

  @Test
  void shortSecretOutsideDevRefusesToStart() {
    assertThatThrownBy(() -> create("only-31-bytes-long-secret-value"))
        .hasMessageContaining("shorter than 32 bytes");
  }

  @Test
  void devProfileRunsWithoutSecret() {
    assertThat(create(null, "dev")).isNotNull();
  }

  @Test
  void settingsNeverPrintTheSecret() {
    JwtSettings settings =
        new JwtSettings(
            "super-secret-value-0123456789-abcdef",
            Duration.ofMinutes(1),
            Duration.ofDays(1),
            Duration.ofHours(1));
    assertThat(settings.toString()).doesNotContain("super-secret");
  }
}
