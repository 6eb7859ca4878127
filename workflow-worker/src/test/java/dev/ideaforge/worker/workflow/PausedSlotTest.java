package dev.ideaforge.worker.workflow;

import static dev.ideaforge.worker.workflow.JobWorkflowTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
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

  @Test
  void aPausedDiscussionGivesItsSlotToTheNextQueuedJob() throws Exception {
    Job paused = pausedDuringFirstExecutiveTurn(PauseResumeTest.SUMMARY);
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
    Job paused = pausedDuringFirstExecutiveTurn(PauseResumeTest.SUMMARY);
    Job holder = occupySlot(); // the freed slot is taken meanwhile

    resume(paused);
    await("the resumed job to queue again", () -> status(paused) == JobStatus.QUEUED);
    assertNoModelCallFor(java.time.Duration.ofSeconds(1));
    assertThat(steps.findByJobIdOrderByOrderAsc(paused.getId())).hasSize(1);

    freeSlot(holder);
    offerSlot(paused);
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
