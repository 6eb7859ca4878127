package dev.ideaforge.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the operations surface beyond the probes.
 *
 * @param token the operator's bearer token ({@code MANAGEMENT_TOKEN}) for {@code
 *     /actuator/prometheus} and health details; empty (the default) means nobody can read them over
 *     HTTP. At least 32 characters when set.
 */
@ConfigurationProperties("ideaforge.management")
record ManagementSettings(String token) {

  static final int MIN_TOKEN_LENGTH = 32;

  ManagementSettings {
    token = token == null ? "" : token.strip();
    if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "MANAGEMENT_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters long.");
    }
  }

  boolean tokenConfigured() {
    return !token.isEmpty();
  }

  @Override
  public String toString() {
    // Never print the token, whatever logs this record.
    return "ManagementSettings[token=" + (tokenConfigured() ? "<redacted>" : "<none>") + "]";
  }
}
