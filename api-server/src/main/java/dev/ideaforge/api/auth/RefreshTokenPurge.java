package dev.ideaforge.api.auth;

import dev.ideaforge.model.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes expired refresh tokens every {@code JWT_REFRESH_PURGE_INTERVAL}, so the table holds only
 * tokens that can still be presented. Every api-server runs it; the delete is idempotent, so they
 * need no coordination.
 */
@Component
class RefreshTokenPurge implements DisposableBean {

  /** Soon after start, so servers restarted more often than the interval still purge. */
  private static final Duration FIRST_RUN = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(RefreshTokenPurge.class);

  private final RefreshTokenRepository refreshTokens;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  RefreshTokenPurge(RefreshTokenRepository refreshTokens, JwtSettings settings, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.clock = clock;
    Duration interval = settings.refreshPurgeInterval();
    if (interval.isZero()) {
      this.timer = null;
      log.info("Purge of expired refresh tokens is off (JWT_REFRESH_PURGE_INTERVAL=0)");
      return;
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("refresh-token-purge"));
    long every = interval.toMillis();
    timer.scheduleWithFixedDelay(
        this::purgeNow, Math.min(every, FIRST_RUN.toMillis()), every, TimeUnit.MILLISECONDS);
  }

  /**
   * Deletes the tokens that expired before {@code now}. Revoked tokens that have not expired stay:
   * a rotated token presented again is recognised as reuse by its row.
   *
   * @return how many rows were deleted
   */
  int purgeExpired(Instant now) {
    int deleted = refreshTokens.deleteExpired(now);
    if (deleted > 0) {
      log.info("Deleted {} expired refresh tokens", deleted);
    }
    return deleted;
  }

  private void purgeNow() {
    try {
      purgeExpired(clock.instant());
    } catch (RuntimeException e) {
      // The database may be away; the next run tries again.
      log.warn("Purge of expired refresh tokens failed: {}", e.getMessage());
    }
  }

  @Override
  public void destroy() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
