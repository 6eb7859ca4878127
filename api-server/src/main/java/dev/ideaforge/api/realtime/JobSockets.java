package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.AccessTokenDenyList;
import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.model.DaemonThreads;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StoredJobEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The open job sockets of this api-server, by job and by user: where wake-ups lead to reads of the
 * event log, what the per-user limit counts, and what the keep-alive pings and the catch-up sweep
 * visit.
 */
@Component
class JobSockets implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(JobSockets.class);

  /** Events read per query when a wake-up fetches for all sockets of a job. */
  static final int FEED_BATCH = 500;

  /** Sockets one delivery task sends a batch to, one after the other. */
  static final int DELIVERY_CHUNK = 32;

  private final Map<UUID, Set<JobSocket>> byJob = new ConcurrentHashMap<>();
  private final Map<UUID, JobFeed> feeds = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final JobEventLog events;
  private final AccessTokenDenyList denyList;
  private final WebSocketSettings settings;
  final ExecutorService delivery;
  final ScheduledExecutorService timers;

  JobSockets(
      JobEventLog events,
      AccessTokenDenyList denyList,
      WebSocketSettings settings,
      MeterRegistry meters) {
    this.events = events;
    this.denyList = denyList;
    this.settings = settings;
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    this.delivery = Executors.newFixedThreadPool(threads, DaemonThreads.named("socket-delivery"));
    this.timers = Executors.newScheduledThreadPool(1, DaemonThreads.named("socket-timers"));
    Gauge.builder("ideaforge.websocket.open", open, AtomicInteger::get)
        .description("Open job sockets on this api-server")
        .register(meters);
    long ping = settings.pingInterval().toMillis();
    timers.scheduleWithFixedDelay(this::pingAll, ping, ping, TimeUnit.MILLISECONDS);
    long sweep = settings.catchUpInterval().toMillis();
    timers.scheduleWithFixedDelay(this::catchUpAll, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  /** Counts a new socket for the user; false when the user already holds the maximum. */
  boolean reserve(UUID userId) {
    AtomicInteger count = perUser.computeIfAbsent(userId, id -> new AtomicInteger());
    if (count.incrementAndGet() > settings.maxSocketsPerUser()) {
      count.decrementAndGet();
      return false;
    }
    return true;
  }

  void release(UUID userId) {
    perUser.computeIfPresent(userId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  void add(JobSocket socket) {
    byJob.computeIfAbsent(socket.jobId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    open.incrementAndGet();
  }

  void remove(JobSocket socket) {
    byJob.computeIfPresent(
        socket.jobId,
        (id, sockets) -> {
          if (sockets.remove(socket)) {
            open.decrementAndGet();
          }
          if (sockets.isEmpty()) {
            feeds.remove(id);
            return null;
          }
          return sockets;
        });
  }

  /**
   * A wake-up from Redis, "job X has seq N": if a socket of that job here is behind N, the job's
   * feed reads the log once for all of them. Nothing of the message but the job and the number is
   * used, so a forged wake-up costs one read of the log and sends only what the log holds.
   */
  void wake(UUID jobId, long seq) {
    Set<JobSocket> sockets = byJob.get(jobId);
    if (sockets != null && sockets.stream().anyMatch(s -> s.isBehind(seq))) {
      feeds.computeIfAbsent(jobId, JobFeed::new).request();
    }
  }

  /**
   * Reads what the sockets of a job have not all seen and hands the same events to each; each
   * socket drops what it already sent and fills its own gaps. Sockets replaying {@code ?after=}
   * reach the log's end by themselves, so the read starts after the others.
   */
  private void feed(UUID jobId) {
    Set<JobSocket> sockets = byJob.get(jobId);
    if (sockets == null || sockets.isEmpty()) {
      return;
    }
    long from =
        sockets.stream()
            .filter(s -> !s.isFilling())
            .mapToLong(JobSocket::lastSent)
            .min()
            .orElseGet(() -> sockets.stream().mapToLong(JobSocket::lastSent).min().orElse(0));
    while (true) {
      List<StoredJobEvent> batch = events.after(jobId, from, FEED_BATCH);
      if (batch.isEmpty()) {
        return;
      }
      handOut(sockets, batch);
      if (batch.size() < FEED_BATCH) {
        return;
      }
      from = batch.get(batch.size() - 1).seq();
    }
  }

  /**
   * Sends a batch to a job's sockets from the feed's thread, a chunk per task: one job's sockets (a
   * user's tabs) are sent to right here; hundreds are split over the delivery pool in chunks rather
   * than one task each, which cost more than the sends themselves.
   */
  private void handOut(Set<JobSocket> sockets, List<StoredJobEvent> batch) {
    List<JobSocket> all = List.copyOf(sockets);
    if (all.size() <= DELIVERY_CHUNK) {
      all.forEach(s -> s.deliverHere(batch));
      return;
    }
    for (int from = DELIVERY_CHUNK; from < all.size(); from += DELIVERY_CHUNK) {
      List<JobSocket> chunk = all.subList(from, Math.min(all.size(), from + DELIVERY_CHUNK));
      delivery.execute(() -> chunk.forEach(s -> s.deliverHere(batch)));
    }
    all.subList(0, DELIVERY_CHUNK).forEach(s -> s.deliverHere(batch));
  }

  /**
   * One job's reads of the log: at most one runs at a time, and wake-ups that arrive meanwhile fold
   * into one more read, so a burst of events (or of forged wake-ups) costs a few queries.
   */
  private final class JobFeed {
    private final UUID jobId;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    JobFeed(UUID jobId) {
      this.jobId = jobId;
    }

    void request() {
      pending.set(true);
      if (running.compareAndSet(false, true)) {
        delivery.execute(this::run);
      }
    }

    private void run() {
      do {
        while (pending.getAndSet(false)) {
          try {
            feed(jobId);
          } catch (RuntimeException e) {
            // The database is away: the catch-up sweep tries again.
            log.debug("Reading events of job {} failed: {}", jobId, e.getMessage());
          }
        }
        running.set(false);
      } while (pending.get() && running.compareAndSet(false, true));
    }
  }

  /**
   * A deletion notice from Redis. It is only a hint: the job's sockets here close with 4003 only if
   * the database says the job is gone, so a forged notice closes nothing.
   */
  void closeIfDeleted(UUID jobId) {
    if (!byJob.containsKey(jobId)) {
      return;
    }
    delivery.execute(
        () -> {
          try {
            if (events.lastSeqs(Set.of(jobId)).isEmpty()) {
              closeDeleted(jobId);
            }
          } catch (RuntimeException e) {
            log.debug("Deletion check of job {} skipped: {}", jobId, e.getMessage());
          }
        });
  }

  private void closeDeleted(UUID jobId) {
    Set<JobSocket> sockets = byJob.get(jobId);
    if (sockets != null) {
      sockets.forEach(s -> s.close(CloseCodes.FORBIDDEN));
    }
  }

  /**
   * A revocation notice from Redis (a jti or a family). Only a hint too: the sockets opened with it
   * close with 4001 only if the deny-list holds it, so a forged notice closes nothing.
   */
  void closeIfRevoked(UUID revokedId) {
    List<JobSocket> named =
        openSockets().stream().filter(s -> s.user.isRevokedBy(revokedId)).toList();
    if (named.isEmpty()) {
      return;
    }
    delivery.execute(
        () -> {
          try {
            closeRevoked(named);
          } catch (RuntimeException e) {
            log.debug("Revocation check of {} skipped: {}", revokedId, e.getMessage());
          }
        });
  }

  /**
   * Checks a socket's token again once it is registered: a revocation between the handshake's check
   * and the registration announced itself to no socket. After this, a notice finds the socket. If
   * Redis has gone away since the handshake checked the token, the socket stays open, like every
   * open socket, until the sweep can check it again.
   */
  void closeIfRevokedSinceHandshake(JobSocket socket) {
    delivery.execute(
        () -> {
          try {
            closeRevoked(List.of(socket));
          } catch (RuntimeException e) {
            log.debug("Token re-check of socket {} skipped: {}", socket.id(), e.getMessage());
          }
        });
  }

  /** Closes those of the sockets whose token the deny-list holds; one Redis round trip. */
  private void closeRevoked(List<JobSocket> sockets) {
    Set<AuthUser> revoked =
        denyList.revokedAmong(sockets.stream().map(s -> s.user).collect(Collectors.toSet()));
    sockets.stream()
        .filter(s -> revoked.contains(s.user))
        .forEach(s -> s.close(CloseCodes.TOKEN_REVOKED));
  }

  private List<JobSocket> openSockets() {
    return byJob.values().stream().flatMap(Set::stream).toList();
  }

  int openCount() {
    return open.get();
  }

  private void pingAll() {
    byJob.values().forEach(sockets -> sockets.forEach(JobSocket::ping));
  }

  /**
   * The safety net under Redis: sockets whose token was revoked (its notice was lost) close with
   * 4001, sockets behind the event log catch up from it, and sockets of a job that no longer exists
   * (its deletion notice was lost) close with 4003.
   */
  void catchUpAll() {
    if (byJob.isEmpty()) {
      return;
    }
    try {
      closeRevoked(openSockets());
    } catch (RuntimeException e) {
      // Redis is away: these sockets were checked when they opened; the next sweep checks again.
      log.debug("Token sweep skipped: {}", e.getMessage());
    }
    try {
      Set<UUID> watched = Set.copyOf(byJob.keySet());
      Map<UUID, Long> latest = events.lastSeqs(watched);
      watched.stream().filter(id -> !latest.containsKey(id)).forEach(this::closeDeleted);
      latest.forEach(this::wake);
    } catch (RuntimeException e) {
      log.debug("Catch-up sweep skipped: {}", e.getMessage());
    }
  }

  @Override
  public void destroy() {
    timers.shutdownNow();
    delivery.shutdownNow();
  }
}
