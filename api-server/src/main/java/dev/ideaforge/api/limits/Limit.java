package dev.ideaforge.api.limits;

import java.util.function.Function;

/** The rate limits, each with its quota setting and what a client is told when it is reached. */
public enum Limit {
  LOGIN_PER_IP(LimitSettings::loginPerIp, "Too many login attempts from this address."),
  LOGIN_FAILURES_PER_ACCOUNT(
      LimitSettings::loginFailuresPerAccount, "Too many failed logins for this account."),
  REGISTER_PER_IP(LimitSettings::registerPerIp, "Too many accounts created from this address."),
  CHAT_PER_USER(LimitSettings::chatPerUser, "Too many messages."),
  JOBS_PER_USER(LimitSettings::jobsPerUser, "Too many jobs created.");

  private final Function<LimitSettings, Quota> quota;
  private final String reached;

  Limit(Function<LimitSettings, Quota> quota, String reached) {
    this.quota = quota;
    this.reached = reached;
  }

  Quota quotaIn(LimitSettings settings) {
    return quota.apply(settings);
  }

  String reached() {
    return reached;
  }
}
