package dev.ideaforge.api.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Abuse limits, shared by every api-server through Redis. The defaults are far beyond what a person
 * does; a load generator (the benchmark, the drills) raises them. Every value may be set empty,
 * which means the default written here.
 *
 * @param keyPrefix prefix of the Redis keys of the buckets (to share one Redis between stacks)
 * @param loginPerIp login attempts per client address
 * @param loginFailuresPerAccount failed logins per account (successful ones are free)
 * @param registerPerIp accounts created per client address
 * @param chatPerUser user messages per user, over all sockets and REST together
 * @param jobsPerUser jobs created per user
 * @param maxUnfinishedJobsPerUser jobs per user not yet done or failed (0: no limit)
 * @param passwordHashConcurrency password hashes computed at once (0: half the cores, at least 1)
 * @param passwordHashWait how long a login or registration waits for a hashing slot before 503
 */
@ConfigurationProperties("ideaforge.limits")
public record LimitSettings(
    String keyPrefix,
    Quota loginPerIp,
    Quota loginFailuresPerAccount,
    Quota registerPerIp,
    Quota chatPerUser,
    Quota jobsPerUser,
    Integer maxUnfinishedJobsPerUser,
    Integer passwordHashConcurrency,
    Duration passwordHashWait) {

  public LimitSettings {
    keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "ideaforge:limit:" : keyPrefix;
    loginPerIp = orDefault(loginPerIp, "30/5m");
    loginFailuresPerAccount = orDefault(loginFailuresPerAccount, "10/15m");
    registerPerIp = orDefault(registerPerIp, "10/1h");
    chatPerUser = orDefault(chatPerUser, "30/1m");
    jobsPerUser = orDefault(jobsPerUser, "30/1h");
    maxUnfinishedJobsPerUser = maxUnfinishedJobsPerUser == null ? 10 : maxUnfinishedJobsPerUser;
    passwordHashConcurrency =
        passwordHashConcurrency == null || passwordHashConcurrency <= 0
            ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2)
            : passwordHashConcurrency;
    passwordHashWait = passwordHashWait == null ? Duration.ofSeconds(2) : passwordHashWait;
    if (maxUnfinishedJobsPerUser < 0 || passwordHashWait.isNegative()) {
      throw new IllegalArgumentException(
          "ideaforge.limits: max-unfinished-jobs-per-user and password-hash-wait must not be"
              + " negative");
    }
  }

  private static Quota orDefault(Quota quota, String fallback) {
    return quota != null ? quota : Quota.parse(fallback);
  }
}
