package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.Interviewee;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * On the Java test server on purpose: only it loses the tasks it hands to a killed worker's open
 * polls, and all its state when it restarts; these drills prove the worker's test-server recovery.
 */
class TestServerRecoveryDrillTest {

  static IdeaforgeSystem system;
  static final Duration DONE_WITHIN = Duration.ofSeconds(120);

  @BeforeAll
  static void start() {
    // Each scripted answer takes a while, so every discussion is mid-turn when the worker dies.
    // A short start grace lets the restarted worker's startup pass take the drill's young jobs
    // rather than leave them to the first sweep a minute later (the grace only guards jobs the
    // API is still starting, which no drill here creates meanwhile).
    system =
        IdeaforgeSystem.onJavaTestServer(
                Map.of("LLM_SCRIPTED_DELAY", "1500ms", "RECOVERY_START_GRACE", "5s"))
            .start();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  /**
   * The Java test server hands tasks to the long polls of a worker killed with SIGKILL and loses
   * them. The moment is made deterministic: every job is idle (interviews wait for the user,
   * discussions wait on a model call), the worker is killed, and the users answer before a new
   * worker polls, so those workflow tasks go to the dead polls. With the default recovery settings
   * every job reaches done, and none stands still for more than a minute once the worker is back.
   */
  @Test
  void workerKilledWhileItsPollsAreOpenLosesNoJobAndNoneStallsAMinute() {
    Client client = new Client(system.apiBaseUrl());
    List<String> interviews = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // An idea that names its users: the scripted interviewer then needs exactly the four
      // answers JobDriver gives.
      interviews.add(client.createJob("A habit tracker for remote teams, take " + i));
    }
    List<String> discussions =
        List.of(client.createJob(Client.COMPLETE_IDEA), client.createJob(Client.COMPLETE_IDEA));
    for (String job : interviews) {
      client.awaitJob(job, "the first reply", DONE_WITHIN, j -> j.path("messages").size() >= 2);
    }
    for (String job : discussions) {
      client.awaitJob(job, "the first step", DONE_WITHIN, j -> j.path("steps").size() >= 1);
    }

    system.worker().kill();
    for (String job : interviews) {
      assertThat(client.say(job, Interviewee.ANSWERS.get(0)).status()).isEqualTo(201);
    }
    system.worker().start().awaitReady(IdeaforgeSystem.STARTUP);
    Instant back = Instant.now();

    List<String> all = new ArrayList<>(interviews);
    all.addAll(discussions);
    Map<String, Integer> answered = new java.util.HashMap<>();
    interviews.forEach(job -> answered.put(job, 1));
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    List<String> open = new ArrayList<>(all);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (String job : List.copyOf(open)) {
        JsonNode detail;
        try {
          detail = client.detail(job);
        } catch (AssertionError | RuntimeException e) {
          continue; // a dependency is briefly away; ask again
        }
        String status = detail.path("status").asString();
        if (status.equals("done")) {
          open.remove(job);
          continue;
        }
        assertThat(status).as("job %s", job).isNotEqualTo("failed");
        JsonNode messages = detail.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        int given = answered.getOrDefault(job, Interviewee.ANSWERS.size());
        if (status.equals("collecting")
            && last.path("role").asString().equals("agent")
            && given < Interviewee.ANSWERS.size()) {
          assertThat(client.say(job, Interviewee.ANSWERS.get(given)).status()).isEqualTo(201);
          answered.put(job, given + 1);
        }
      }
      ServiceProcess.sleep(300);
    }
    assertThat(open)
        .as(
            "jobs not done within 240 s of the restart: %s",
            open.stream()
                .map(
                    job -> {
                      JsonNode d = client.detail(job);
                      JsonNode m = d.path("messages");
                      return job
                          + " "
                          + d.path("status").asString()
                          + ", last message from "
                          + m.get(m.size() - 1).path("role").asString()
                          + ", steps "
                          + d.path("steps").size();
                    })
                .toList())
        .isEmpty();
    for (String job : all) {
      assertThat(longestStandstillSince(job, back))
          .as("longest standstill of job %s after the worker came back", job)
          .isLessThanOrEqualTo(Duration.ofSeconds(60));
      Database.assertNoDuplicates(job, client.detail(job).path("steps").size());
    }
  }

  /** The longest time the job went without an event, from {@code since} to its last event. */
  private static Duration longestStandstillSince(String jobId, Instant since) {
    Instant previous = since;
    Duration longest = Duration.ZERO;
    for (List<Object> row :
        Database.query(
            "select (extract(epoch from created_at) * 1000)::bigint from job_events"
                + " where job_id = ? and created_at > ? order by seq",
            java.util.UUID.fromString(jobId),
            java.sql.Timestamp.from(since))) {
      Instant at = Instant.ofEpochMilli(((Number) row.get(0)).longValue());
      Duration gap = Duration.between(previous, at);
      if (gap.compareTo(longest) > 0) {
        longest = gap;
      }
      previous = at;
    }
    return longest;
  }

  @Test
  void unfinishedJobsResumeAfterTheTemporalServiceLostItsState() {
    MidwayJobs jobs = MidwayJobs.create(new Client(system.apiBaseUrl()), DONE_WITHIN);

    // Everything Temporal knew is gone (it keeps nothing on disk); the worker restarts and finds
    // the unfinished jobs in the database.
    system.worker().kill();
    system.temporal().kill();
    system.temporal().start();
    system.worker().start().awaitReady(IdeaforgeSystem.STARTUP);

    jobs.assertBothCarryOn(DONE_WITHIN);
  }
}
