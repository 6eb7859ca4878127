package dev.ideaforge.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.SettingsDefaults;
import org.junit.jupiter.api.Test;

/**
 * Each worker setting's default is written once (its settings record, else application.yml), and
 * .env.template, the README and docker compose state the same value, compared as the worker binds
 * it. Without a Spring context: binding alone is enough.
 */
class SettingsDefaultsTest {

  private static final SettingsDefaults DEFAULTS =
      SettingsDefaults.of("workflow-worker/src/main/resources/application.yml", "dev.ideaforge");

  @Test
  void everyPlaceStatesTheSameDefault() {
    assertThat(DEFAULTS.disagreements()).isEmpty();
  }

  @Test
  void theCheckSeesTheWorkersSettings() {
    // A sample, so a parsing slip cannot turn the check above into one of nothing.
    assertThat(DEFAULTS.variables())
        .contains("WORKER_PORT", "LLM_MODEL", "AGENT_MAX_USER_ROUNDS", "RECOVERY_SWEEP_INTERVAL");
    assertThat(DEFAULTS.readme()).containsKeys("LLM_MODEL", "AGENT_TURN_TIMEOUT");
    assertThat(DEFAULTS.compose()).containsKey("AGENT_MAX_USER_ROUNDS");
  }
}
