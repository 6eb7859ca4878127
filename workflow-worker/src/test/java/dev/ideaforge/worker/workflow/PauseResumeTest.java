package dev.ideaforge.worker.workflow;

import static dev.ideaforge.worker.workflow.JobWorkflowTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.StoredJobEvent;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.workflow.JobPhase;
import dev.ideaforge.model.workflow.JobWorkflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PauseResumeTest extends WorkflowTestBase {

  static final String SUMMARY =
      "Idea: A habit tracker for remote teams\n"
          + "Problem: Teams forget their daily check-ins\n"
          + "Target users: remote teams\n"
          + "Core features: check-ins, streaks, a dashboard\n"
          + "Platforms: Web\n"
          + "Constraints: not specified";

  @Autowired JobStepRepository steps;

  @Test
  void aPausedDiscussionFinishesTheTurnInFlightThenWaitsUntilResumed() throws Exception {
    Job job = pausedDuringFirstExecutiveTurn(SUMMARY);
    JobWorkflow wf = client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job.getId()));

    assertNoModelCallFor(Duration.ofSeconds(1));
    assertThat(steps(job)).hasSize(1);
    assertThat(reload(job).isPaused()).isTrue();
    assertThat(wf.state().phase()).isEqualTo(JobPhase.RUNNING);

    resume(job);
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(steps(job)).extracting(JobStep::getOrder).containsExactly(1, 2, 3, 4, 5);
    List<StoredJobEvent> events = gaplessEvents(job);
    assertThat(statuses(events)).containsExactly("queued", "running", "running", "running", "done");
    assertThat(messages(events))
        .contains(JobStatusChanges.PAUSED, JobStatusChanges.RESUMED)
        .containsSubsequence(JobStatusChanges.PAUSED, JobStatusChanges.RESUMED);
    recordHistory(job, "paused-and-resumed");
  }

  @Test
  void aPausedInterviewNeitherAnswersNorTimesOut() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);

    pause(job);
    env.sleep(Duration.ofHours(3)); // three idle timeouts of the test settings
    say(job, JobWorkflowTest.ANSWERS.get(0));
    assertNoModelCallFor(Duration.ofSeconds(1));
    assertThat(status(job)).isEqualTo(JobStatus.COLLECTING);
    assertThat(agentMessages(job)).hasSize(1);

    resume(job);
    awaitAgentMessages(job, 2);
    answerInterview(job, JobWorkflowTest.ANSWERS.subList(1, JobWorkflowTest.ANSWERS.size()));
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
  }

  @Test
  void aPausedQueuedJobClaimsNoSlotUntilResumed() {
    Job job = createQueuedJob(SUMMARY);
    pause(job); // signal-with-start: this starts the job's workflow

    assertNoModelCallFor(Duration.ofSeconds(1));
    assertThat(status(job)).isEqualTo(JobStatus.QUEUED);

    resume(job);
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
  }

  @Test
  void aWorkerCrashDuringAPauseKeepsTheJobPausedAndResumesItOnce() throws Exception {
    Job job = pausedDuringFirstExecutiveTurn(SUMMARY);

    restartLostRun(job);

    assertNoModelCallFor(Duration.ofSeconds(1));
    assertThat(steps(job)).hasSize(1);
    resume(job);
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(steps(job)).extracting(JobStep::getOrder).containsExactly(1, 2, 3, 4, 5);
    gaplessEvents(job);
  }

  private List<JobStep> steps(Job job) {
    return steps.findByJobIdOrderByOrderAsc(job.getId());
  }

  static List<String> messages(List<StoredJobEvent> events) {
    return events.stream()
        .filter(e -> e.kind().equals("status"))
        .map(e -> Json.parse(e.payload()).path("message").asString())
        .toList();
  }
}
