package dev.ideaforge.worker.workflow;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories against today's workflow code: a change that would break running
 * workflows (a non-deterministic change) fails here. Re-record with {@code
 * -Dideaforge.recordHistories=true} only for a deliberate, versioned change.
 */
class WorkflowReplayTest {

  static final WorkflowTuning TUNING =
      new WorkflowTuning(
          Duration.ofHours(1),
          Duration.ofSeconds(20),
          Duration.ofSeconds(30),
          Duration.ofMillis(100),
          Duration.ofMillis(200),
          3,
          3,
          10_000,
          "");

  @ParameterizedTest
  @ValueSource(strings = {"lifecycle", "idle-timeout", "retried-turn", "rejected-model-call"})
  void recordedHistoryReplays(String name) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationFactory(
          dev.ideaforge.model.workflow.JobWorkflow.class,
          () -> new JobWorkflowImpl(TUNING, "ideaforge-executive"));
      WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + name + ".json", worker);
    }
  }
}
