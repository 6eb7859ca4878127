package dev.ideaforge.worker.workflow;

import static dev.ideaforge.worker.workflow.JobWorkflowTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.workflow.JobWorkflow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A paused discussion holds no executive slot: one user's paused jobs cannot stop everyone else's
 * discussions, and a resumed job never runs beyond the limit.
 */
@TestPropertySource(properties = "ideaforge.agents.max-running-jobs=1")
class PausedSlotTest extends WorkflowTestBase {

  @Autowired JobStepRepository steps;

  /** The only slot's discussion, paused after its CEO's first turn. */
  private Job pausedDiscussion() throws InterruptedException {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    llm.hold();
    start(job);
    llm.awaitHeldCall();
    pause(job);
    llm.release();
    await("the turn in flight", () -> steps.findByJobIdOrderByOrderAsc(job.getId()).size() == 1);
    return job;
  }

  @Test
  void aPausedDiscussionGivesItsSlotToTheNextQueuedJob() throws Exception {
    Job paused = pausedDiscussion();
    Job next = createQueuedJob(PauseResumeTest.SUMMARY);
    start(next);

    awaitCompletion(next);
    assertThat(status(next)).isEqualTo(JobStatus.DONE);
    assertThat(status(paused)).isEqualTo(JobStatus.RUNNING);
    assertThat(reload(paused).isPaused()).isTrue();

    resume(paused);
    awaitCompletion(paused);
    assertThat(status(paused)).isEqualTo(JobStatus.DONE);
  }

  @Test
  void aResumedDiscussionThatFindsNoFreeSlotQueuesAgainAndFinishesLater() throws Exception {
    Job paused = pausedDiscussion();
    Job holder = occupySlot(); // the freed slot is taken meanwhile

    resume(paused);
    await("the resumed job to queue again", () -> status(paused) == JobStatus.QUEUED);
    assertNoModelCallFor(java.time.Duration.ofSeconds(1));
    assertThat(steps.findByJobIdOrderByOrderAsc(paused.getId())).hasSize(1);

    freeSlot(holder);
    client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(paused.getId())).slotFreed();
    awaitCompletion(paused);

    assertThat(status(paused)).isEqualTo(JobStatus.DONE);
    assertThat(steps.findByJobIdOrderByOrderAsc(paused.getId()))
        .extracting(JobStep::getOrder)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(statuses(gaplessEvents(paused)))
        .containsSubsequence("running", "running", "running", "queued", "running", "done");
    assertThat(PauseResumeTest.messages(gaplessEvents(paused))).contains(JobStatusChanges.REQUEUED);
  }
}
