package dev.ideaforge.worker.recovery;

import dev.ideaforge.model.DaemonThreads;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.TemporalSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure every unfinished job has a live workflow. Workflows read their state from the database
 * and activities are idempotent, so starting one again for any unfinished job is safe.
 *
 * <ul>
 *   <li>Both modes: one bounded, paged pass at startup starts a workflow for every unfinished job
 *       that has none.
 *   <li>Test-server mode only: a periodic sweep does the same (the in-memory service loses
 *       everything when it restarts), and a watchdog restarts runs whose task the service lost
 *       ({@link LostRunRules}).
 * </ul>
 *
 * <p>Passes run on one worker at a time (a PostgreSQL advisory lock) and skip jobs younger than the
 * start grace, which the API is still starting.
 */
@Component
@ConditionalOnProperty(name = "ideaforge.worker.enabled", matchIfMissing = true)
class JobRecovery implements MeterBinder, AutoCloseable {

  /** The advisory lock key of recovery passes ("ideaforge recovery"). */
  static final long LOCK_KEY = 0x1dea_f06e_0000_0001L;

  private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

  private final WorkflowClient client;
  private final JobRepository jobs;
  private final TemporalSettings temporal;
  private final RecoverySettings settings;
  private final RecoveryMode mode;
  private final DataSource dataSource;
  private final Clock clock;
  private final RunInspector inspector;
  private final LostRunRules rules;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("job-recovery"));
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong restarted = new AtomicLong();
  private final AtomicInteger failing = new AtomicInteger();
  private final Set<String> reportedFailingRuns = ConcurrentHashMap.newKeySet();
  private volatile Instant pollingSince;

  JobRecovery(
      WorkflowClient client,
      JobRepository jobs,
      TemporalSettings temporal,
      RecoverySettings settings,
      EffectiveRecovery effective,
      DataSource dataSource,
      Clock clock) {
    this.client = client;
    this.jobs = jobs;
    this.temporal = temporal;
    this.settings = settings;
    this.mode = effective.mode();
    this.dataSource = dataSource;
    this.clock = clock;
    this.inspector = new RunInspector(client);
    this.rules = new LostRunRules(settings.lostTaskAfter());
    this.pollingSince = clock.instant();
  }

  /** The workers poll from here on (they start before the application is ready). */
  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    pollingSince = clock.instant();
    scheduler.execute(
        () -> guarded("startup pass", () -> startMissing(settings.startupPassLimit())));
    if (mode != RecoveryMode.TEST_SERVER) {
      return;
    }
    schedule("sweep", settings.sweepInterval(), () -> startMissing(Integer.MAX_VALUE));
    if (RecoverySettings.isOn(settings.lostTaskAfter())) {
      schedule("watchdog", settings.watchdogInterval(), this::restartLost);
    }
  }

  private void schedule(String what, Duration interval, Runnable pass) {
    if (RecoverySettings.isOn(interval)) {
      scheduler.scheduleWithFixedDelay(
          () -> guarded(what, pass),
          interval.toMillis(),
          interval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Runs a pass unless another worker runs one; a failed pass is retried next time. */
  private void guarded(String what, Runnable pass) {
    try {
      if (!underLock(pass)) {
        log.debug("Recovery {} skipped: another worker is running one", what);
      }
    } catch (RuntimeException e) {
      log.warn("Recovery {} failed, retried next time: {}", what, e.getMessage());
    }
  }

  /**
   * Runs {@code pass} while holding the session-level advisory lock on a connection of its own, so
   * the lock goes away with this process if it dies. Returns false when another worker holds it.
   */
  boolean underLock(Runnable pass) {
    try (Connection connection = dataSource.getConnection()) {
      if (!advisory(connection, "select pg_try_advisory_lock(?)")) {
        return false;
      }
      try {
        pass.run();
      } finally {
        advisory(connection, "select pg_advisory_unlock(?)");
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("advisory lock: " + e.getMessage(), e);
    }
  }

  private static boolean advisory(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, LOCK_KEY);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  /**
   * Starts a workflow for each unfinished job older than the grace period that has none, looking at
   * no more than {@code limit} jobs; returns how many were started.
   */
  int startMissing(int limit) {
    int before = (int) started.get();
    forEachUnfinished(
        clock.instant().minus(settings.startGrace()),
        limit,
        job -> {
          if (startIdempotently(job)) {
            started.incrementAndGet();
            log.info("Started a workflow for unfinished job {} ({})", job.getId(), job.getStatus());
          }
        });
    int count = (int) started.get() - before;
    if (count > 0) {
      log.info("Recovery started {} workflow(s) of unfinished jobs", count);
    }
    return count;
  }

  /** Restarts every run whose task the service lost; returns how many were restarted. */
  int restartLost() {
    Instant now = clock.instant();
    AtomicInteger restartedNow = new AtomicInteger();
    AtomicInteger failingNow = new AtomicInteger();
    forEachUnfinished(
        now,
        Integer.MAX_VALUE,
        job -> {
          String workflowId = JobWorkflow.workflowId(job.getId());
          RunSnapshot run = inspector.inspect(workflowId);
          LostRunRules.Diagnosis diagnosis = rules.diagnose(run, now, pollingSince);
          switch (diagnosis.verdict()) {
            case LOST -> {
              restart(job, run.runId(), diagnosis.reason());
              restartedNow.incrementAndGet();
            }
            case FAILING -> {
              failingNow.incrementAndGet();
              if (reportedFailingRuns.add(run.runId())) {
                log.error(
                    "Workflow {} (run {}) of job {} is stuck: {}. It is not restarted; fix the"
                        + " cause (a non-deterministic change?) and deploy, or terminate it.",
                    workflowId,
                    run.runId(),
                    job.getId(),
                    diagnosis.reason());
              }
            }
            case MISSING, HEALTHY -> {}
          }
        });
    failing.set(failingNow.get());
    return restartedNow.get();
  }

  /** Terminates the lost run and starts the job again from the database. */
  private void restart(Job job, String runId, String reason) {
    String workflowId = JobWorkflow.workflowId(job.getId());
    try {
      client
          .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
          .terminate("Restarted from the database: " + reason);
    } catch (WorkflowNotFoundException e) {
      // Closed meanwhile: just start it.
    }
    startIdempotently(job);
    restarted.incrementAndGet();
    log.warn("Restarted the workflow of job {} from the database: {}", job.getId(), reason);
  }

  private boolean startIdempotently(Job job) {
    JobWorkflow wf =
        client.newWorkflowStub(JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal));
    try {
      WorkflowClient.start(wf::run, job.getId().toString());
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  private void forEachUnfinished(Instant createdBefore, int limit, Consumer<Job> action) {
    UUID after = new UUID(0, 0);
    int seen = 0;
    while (seen < limit) {
      List<Job> page =
          jobs.findUnfinishedPage(
              after, createdBefore, Math.min(settings.pageSize(), limit - seen));
      for (Job job : page) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", job.getId().toString())) {
          action.accept(job);
        } catch (RuntimeException e) {
          log.warn("Recovery could not check job {}: {}", job.getId(), e.getMessage());
        }
      }
      seen += page.size();
      if (page.size() < settings.pageSize()) {
        return;
      }
      after = page.get(page.size() - 1).getId();
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("ideaforge.recovery.started", started, AtomicLong::get)
        .description("Workflows started for unfinished jobs that had none")
        .register(registry);
    FunctionCounter.builder("ideaforge.recovery.restarted", restarted, AtomicLong::get)
        .description("Runs restarted from the database because the service lost a task")
        .register(registry);
    Gauge.builder("ideaforge.recovery.failing.workflows", failing, AtomicInteger::get)
        .description("Runs whose workflow task keeps failing (seen by the last watchdog pass)")
        .register(registry);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
