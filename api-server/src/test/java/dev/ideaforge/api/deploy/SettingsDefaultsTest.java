package dev.ideaforge.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.SettingsDefaults;
import org.junit.jupiter.api.Test;

/**
 * Each api-server setting's default is written once (its settings record, else application.yml),
 * and .env.template, the README and docker compose state the same value, compared as the server
 * binds it. Without a Spring context: binding alone is enough.
 */
class SettingsDefaultsTest {

  private static final SettingsDefaults DEFAULTS =
      SettingsDefaults.of("api-server/src/main/resources/application.yml", "dev.ideaforge");

  @Test
  void everyPlaceStatesTheSameDefault() {
    assertThat(DEFAULTS.disagreements()).isEmpty();
  }

  @Test
  void theCheckSeesTheServersSettings() {
    // A sample, so a parsing slip cannot turn the check above into one of nothing.
    assertThat(DEFAULTS.variables())
        .contains(
            "PORT", "JWT_ACCESS_TOKEN_LIFETIME", "WS_MAX_MESSAGE_BYTES", "TEMPORAL_TASK_QUEUE");
    assertThat(DEFAULTS.readme()).containsKeys("WS_MAX_MESSAGE_BYTES", "RATE_LIMIT_CHAT_PER_USER");
    assertThat(DEFAULTS.compose()).containsKey("JWT_ACCESS_TOKEN_LIFETIME");
  }
}
