package dev.ideaforge.model.events;

import dev.ideaforge.model.DaemonThreads;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Announces committed events on Redis. A message is a wake-up, not the event: the channel names the
 * job and the body is the seq just committed; subscribers read what they send from {@code
 * job_events}, so nothing else published on Redis can reach a client. Best effort by design:
 * pub/sub is the fast path, and subscribers fill any gap from the table by {@code seq}.
 *
 * <p>Publishing happens on one background thread (so events of this process keep their order) with
 * a bounded queue: a request or activity never waits for Redis, and while Redis is away the queue
 * fills, then drops events, which sockets later take from the event log.
 */
@Component
public class JobEventPublisher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);
  private static final int QUEUE = 10_000;

  private final StringRedisTemplate redis;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final ThreadPoolExecutor sender =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          DaemonThreads.named("job-event-publisher"));

  public JobEventPublisher(StringRedisTemplate redis) {
    this.redis = redis;
  }

  public void publish(StoredJobEvent event) {
    try {
      sender.execute(() -> send(event));
    } catch (RejectedExecutionException e) {
      failed.incrementAndGet();
      log.warn(
          "Redis publish queue full; event seq {} of job {} is left to the event log",
          event.seq(),
          event.jobId());
    }
  }

  /**
   * Tells every api-server that a job was deleted, after the deletion committed. Best effort too: a
   * lost notice is made up by the sockets' catch-up sweep, which finds the job gone.
   */
  public void publishJobDeleted(UUID jobId) {
    try {
      sender.execute(() -> sendJobDeleted(jobId));
    } catch (RejectedExecutionException e) {
      failed.incrementAndGet();
      log.warn("Redis publish queue full; the deletion of job {} is left to the sweep", jobId);
    }
  }

  private void sendJobDeleted(UUID jobId) {
    try {
      redis.convertAndSend(JobEventChannels.DELETED, jobId.toString());
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn("Could not publish the deletion of job {} to Redis ({})", jobId, e.getMessage());
    }
  }

  private void send(StoredJobEvent event) {
    try {
      redis.convertAndSend(JobEventChannels.forJob(event.jobId()), Long.toString(event.seq()));
      published.incrementAndGet();
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn(
          "Could not publish event seq {} of job {} to Redis ({}); clients will catch up from the"
              + " event log",
          event.seq(),
          event.jobId(),
          e.getMessage());
    }
  }

  public long publishedCount() {
    return published.get();
  }

  public long failedCount() {
    return failed.get();
  }

  @Override
  public void destroy() throws InterruptedException {
    sender.shutdown();
    sender.awaitTermination(2, TimeUnit.SECONDS);
  }
}
