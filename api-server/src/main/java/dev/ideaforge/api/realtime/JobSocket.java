package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StoredJobEvent;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client's socket on one job. Everything it sends was read from the event log. Every event
 * passes through {@link #lastSent}: an event at or below it is a duplicate and dropped; one above
 * {@code lastSent + 1} means events were missed (a lost wake-up, or the replay of {@code ?after=}),
 * and the gap is filled from the event log first. So the client sees every seq exactly once, in
 * order.
 *
 * <p>Work for a socket runs serially on a shared pool (a small queue per socket), so a slow client
 * or a gap fill never holds up the Redis listener or other sockets.
 */
final class JobSocket {

  private static final Logger log = LoggerFactory.getLogger(JobSocket.class);
  private static final int FILL_BATCH = 500;

  final UUID jobId;
  final AuthUser user;
  private final WebSocketSession session;
  private final JobEventLog events;
  private final Executor executor;
  private final Queue<Runnable> work = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final RateLimiter rate;

  /** Written only by the serial work of this socket; read by the job's feed to choose a start. */
  private volatile long lastSent;

  /** True while this socket replays from the log itself: it reaches the log's end on its own. */
  private volatile boolean filling;

  private volatile ScheduledFuture<?> expiry;

  JobSocket(
      UUID jobId,
      AuthUser user,
      WebSocketSession session,
      JobEventLog events,
      Executor executor,
      long lastSent,
      int messagesPerSecond) {
    this.jobId = jobId;
    this.user = user;
    this.session = session;
    this.events = events;
    this.executor = executor;
    this.lastSent = lastSent;
    this.rate = new RateLimiter(messagesPerSecond, messagesPerSecond * 2);
  }

  String id() {
    return session.getId();
  }

  /** Events read from the log for this job's sockets, in seq order: sends what is new here. */
  void deliver(List<StoredJobEvent> batch) {
    enqueue(() -> batch.forEach(this::onEvent));
  }

  /**
   * As {@link #deliver}, but on the calling thread when this socket has no work running (one thread
   * hop less); otherwise it queues behind that work, in order.
   */
  void deliverHere(List<StoredJobEvent> batch) {
    work.add(() -> batch.forEach(this::onEvent));
    if (draining.compareAndSet(false, true)) {
      drain();
    }
  }

  /** Sends whatever the event log holds beyond what this socket has seen. */
  void catchUp() {
    enqueue(() -> fill(Long.MAX_VALUE));
  }

  /** Whether this socket may still be behind {@code seq}. */
  boolean isBehind(long seq) {
    return lastSent < seq;
  }

  long lastSent() {
    return lastSent;
  }

  boolean isFilling() {
    return filling;
  }

  boolean allowClientMessage() {
    return rate.tryAcquire();
  }

  void sendError(String message) {
    ObjectNode error = Json.object();
    error.put("kind", "error");
    error.put("message", message);
    send(Json.write(error));
  }

  void ping() {
    try {
      session.sendMessage(new org.springframework.web.socket.PingMessage());
    } catch (IOException | RuntimeException e) {
      closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
    }
  }

  void close(CloseStatus status) {
    closeQuietly(status);
  }

  void expireAt(ScheduledFuture<?> future) {
    this.expiry = future;
  }

  void cancelExpiry() {
    ScheduledFuture<?> f = expiry;
    if (f != null) {
      f.cancel(false);
    }
  }

  boolean isOpen() {
    return session.isOpen();
  }

  private void onEvent(StoredJobEvent event) {
    if (event.seq() <= lastSent) {
      return;
    }
    if (event.seq() > lastSent + 1) {
      fill(event.seq() - 1);
    }
    if (event.seq() == lastSent + 1) {
      sendEvent(event);
    }
  }

  /** Sends stored events after {@link #lastSent}, up to {@code upTo}. */
  private void fill(long upTo) {
    filling = true;
    try {
      while (session.isOpen()) {
        List<StoredJobEvent> batch = events.after(jobId, lastSent, FILL_BATCH);
        for (StoredJobEvent event : batch) {
          if (event.seq() > upTo) {
            return;
          }
          sendEvent(event);
        }
        if (batch.size() < FILL_BATCH) {
          return;
        }
      }
    } finally {
      filling = false;
    }
  }

  private void sendEvent(StoredJobEvent event) {
    if (send(event.payload())) {
      lastSent = event.seq();
    }
  }

  private boolean send(String json) {
    if (!session.isOpen()) {
      return false;
    }
    try {
      session.sendMessage(new TextMessage(json));
      return true;
    } catch (IOException | RuntimeException e) {
      // Too slow (buffer or time limit exceeded) or gone: drop this client, never block others.
      log.debug("Dropping socket {} of job {}: {}", session.getId(), jobId, e.getMessage());
      closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
      return false;
    }
  }

  private void enqueue(Runnable task) {
    work.add(task);
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    do {
      Runnable task;
      while ((task = work.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("Socket {} of job {}: {}", session.getId(), jobId, e.getMessage());
        }
      }
      draining.set(false);
    } while (!work.isEmpty() && draining.compareAndSet(false, true));
  }

  private void closeQuietly(CloseStatus status) {
    try {
      if (session.isOpen()) {
        session.close(status);
      }
    } catch (IOException | RuntimeException e) {
      // already closing
    }
  }

  /** A token bucket: {@code perSecond} sustained, bursts up to {@code burst}. */
  static final class RateLimiter {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    RateLimiter(double perSecond, double burst) {
      this.perNano = perSecond / 1e9;
      this.burst = burst;
      this.tokens = burst;
    }

    synchronized boolean tryAcquire() {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
