package dev.ideaforge.model.events;

import java.util.Optional;
import java.util.UUID;

/** Redis pub/sub channel names for job events: {@code ideaforge:job:<jobId>}. */
public final class JobEventChannels {

  public static final String PREFIX = "ideaforge:job:";
  public static final String PATTERN = PREFIX + "*";

  /**
   * Where a deleted job's id is announced, so every api-server closes that job's sockets. Outside
   * {@link #PATTERN} on purpose: it is a notice, not an event.
   */
  public static final String DELETED = "ideaforge:jobs:deleted";

  private JobEventChannels() {}

  public static String forJob(UUID jobId) {
    return PREFIX + jobId;
  }

  public static Optional<UUID> jobIdOf(String channel) {
    if (channel == null || !channel.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(channel.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
