package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.workflow.JobWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Replays recorded histories against today's workflow code: a change that would break running
 * workflows (a non-deterministic change) fails here. Re-record with {@code
 * -Dideaforge.recordHistories=true} only for a deliberate, versioned change.
 */
class WorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lifecycle",
        "idle-timeout",
        "retried-turn",
        "rejected-model-call",
        "waited-for-a-slot",
        "one-executive-round",
        "local-load",
        "paused-and-resumed",
        "retried-after-failure",
        "change-request",
        "failed-run-fails",
        "operator-view-paused-then-idle",
        "operator-view-discussion"
      })
  void recordedHistoryReplays(String name) throws Exception {
    replay(name, Map.of());
  }

  /**
   * A deploy that changes the worker's settings must not break running jobs: the history of a job
   * planned with one executive round replays on a worker configured with five.
   */
  @Test
  void historyReplaysOnAWorkerWithOtherSettings() throws Exception {
    replay(
        "one-executive-round",
        Map.of(
            "ideaforge.agents.max-executive-rounds", "5",
            "ideaforge.agents.max-history-events", "60",
            "ideaforge.agents.slot-recheck-interval", "1m"));
  }

  private static void replay(String name, Map<String, String> settings) throws Exception {
    AgentSettings agents =
        new Binder(new MapConfigurationPropertySource(settings))
            .bindOrCreate("ideaforge.agents", AgentSettings.class);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationFactory(
          JobWorkflow.class, () -> new JobWorkflowImpl(agents.tuning(), "ideaforge-executive"));
      WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + name + ".json", worker);
    }
  }
}
