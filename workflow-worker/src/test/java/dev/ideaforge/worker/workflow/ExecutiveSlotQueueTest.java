package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Executive slots: first come, first served, woken by signals, and patient with the database. */
@TestPropertySource(
    properties = {
      "ideaforge.agents.max-running-jobs=2",
      // Fail a connection attempt fast while the database refuses connections.
      "spring.datasource.hikari.connection-timeout=1000"
    })
class ExecutiveSlotQueueTest extends WorkflowTestBase {

  static final String REQUIREMENTS =
      "Problem: teams forget check-ins. Target users: remote teams. Features: check-ins,"
          + " streaks. Platforms: web.";

  @Test
  void slotsGoToJobsInTheOrderTheyQueued() {
    List<Job> queued = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      queued.add(createQueuedJob(REQUIREMENTS));
    }
    // The newest workflows start first: they must still let older jobs go before them.
    for (int i = queued.size() - 1; i >= 0; i--) {
      start(queued.get(i));
    }
    for (Job job : queued) {
      awaitCompletion(job);
      assertThat(status(job)).isEqualTo(JobStatus.DONE);
    }

    List<UUID> runningOrder =
        jdbc.queryForList(
            "select job_id from job_events where kind = 'status'"
                + " and payload->>'status' = 'running' and job_id = any(?) order by created_at",
            UUID.class,
            (Object) queued.stream().map(Job::getId).toArray(UUID[]::new));
    assertThat(runningOrder).hasSize(queued.size());
    // Two slots: the two oldest waiting jobs may claim theirs in either order, but no job ever
    // gets one before a job that queued two or more places ahead of it.
    for (int i = 0; i < queued.size(); i++) {
      for (int j = i + 2; j < queued.size(); j++) {
        assertThat(runningOrder.indexOf(queued.get(i).getId()))
            .as("job %d ran before job %d", i + 1, j + 1)
            .isLessThan(runningOrder.indexOf(queued.get(j).getId()));
      }
    }
  }

  @Test
  void aJobThatWaitsTenMinutesForASlotKeepsAShortHistory() {
    Job first = occupySlot();
    Job second = occupySlot();
    Job waiting = createQueuedJob(REQUIREMENTS);
    start(waiting);

    env.sleep(Duration.ofMinutes(10));
    assertThat(status(waiting)).isEqualTo(JobStatus.QUEUED);
    // Waiting is one timer per recheck interval, not a poll every few seconds.
    assertThat(historyLength(waiting)).isLessThan(50);

    freeSlot(first);
    offerSlot(waiting);
    awaitCompletion(waiting);
    assertThat(status(waiting)).isEqualTo(JobStatus.DONE);
    recordHistory(waiting, "waited-for-a-slot");
    freeSlot(second);
  }

  @Test
  void aThreeMinutePostgresOutageFailsNoQueuedJob() throws SQLException {
    Job first = occupySlot();
    Job second = occupySlot();
    Job waiting = createQueuedJob(REQUIREMENTS);
    start(waiting);
    env.sleep(Duration.ofSeconds(30));
    freeSlot(first);

    refuseConnections(true);
    try {
      // The slot is offered while PostgreSQL is away: the claim must wait it out.
      offerSlot(waiting);
      env.sleep(Duration.ofMinutes(3));
    } finally {
      refuseConnections(false);
    }

    awaitCompletion(waiting);
    assertThat(status(waiting)).isEqualTo(JobStatus.DONE);
    freeSlot(second);
  }

  private int historyLength(Job job) {
    return client.fetchHistory(JobWorkflow.workflowId(job.getId())).getHistory().getEventsCount();
  }

  /** A real outage for this run's database: new connections refused, open ones cut. */
  private static void refuseConnections(boolean refuse) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection(
                TestDatabase.adminUrl(), TestDatabase.user(), TestDatabase.password());
        Statement sql = admin.createStatement()) {
      sql.execute(
          "alter database \"" + TestDatabase.name() + "\" with allow_connections " + !refuse);
      if (refuse) {
        sql.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                + TestDatabase.name()
                + "' and pid <> pg_backend_pid()");
      }
    }
  }
}
