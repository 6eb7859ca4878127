package dev.ideaforge.model.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Redis pub/sub channel names for job events: {@code ideaforge:job:<jobId>}, each message a wake-up
 * whose body is the seq just committed ("job X has seq N"), never the event itself.
 */
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

  /** The seq a wake-up names; empty for anything that is not a positive decimal number. */
  public static Optional<Long> seqOf(String body) {
    if (body == null || body.isEmpty() || body.length() > 19) {
      return Optional.empty();
    }
    try {
      long seq = Long.parseLong(body);
      return seq > 0 ? Optional.of(seq) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
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
