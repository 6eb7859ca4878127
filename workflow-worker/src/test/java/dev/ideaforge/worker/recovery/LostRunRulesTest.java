package dev.ideaforge.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.worker.recovery.LostRunRules.Verdict;
import dev.ideaforge.worker.recovery.RunSnapshot.Activity;
import dev.ideaforge.worker.recovery.RunSnapshot.TaskState;
import dev.ideaforge.worker.recovery.RunSnapshot.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as lost, given what Temporal reports; no Temporal, no database. */
class LostRunRulesTest {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final Instant POLLING_FOR_AN_HOUR = NOW.minus(Duration.ofHours(1));
  static final Duration TASK_TIMEOUT = Duration.ofSeconds(10);

  final LostRunRules rules = new LostRunRules(Duration.ofSeconds(20));

  @Test
  void aWorkflowTaskScheduledLongAgoAndNeverStartedIsLost() {
    RunSnapshot run = run(new WorkflowTask(TaskState.SCHEDULED, ago(25), 1, false));

    assertThat(verdict(run)).isEqualTo(Verdict.LOST);
  }

  @Test
  void aWorkflowTaskScheduledMomentsAgoIsNotLost() {
    RunSnapshot run = run(new WorkflowTask(TaskState.SCHEDULED, ago(5), 1, false));

    assertThat(verdict(run)).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void aTaskScheduledBeforeThisWorkerPolledLongEnoughIsNotLost() {
    RunSnapshot run = run(new WorkflowTask(TaskState.SCHEDULED, ago(300), 1, false));

    assertThat(rules.diagnose(run, NOW, ago(8)).verdict()).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void aWorkflowTaskStartedLongerAgoThanItsTimeoutAndMoreIsLost() {
    assertThat(verdict(run(new WorkflowTask(TaskState.STARTED, ago(31), 1, false))))
        .isEqualTo(Verdict.LOST);
    assertThat(verdict(run(new WorkflowTask(TaskState.STARTED, ago(15), 1, false))))
        .isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void aRunWaitingForTheUserOrAnExecutiveSlotHasNothingPendingAndIsLeftAlone() {
    assertThat(verdict(run(null))).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void aRunWhoseActivityIsRunningIsNeverTouchedEvenWithAnOldTask() {
    Activity heartbeating = new Activity(TaskState.STARTED, ago(600), ago(600), ago(1), 1);
    RunSnapshot run =
        new RunSnapshot(
            "run",
            true,
            TASK_TIMEOUT,
            new WorkflowTask(TaskState.SCHEDULED, ago(500), 1, false),
            List.of(heartbeating));

    assertThat(verdict(run)).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void aWorkflowTaskThatKeepsFailingIsReportedNotRestarted() {
    assertThat(verdict(run(new WorkflowTask(TaskState.SCHEDULED, ago(500), 2, true))))
        .isEqualTo(Verdict.FAILING);
    assertThat(verdict(run(new WorkflowTask(TaskState.STARTED, ago(1), 7, false))))
        .isEqualTo(Verdict.FAILING);
  }

  @Test
  void aFirstActivityAttemptThatNeverStartedIsLostButARetryWaitingForItsBackoffIsNot() {
    Activity neverStarted = new Activity(TaskState.SCHEDULED, ago(60), null, null, 1);
    Activity retryWaiting = new Activity(TaskState.SCHEDULED, ago(60), ago(90), null, 3);

    assertThat(verdict(new RunSnapshot("run", true, TASK_TIMEOUT, null, List.of(neverStarted))))
        .isEqualTo(Verdict.LOST);
    assertThat(verdict(new RunSnapshot("run", true, TASK_TIMEOUT, null, List.of(retryWaiting))))
        .isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void theThresholdIsNeverShorterThanTheWorkflowTaskTimeout() {
    RunSnapshot slowTimeout =
        new RunSnapshot(
            "run",
            true,
            Duration.ofMinutes(2),
            new WorkflowTask(TaskState.SCHEDULED, ago(60), 1, false),
            List.of());

    assertThat(verdict(slowTimeout)).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void noOpenRunIsMissing() {
    assertThat(verdict(RunSnapshot.missing())).isEqualTo(Verdict.MISSING);
    assertThat(verdict(new RunSnapshot("run", false, TASK_TIMEOUT, null, List.of())))
        .isEqualTo(Verdict.MISSING);
  }

  private Verdict verdict(RunSnapshot run) {
    return rules.diagnose(run, NOW, POLLING_FOR_AN_HOUR).verdict();
  }

  private static RunSnapshot run(WorkflowTask task) {
    return new RunSnapshot("run", true, TASK_TIMEOUT, task, List.of());
  }

  private static Instant ago(long seconds) {
    return NOW.minusSeconds(seconds);
  }
}
