package dev.ideaforge.worker.recovery;

import dev.ideaforge.model.DaemonThreads;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.RegisteredSearchAttributes;
import dev.ideaforge.model.workflow.TemporalSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure every unfinished job has a live workflow, and that a job whose workflow someone ended
 * from outside (terminated or cancelled in the Temporal UI) is failed rather than left hanging.
 * Workflows read their state from the database and activities are idempotent, so starting one again
 * for any unfinished job is safe. What a job whose latest run is closed needs is {@link
 * ClosedRunRules}' decision.
 *
 * <ul>
 *   <li>Both modes: one bounded, paged pass at startup over every unfinished job.
 *   <li>Cluster mode: every {@code closedRunInterval}, the job workflows that closed abnormally
 *       since the last look (a visibility query) while their job was unfinished; every {@code
 *       sweepInterval}, the interviews that have no reply yet (an api-server killed between a job's
 *       commit and its workflow's start leaves one no workflow knows).
 *   <li>Test-server mode: a periodic sweep over every unfinished job (the in-memory service loses
 *       everything when it restarts, and lists nothing), and a watchdog restarts runs whose task
 *       the service lost ({@link LostRunRules}).
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

  /** Looks back this far before the previous closed-run pass: the service's clock may differ. */
  static final Duration CLOSED_RUN_OVERLAP = Duration.ofMinutes(1);

  private final WorkflowClient client;
  private final JobRepository jobs;
  private final JobStatusChanges statusChanges;
  private final TransactionTemplate tx;
  private final TemporalSettings temporal;
  private final RegisteredSearchAttributes searchAttributes;
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
  private final AtomicLong failedClosed = new AtomicLong();
  private final AtomicInteger failing = new AtomicInteger();
  private final Set<String> reportedFailingRuns = ConcurrentHashMap.newKeySet();
  private volatile Instant pollingSince;
  private volatile Instant closedSince;

  JobRecovery(
      WorkflowClient client,
      JobRepository jobs,
      JobStatusChanges statusChanges,
      PlatformTransactionManager transactions,
      TemporalSettings temporal,
      RegisteredSearchAttributes searchAttributes,
      RecoverySettings settings,
      EffectiveRecovery effective,
      DataSource dataSource,
      Clock clock) {
    this.client = client;
    this.jobs = jobs;
    this.statusChanges = statusChanges;
    this.tx = new TransactionTemplate(transactions);
    this.temporal = temporal;
    this.searchAttributes = searchAttributes;
    this.settings = settings;
    this.mode = effective.mode();
    this.dataSource = dataSource;
    this.clock = clock;
    this.inspector = new RunInspector(client);
    this.rules = new LostRunRules(settings.lostTaskAfter());
    this.pollingSince = clock.instant();
    this.closedSince = clock.instant().minus(CLOSED_RUN_OVERLAP);
  }

  /** The workers poll from here on (they start before the application is ready). */
  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    pollingSince = clock.instant();
    // The startup pass looks at every unfinished job; runs closed from here on are listed.
    closedSince = clock.instant().minus(CLOSED_RUN_OVERLAP);
    scheduler.execute(
        () -> guarded("startup pass", () -> startMissing(settings.startupPassLimit())));
    if (mode != RecoveryMode.TEST_SERVER) {
      schedule("closed-run check", settings.closedRunInterval(), this::checkClosedRuns);
      schedule("sweep of unanswered jobs", settings.sweepInterval(), this::startUnanswered);
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
    forEachUnfinished(clock.instant().minus(settings.startGrace()), limit, this::ensureRunning);
    int count = (int) started.get() - before;
    if (count > 0) {
      log.info("Recovery started {} workflow(s) of unfinished jobs", count);
    }
    return count;
  }

  /**
   * Cluster mode: interviews older than the start grace with no reply yet get a workflow unless
   * they have one; returns how many were started.
   */
  int startUnanswered() {
    int before = (int) started.get();
    for (Job job :
        jobs.findNotYetAnswered(
            clock.instant().minus(settings.startGrace()), settings.pageSize())) {
      withJob(job, this::ensureRunning);
    }
    return (int) started.get() - before;
  }

  /**
   * Cluster mode: the job workflows that closed other than by completing since the last look
   * (terminated or cancelled from outside, timed out, failed) and whose job is still unfinished;
   * returns how many jobs that failed.
   */
  int checkClosedRuns() {
    Instant since = closedSince;
    Instant next = clock.instant().minus(CLOSED_RUN_OVERLAP);
    String query =
        "WorkflowType = 'JobWorkflow'"
            + " AND ExecutionStatus IN ('Terminated', 'Canceled', 'TimedOut', 'Failed')"
            + " AND CloseTime >= '"
            + DateTimeFormatter.ISO_INSTANT.format(since)
            + "'";
    List<UUID> ids =
        client
            .listExecutions(query)
            .map(e -> e.getExecution().getWorkflowId())
            .filter(id -> id.startsWith(JobWorkflow.WORKFLOW_ID_PREFIX))
            .map(id -> parseJobId(id.substring(JobWorkflow.WORKFLOW_ID_PREFIX.length())))
            .filter(id -> id != null)
            .distinct()
            .toList();
    long before = failedClosed.get();
    for (Job job : jobs.findAllById(ids)) {
      if (!job.getStatus().isFinished()) {
        withJob(job, this::ensureRunning);
      }
    }
    closedSince = next;
    return (int) (failedClosed.get() - before);
  }

  private static UUID parseJobId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Gives an unfinished job a live workflow: nothing when its latest run is open, a new run when it
   * has none or its last one ended on its own, and a failed job when someone ended it from outside.
   */
  private void ensureRunning(Job job) {
    String workflowId = JobWorkflow.workflowId(job.getId());
    RunInspector.LatestRun run = inspector.latest(workflowId);
    if (run != null && run.running()) {
      return;
    }
    Optional<String> failure =
        run == null
            ? Optional.empty()
            : ClosedRunRules.failureReason(
                run.status(),
                ClosedRunRules.readsCloseEvent(run.status())
                    ? inspector.closeEvent(workflowId, run.runId())
                    : null);
    if (failure.isPresent()) {
      failClosed(job, run, failure.get());
    } else if (startIdempotently(job)) {
      started.incrementAndGet();
      log.info("Started a workflow for unfinished job {} ({})", job.getId(), job.getStatus());
    }
  }

  /** Marks the job failed (row and event together); a discussion's slot goes to the next job. */
  private void failClosed(Job job, RunInspector.LatestRun run, String reason) {
    JobStatus was =
        tx.execute(
            s -> {
              Job locked = jobs.findForUpdate(job.getId()).orElse(null);
              if (locked == null || locked.getStatus().isFinished()) {
                return null;
              }
              JobStatus before = locked.getStatus();
              statusChanges.fail(locked, reason);
              return before;
            });
    if (was == null) {
      return;
    }
    failedClosed.incrementAndGet();
    log.warn(
        "Job {} failed: its workflow's run {} closed as {} ({})",
        job.getId(),
        run.runId(),
        run.status(),
        reason);
    if (was == JobStatus.RUNNING) {
      // Whoever frees a slot wakes the oldest queued job; a spurious wake-up is harmless.
      for (UUID next : jobs.queuedInOrder(1)) {
        try {
          client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(next)).slotFreed();
        } catch (WorkflowException | io.grpc.StatusRuntimeException e) {
          log.info("Could not wake queued job {}: {}", next, e.getMessage());
        }
      }
    }
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
          .terminate(ClosedRunRules.RESTART_REASON + reason);
    } catch (WorkflowNotFoundException e) {
      // Closed meanwhile: just start it.
    }
    startIdempotently(job);
    restarted.incrementAndGet();
    log.warn("Restarted the workflow of job {} from the database: {}", job.getId(), reason);
  }

  private boolean startIdempotently(Job job) {
    JobWorkflow wf =
        client.newWorkflowStub(
            JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal, searchAttributes.inUse()));
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
        withJob(job, action);
      }
      seen += page.size();
      if (page.size() < settings.pageSize()) {
        return;
      }
      after = page.get(page.size() - 1).getId();
    }
  }

  /** Runs {@code action} for one job, with its id in the log context; a failure skips the job. */
  private static void withJob(Job job, Consumer<Job> action) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", job.getId().toString())) {
      action.accept(job);
    } catch (RuntimeException e) {
      log.warn("Recovery could not check job {}: {}", job.getId(), e.getMessage());
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
    FunctionCounter.builder("ideaforge.recovery.closed.failed", failedClosed, AtomicLong::get)
        .description("Unfinished jobs failed because their workflow was ended from outside")
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
