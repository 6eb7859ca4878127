package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs followed live over sockets while processes and dependencies fail: the client must see every
 * seq exactly once, and REST must agree with the socket transcript.
 */
class LiveJobsDrillTest {

  static IdeaforgeSystem system;
  static final Duration FINISH = Duration.ofSeconds(150);

  @BeforeAll
  static void start() {
    system = new IdeaforgeSystem(Map.of("LLM_SCRIPTED_DELAY", "300ms")).start();
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  List<JobDriver> startJobs(int perUser) {
    List<JobDriver> drivers = new ArrayList<>();
    for (Client user : List.of(new Client(system.apiBaseUrl()), new Client(system.apiBaseUrl()))) {
      for (int i = 0; i < perUser; i++) {
        String jobId = user.createJob("A habit tracker for remote teams, idea " + i);
        drivers.add(new JobDriver(user, jobId, () -> system.apiBaseUrl().replace("http", "ws")));
      }
    }
    return drivers;
  }

  @Test
  void concurrentJobsOfTwoUsersFinishAndRestMatchesTheSockets() {
    List<JobDriver> drivers = startJobs(3);

    JobDriver.driveAll(drivers, FINISH);

    drivers.forEach(JobDriver::assertReconciled);
    // Each user sees only their own jobs.
    Client first = drivers.get(0).client;
    assertThat(first.api.get("/api/jobs/", first.token).json()).hasSize(3);
  }

  @Test
  void apiServerKilledWhileSocketsAreOpenLosesNothing() {
    List<JobDriver> drivers = startJobs(2);
    // Let the interviews get going, with chats in flight.
    JobDriver.driveFor(drivers, Duration.ofSeconds(3));

    system.api().kill();
    system.api().start().awaitReady(IdeaforgeSystem.STARTUP);

    JobDriver.driveAll(drivers, FINISH);
    drivers.forEach(JobDriver::assertReconciled);
  }

  @Test
  void redisRestartedMidJobLosesNoEvent() {
    List<JobDriver> drivers = startJobs(1);
    JobDriver.driveFor(drivers, Duration.ofSeconds(2));
    assertMidJob(drivers);

    LocalRedis.stop();
    JobDriver.driveFor(drivers, Duration.ofSeconds(3));
    LocalRedis.start();

    JobDriver.driveAll(drivers, FINISH);
    drivers.forEach(JobDriver::assertReconciled);
  }

  @Test
  void postgresRestartedMidJobMeans503sThenTheJobFinishes() throws Exception {
    List<JobDriver> drivers = startJobs(1);
    Client client = drivers.get(0).client;
    JobDriver.driveFor(drivers, Duration.ofSeconds(2));
    assertMidJob(drivers);

    Postgres.stop();
    try {
      HttpApi.Response r = client.api.get("/api/jobs/", client.token);
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().path("detail").asString()).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
      assertThat(client.api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
    } finally {
      Postgres.start();
    }

    JobDriver.driveAll(drivers, FINISH);
    drivers.forEach(JobDriver::assertReconciled);
    assertThat(client.api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }

  /** The fault must hit running jobs, or the drill proves nothing. */
  private static void assertMidJob(List<JobDriver> drivers) {
    assertThat(drivers).as("jobs still running when the fault hits").noneMatch(JobDriver::isDone);
  }

  /** The local PostgreSQL cluster, stopped and started as scripts/ensure-services does. */
  static final class Postgres {
    static void stop() throws Exception {
      ctl("stop", "-m", "fast");
    }

    static void start() throws Exception {
      ctl("start");
    }

    private static void ctl(String... args) throws Exception {
      String version =
          new String(
                  new ProcessBuilder("bash", "-c", "ls /etc/postgresql | sort -V | tail -n 1")
                      .start()
                      .getInputStream()
                      .readAllBytes())
              .strip();
      List<String> command =
          new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException("pg_ctlcluster " + String.join(" ", args) + ": " + out);
      }
    }
  }
}
