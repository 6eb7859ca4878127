package dev.ideaforge.worker.workflow;

import static dev.ideaforge.worker.workflow.JobWorkflowTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.workflow.JobWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
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

  /**
   * The queued job a paused discussion wakes may have no workflow (Temporal lost it, or it was
   * never started): the signal fails with NOT_FOUND, and the paused job's run must carry on
   * regardless.
   */
  @Test
  void aPausedDiscussionThatWakesAJobWithoutAWorkflowCarriesOn() throws Exception {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    llm.hold();
    String firstRun = startRun(job).getRunId();
    llm.awaitHeldCall();
    createQueuedJob(PauseResumeTest.SUMMARY); // next in line, but no workflow of its own
    pause(job);
    llm.release();
    await(
        "the paused run to try to wake the next queued job",
        () ->
            client.fetchHistory(JobWorkflow.workflowId(job.getId()), firstRun).getEvents().stream()
                .anyMatch(
                    e ->
                        e.getEventType()
                            == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED));

    resume(job);
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(
            client.fetchHistory(JobWorkflow.workflowId(job.getId()), firstRun).getEvents().stream()
                .map(HistoryEvent::getEventType))
        .as("the paused run carried on instead of failing")
        .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
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
