package dev.ideaforge.worker.workflow;

import static dev.ideaforge.worker.workflow.JobWorkflowTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.workflow.JobChange;
import dev.ideaforge.worker.agents.LlmException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RetryTest extends WorkflowTestBase {

  @Autowired JobStepRepository steps;

  @Test
  void aFailedDiscussionIsRetriedFromItsLastStoredStep() throws Exception {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    llm.hold();
    start(job);
    llm.awaitHeldCall(); // the CEO's first turn
    llm.failNext(new LlmException("HTTP 401: invalid API key", false, null)); // the CTO's
    llm.release();
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.FAILED);
    UUID ceoStep = steps(job).get(0).getId();
    int callsBefore = llm.calls();

    retry(job);
    awaitCompletion(job);

    Job done = reload(job);
    assertThat(done.getStatus()).isEqualTo(JobStatus.DONE);
    assertThat(done.getErrorMessage()).isNull();
    assertThat(steps(job)).extracting(JobStep::getOrder).containsExactly(1, 2, 3, 4, 5);
    // The CEO's stored turn was kept, not asked again: four model calls, from the CTO's on.
    assertThat(steps(job).get(0).getId()).isEqualTo(ceoStep);
    assertThat(llm.calls() - callsBefore).isEqualTo(4);
    assertThat(statuses(gaplessEvents(job)))
        .containsExactly("queued", "running", "failed", "queued", "running", "done");
    recordHistory(job, "retried-after-failure");
  }

  @Test
  void aFailedInterviewIsRetriedFromTheInterview() {
    llm.failNext(new LlmException("HTTP 401: invalid API key", false, null));
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.FAILED);

    retry(job);

    awaitAgentMessages(job, 1);
    assertThat(status(job)).isEqualTo(JobStatus.COLLECTING);
    answerInterview(job, JobWorkflowTest.ANSWERS);
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(statuses(gaplessEvents(job)))
        .containsExactly("failed", "collecting", "queued", "running", "done");
  }

  /** What {@code POST /api/jobs/<id>/retry/} does. */
  private void retry(Job job) {
    tx.executeWithoutResult(
        s -> statusChanges.retry(jobs.findForUpdate(job.getId()).orElseThrow()));
    signal(job, JobChange.REOPENED);
  }

  private List<JobStep> steps(Job job) {
    return steps.findByJobIdOrderByOrderAsc(job.getId());
  }
}
