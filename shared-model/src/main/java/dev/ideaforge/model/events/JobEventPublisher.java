package dev.ideaforge.model.events;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes committed events on Redis. Best effort by design: pub/sub is the fast path, {@code
 * job_events} is the truth, and subscribers fill any gap from the table by {@code seq}.
 */
@Component
public class JobEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

  private final StringRedisTemplate redis;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public JobEventPublisher(StringRedisTemplate redis) {
    this.redis = redis;
  }

  public void publish(StoredJobEvent event) {
    try {
      redis.convertAndSend(JobEventChannels.forJob(event.jobId()), event.payload());
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
}
