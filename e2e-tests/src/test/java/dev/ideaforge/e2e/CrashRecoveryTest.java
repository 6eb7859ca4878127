package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A job finishes after its worker dies abruptly, and after the Temporal service loses all its
 * state: the database is the truth, and a new worker carries every unfinished job on from it.
 */
class CrashRecoveryTest {

  static IdeaforgeSystem system;
  static final Duration DONE_WITHIN = Duration.ofSeconds(120);

  @BeforeAll
  static void start() {
    // Each scripted answer takes a while, so a crash lands in the middle of a phase.
    system = new IdeaforgeSystem(Map.of("LLM_SCRIPTED_DELAY", "1500ms")).start();
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void workerKilledDuringTheExecutivePhaseFinishesEveryStepExactlyOnce() {
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob(Client.COMPLETE_IDEA);
    client.awaitJob(jobId, "the first step", DONE_WITHIN, j -> j.path("steps").size() >= 1);

    system.worker().kill();
    system.worker().start().awaitReady(IdeaforgeSystem.STARTUP);

    JsonNode done = client.awaitStatus(jobId, "done", DONE_WITHIN);
    assertThat(done.path("steps")).hasSize(5);
    Database.assertNoDuplicates(jobId, 5);
  }

  @Test
  void workerKilledDuringAnInterviewTurnRepliesExactlyOnce() {
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob("Something with plants");
    client.awaitJob(jobId, "the first reply", DONE_WITHIN, j -> j.path("messages").size() >= 2);
    assertThat(client.say(jobId, "Plants die when their owners travel").status()).isEqualTo(201);
    ServiceProcess.sleep(500); // the turn is now waiting on the (slow) model

    system.worker().kill();
    system.worker().start().awaitReady(IdeaforgeSystem.STARTUP);

    client.awaitJob(jobId, "the second reply", DONE_WITHIN, j -> j.path("messages").size() >= 4);
    ServiceProcess.sleep(3000);
    assertThat(client.agentMessages(jobId)).isEqualTo(2);
    Database.assertNoDuplicates(jobId, 0);
  }

  @Test
  void unfinishedJobsResumeAfterTheTemporalServiceLostItsState() {
    Client client = new Client(system.apiBaseUrl());
    String running = client.createJob(Client.COMPLETE_IDEA);
    String collecting = client.createJob("Something with plants");
    client.awaitJob(running, "the first step", DONE_WITHIN, j -> j.path("steps").size() >= 1);
    client.awaitJob(
        collecting, "the first reply", DONE_WITHIN, j -> j.path("messages").size() >= 2);

    // Everything Temporal knew is gone; the worker restarts and finds the unfinished jobs.
    system.worker().kill();
    system.temporal().stop();
    system.temporal().start();
    system.worker().start().awaitReady(IdeaforgeSystem.STARTUP);

    client.awaitStatus(running, "done", DONE_WITHIN);
    Database.assertNoDuplicates(running, 5);
    // The interview goes on where it stopped.
    assertThat(client.say(collecting, "Plants die when their owners travel").status())
        .isEqualTo(201);
    client.awaitJob(
        collecting, "the next question", DONE_WITHIN, j -> j.path("messages").size() >= 4);
    assertThat(client.detail(collecting).path("messages").get(3).path("content").asString())
        .contains("target users");
  }
}
