package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A job finishes after its worker dies abruptly, and after the Temporal service is SIGKILLed and
 * restarted (it keeps its state): every reply and step is stored exactly once.
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

  /**
   * One kill for both phases (each restart of the worker costs its startup and the heartbeat
   * timeout): a discussion turn and an interview turn are in flight on the model when it dies.
   */
  @Test
  void workerKilledMidDiscussionAndMidInterviewTurnStoresEachStepAndReplyOnce() {
    Client client = new Client(system.apiBaseUrl());
    String discussion = client.createJob(Client.COMPLETE_IDEA);
    String interview = client.createJob("Something with plants");
    client.awaitJob(interview, "the first reply", DONE_WITHIN, j -> j.path("messages").size() >= 2);
    client.awaitJob(discussion, "the first step", DONE_WITHIN, j -> j.path("steps").size() >= 1);
    assertThat(client.say(interview, "Plants die when their owners travel").status())
        .isEqualTo(201);
    try (JobWorkflows workflows = new JobWorkflows(system.temporal().target())) {
      workflows.awaitActivityStarted(interview, DONE_WITHIN); // the turn waits on the slow model

      system.worker().kill();
      system.worker().start().awaitReady(IdeaforgeSystem.STARTUP);

      JsonNode done = client.awaitStatus(discussion, "done", DONE_WITHIN);
      assertThat(done.path("steps")).hasSize(5);
      Database.assertNoDuplicates(discussion, 5);
      client.awaitJob(
          interview, "the second reply", DONE_WITHIN, j -> j.path("messages").size() >= 4);
      // The dead worker's attempt is retried after the heartbeat timeout: only once the run is
      // idle (waiting for the user) can a second reply no longer come.
      workflows.awaitIdle(interview, DONE_WITHIN);
    }
    assertThat(client.agentMessages(interview)).isEqualTo(2);
    Database.assertNoDuplicates(interview, 0);
  }

  @Test
  void unfinishedJobsCarryOnInTheSameRunsAfterTheTemporalServiceWasKilledAndRestarted() {
    MidwayJobs jobs = MidwayJobs.create(new Client(system.apiBaseUrl()), DONE_WITHIN);
    String runningRun;
    String collectingRun;
    try (JobWorkflows workflows = new JobWorkflows(system.temporal().target())) {
      runningRun = workflows.currentRunId(jobs.running);
      collectingRun = workflows.currentRunId(jobs.collecting);
    }

    // kill -9 mid-turn, and the same server again on the same file; the worker stays up.
    system.temporal().kill();
    system.temporal().start();

    jobs.assertBothCarryOn(DONE_WITHIN);
    // Nothing was started again from the database: the service kept the runs.
    try (JobWorkflows workflows = new JobWorkflows(system.temporal().target())) {
      assertThat(workflows.currentRunId(jobs.running)).isEqualTo(runningRun);
      assertThat(workflows.currentRunId(jobs.collecting)).isEqualTo(collectingRun);
    }
  }
}
