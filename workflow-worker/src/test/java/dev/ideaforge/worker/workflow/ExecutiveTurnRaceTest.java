package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.worker.agents.Agent;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExecutiveTurnRaceTest extends WorkflowTestBase {

  @Autowired JobStepRepository steps;

  /**
   * An attempt whose step another attempt stored first (e.g. one Temporal gave up on after a missed
   * heartbeat) reports the stored step's agreement, not the one its own model call made.
   */
  @Test
  void aRetriedTurnReportsTheAgreementThatWasStored() throws Exception {
    Job job = occupySlot();
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    try {
      activities.registerActivitiesImplementations(executives);
      ExecutiveActivities stub =
          activities.newActivityStub(
              ExecutiveActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setHeartbeatTimeout(Duration.ofSeconds(10))
                  .build());

      llm.hold();
      // The scripted CTO disagrees in round 1.
      CompletableFuture<ExecutiveActivities.TurnOutcome> late =
          CompletableFuture.supplyAsync(
              () ->
                  stub.takeTurn(
                      new ExecutiveActivities.Turn(
                          job.getId().toString(), 2, Agent.CTO, 1, 3, true)));
      llm.awaitHeldCall();
      tx.executeWithoutResult(
          s ->
              steps.save(
                  new JobStep(
                      job.getId(),
                      "CTO",
                      "Stored by the first attempt",
                      2,
                      "{\"agrees\": true}",
                      Instant.now())));
      llm.release();

      assertThat(late.get().agrees()).isTrue();
      assertThat(steps.findByJobIdOrderByOrderAsc(job.getId())).hasSize(1);
    } finally {
      activities.close();
      freeSlot(job);
    }
  }
}
