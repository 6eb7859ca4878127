package dev.ideaforge.worker.workflow;

import static dev.ideaforge.worker.workflow.JobWorkflowTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.StoredJobEvent;
import dev.ideaforge.model.jobs.App;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.AppVersion;
import dev.ideaforge.model.jobs.AppVersionRepository;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.workflow.JobChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ChangeRequestTest extends WorkflowTestBase {

  static final String CHANGE = "Add a dark mode for night shifts";

  @Autowired JobStepRepository steps;
  @Autowired AppRepository apps;
  @Autowired AppVersionRepository versions;

  @Test
  void aChangeRequestOnADoneJobWritesVersionTwoOfTheSameApp() {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    start(job);
    awaitCompletion(job);
    App first = apps.findByJobId(job.getId()).orElseThrow();
    assertThat(first.getVersion()).isEqualTo(1);

    requestChange(job, CHANGE);
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(reload(job).getChangeRequest()).isNull();
    List<JobStep> discussion = steps.findByJobIdOrderByOrderAsc(job.getId());
    // The change's discussion numbers on after the first one's five steps.
    assertThat(discussion).extracting(JobStep::getOrder).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(discussion.get(5).getAgentName()).isEqualTo("CEO");
    assertThat(discussion.get(5).getMessage()).contains("change version 1").contains(CHANGE);
    assertThat(discussion.get(6).getMessage()).contains(CHANGE);
    assertThat(discussion.get(7).getAgentName()).isEqualTo("Secretary");

    App app = apps.findByJobId(job.getId()).orElseThrow();
    assertThat(app.getId()).isEqualTo(first.getId());
    assertThat(app.getVersion()).isEqualTo(2);
    JsonNode spec = Json.parse(app.getSpec());
    assertThat(spec.path("prd").path("functional_requirements").toString())
        .contains("Change request (version 2): " + CHANGE);
    assertThat(spec.path("summary").asString()).contains(CHANGE);
    assertThat(spec.path("discussion")).hasSize(2); // this version's own discussion
    List<AppVersion> all = versions.findByAppIdOrderByVersionAsc(app.getId());
    assertThat(all).extracting(AppVersion::getVersion).containsExactly(1, 2);
    assertThat(all).extracting(AppVersion::getChangeRequest).containsExactly(null, CHANGE);
    assertThat(Json.parse(all.get(0).getSpec()).path("prd").toString()).doesNotContain(CHANGE);

    List<StoredJobEvent> events = gaplessEvents(job);
    assertThat(statuses(events))
        .containsExactly("queued", "running", "done", "queued", "running", "done");
    List<JsonNode> appEvents =
        events.stream()
            .filter(e -> e.kind().equals("app"))
            .map(e -> Json.parse(e.payload()))
            .toList();
    assertThat(appEvents).extracting(e -> e.path("version").asInt()).containsExactly(1, 2);
    recordHistory(job, "change-request");
  }

  @Test
  void aWorkerCrashDuringARevisionStoresEachStepAndVersionOnce() throws Exception {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    start(job);
    awaitCompletion(job);

    llm.hold();
    requestChange(job, CHANGE);
    llm.awaitHeldCall(); // the CEO's turn on the change is thinking
    restartLostRun(job);
    llm.release();
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    assertThat(steps.findByJobIdOrderByOrderAsc(job.getId()))
        .extracting(JobStep::getOrder)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    App app = apps.findByJobId(job.getId()).orElseThrow();
    assertThat(app.getVersion()).isEqualTo(2);
    assertThat(versions.findByAppIdOrderByVersionAsc(app.getId())).hasSize(2);
    gaplessEvents(job);
  }

  @Test
  void aPauseDuringARevisionHoldsItUntilResumed() throws Exception {
    Job job = createQueuedJob(PauseResumeTest.SUMMARY);
    start(job);
    awaitCompletion(job);

    llm.hold();
    requestChange(job, CHANGE);
    llm.awaitHeldCall();
    pause(job);
    llm.release();
    await("the turn in flight", () -> steps.findByJobIdOrderByOrderAsc(job.getId()).size() == 6);
    assertNoModelCallFor(java.time.Duration.ofSeconds(1));

    resume(job);
    awaitCompletion(job);
    assertThat(apps.findByJobId(job.getId()).orElseThrow().getVersion()).isEqualTo(2);
  }

  /** What {@code POST /api/jobs/<id>/continue/} does. */
  private void requestChange(Job job, String change) {
    tx.executeWithoutResult(
        s ->
            statusChanges.requestChange(
                jobs.findForUpdate(job.getId()).orElseThrow(),
                change,
                steps.lastOrder(job.getId())));
    signal(job, JobChange.REOPENED);
  }
}
