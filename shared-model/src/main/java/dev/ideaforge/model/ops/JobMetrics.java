package dev.ideaforge.model.ops;

import dev.ideaforge.model.events.JobEventPublisher;
import dev.ideaforge.model.jobs.JobStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The app's own metrics shared by both processes: jobs by status (counted at most every 15 s, so
 * scrapes stay cheap) and events published to Redis (and failed publishes).
 */
@Component
class JobMetrics implements MeterBinder {

  private static final Duration REFRESH = Duration.ofSeconds(15);

  private final EntityManagerFactory emf;
  private final JobEventPublisher publisher;
  private final Map<JobStatus, AtomicLong> byStatus = new EnumMap<>(JobStatus.class);
  private volatile Instant refreshed = Instant.EPOCH;

  JobMetrics(EntityManagerFactory emf, JobEventPublisher publisher) {
    this.emf = emf;
    this.publisher = publisher;
    for (JobStatus status : JobStatus.values()) {
      byStatus.put(status, new AtomicLong());
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (JobStatus status : JobStatus.values()) {
      Gauge.builder("ideaforge.jobs", this, m -> m.count(status))
          .description("Jobs by status")
          .tag("status", status.value())
          .register(registry);
    }
    FunctionCounter.builder("ideaforge.events.published", publisher, p -> p.publishedCount())
        .description("Job events published to Redis")
        .register(registry);
    FunctionCounter.builder("ideaforge.events.publish.failures", publisher, p -> p.failedCount())
        .description("Job events Redis did not take (clients catch up from the event log)")
        .register(registry);
  }

  private double count(JobStatus status) {
    if (Instant.now().isAfter(refreshed.plus(REFRESH))) {
      refresh();
    }
    return byStatus.get(status).get();
  }

  private synchronized void refresh() {
    if (!Instant.now().isAfter(refreshed.plus(REFRESH))) {
      return;
    }
    refreshed = Instant.now();
    EntityManager em = emf.createEntityManager();
    try {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery("select status, count(*) from jobs group by status").getResultList();
      byStatus.values().forEach(v -> v.set(0));
      for (Object[] row : rows) {
        byStatus.get(JobStatus.fromValue((String) row[0])).set(((Number) row[1]).longValue());
      }
    } catch (RuntimeException e) {
      // Keep the last counts while the database is away.
    } finally {
      em.close();
    }
  }
}
