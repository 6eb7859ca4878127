package dev.ideaforge.worker.recovery;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.users.User;
import dev.ideaforge.model.users.UserRepository;
import dev.ideaforge.model.workflow.RegisteredSearchAttributes;
import dev.ideaforge.model.workflow.TemporalSettings;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/** Recovery passes on this run's PostgreSQL, against a Temporal service the test chooses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
abstract class RecoveryTestBase {

  @Autowired JobRepository jobs;
  @Autowired UserRepository users;
  @Autowired TemporalSettings temporal;
  @Autowired JobStatusChanges statusChanges;
  @Autowired PlatformTransactionManager transactions;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  /** A recovery of {@code mode} whose Temporal service is {@code client}'s. */
  JobRecovery recovery(WorkflowClient client, RecoveryMode mode, RecoverySettings settings) {
    return new JobRecovery(
        client,
        jobs,
        statusChanges,
        transactions,
        temporal,
        new RegisteredSearchAttributes(temporal, client),
        settings,
        EffectiveRecovery.of(settings, mode),
        dataSource,
        Clock.systemUTC());
  }

  /** A job of a new user, in {@code status}, created and last changed {@code age} ago. */
  Job job(JobStatus status, Duration age) {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    User user = users.save(new User(name + "@example.com", name, "", "x", Instant.now()));
    Job job = jobs.save(new Job(user.getId(), "an idea", Instant.now()));
    jdbc.update(
        "update jobs set status = ?, created_at = now() - ?::interval,"
            + " updated_at = now() - ?::interval,"
            + " queued_at = case when ? in ('queued', 'running') then now() else null end"
            + " where id = ?",
        status.value(),
        age.toSeconds() + " seconds",
        age.toSeconds() + " seconds",
        status.value(),
        job.getId());
    return jobs.findById(job.getId()).orElseThrow();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
