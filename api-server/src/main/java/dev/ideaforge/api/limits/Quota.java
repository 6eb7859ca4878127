package dev.ideaforge.api.limits;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/**
 * A budget of {@code count} actions per {@code period}, written {@code 30/5m} in settings; {@code
 * off} switches a limit off. Spent as a token bucket: up to {@code count} at once, refilled evenly
 * over the period.
 */
public record Quota(long count, Duration period) {

  public static final Quota OFF = new Quota(0, Duration.ofSeconds(1));

  public Quota {
    if (count < 0 || period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("A quota needs a count >= 0 and a positive period");
    }
  }

  boolean isOff() {
    return count == 0;
  }

  /** Parses {@code <count>/<duration>} (e.g. {@code 10/1h}) or {@code off}; blank is null. */
  static Quota parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    if (value.equalsIgnoreCase("off")) {
      return OFF;
    }
    int slash = value.indexOf('/');
    if (slash < 1 || slash == value.length() - 1) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a quota: write <count>/<duration> such as 30/5m, or off");
    }
    try {
      return new Quota(
          Long.parseLong(value.substring(0, slash).strip()),
          DurationStyle.detectAndParse(value.substring(slash + 1).strip()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a quota: write <count>/<duration> such as 30/5m, or off", e);
    }
  }

  @Override
  public String toString() {
    return isOff() ? "off" : count + "/" + readable(period);
  }

  /** The period in the largest unit that divides it: 5m rather than 300000ms. */
  private static String readable(Duration period) {
    for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES)) {
      if (period.toMillis() % unit.getDuration().toMillis() == 0) {
        return DurationStyle.SIMPLE.print(period, unit);
      }
    }
    return period.toMillis() % 1000 == 0
        ? DurationStyle.SIMPLE.print(period, ChronoUnit.SECONDS)
        : DurationStyle.SIMPLE.print(period);
  }
}
