package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStepRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TokenBudgetWorkflowTest extends WorkflowTestBase {

  @Autowired JobStepRepository steps;

  @Test
  void aSpentBudgetPausesTheJobUntilItIsRaisedAndResumed() {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    setBudget(job, 1); // the CEO's first turn spends it
    start(job);

    await("a pause for the budget", () -> reload(job).isPaused());
    assertNoModelCallFor(Duration.ofSeconds(1));
    assertThat(steps.findByJobIdOrderByOrderAsc(job.getId())).hasSize(1);
    assertThat(status(job)).isEqualTo(JobStatus.RUNNING);
    List<String> messages = PauseResumeTest.messages(gaplessEvents(job));
    assertThat(messages.get(messages.size() - 1))
        .startsWith("Paused: this job has used ")
        .contains("of its 1 tokens");

    // Resuming without more budget pauses it again, without a model call.
    int calls = llm.calls();
    resume(job);
    await("a second pause", () -> reload(job).isPaused());
    assertThat(llm.calls()).isEqualTo(calls);

    setBudget(job, 1_000_000);
    resume(job);
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(steps.findByJobIdOrderByOrderAsc(job.getId())).hasSize(5);
  }

  @Test
  void aJobWithinItsBudgetNeverPauses() {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    setBudget(job, 1_000_000);
    start(job);
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(reload(job).isPaused()).isFalse();
  }

  /** What {@code PATCH /api/jobs/<id>/ {"token_budget"}} does. */
  private void setBudget(Job job, long budget) {
    tx.executeWithoutResult(
        s ->
            jobs.findForUpdate(job.getId()).orElseThrow().changeTokenBudget(budget, Instant.now()));
  }
}
