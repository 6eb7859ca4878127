package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.StoredJobEvent;
import dev.ideaforge.model.jobs.App;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.model.workflow.JobPhase;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.worker.agents.LlmException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class JobWorkflowTest extends WorkflowTestBase {

  static final List<String> ANSWERS =
      List.of(
          "Teams forget their daily check-ins and lose momentum",
          "Daily check-ins, streaks, a team dashboard and reminders",
          "Web and iOS",
          "Small budget, launch within three months, GDPR");

  @Autowired JobStepRepository steps;
  @Autowired AppRepository apps;

  @Test
  void fullLifecycleEndsWithAnAppAndGaplessEvents() {
    Job job = createJob("A habit tracker for remote teams");
    JobWorkflow wf = start(job);

    answerInterview(job, ANSWERS);
    awaitCompletion(job);

    Job done = reload(job);
    assertThat(done.getStatus()).isEqualTo(JobStatus.DONE);
    assertThat(done.getRequirementsSummary())
        .contains("Problem: Teams forget their daily check-ins")
        .contains("Platforms: Web and iOS");
    assertThat(done.getPrompt()).isEqualTo(done.getRequirementsSummary());

    List<JobStep> discussion = steps.findByJobIdOrderByOrderAsc(job.getId());
    assertThat(discussion).extracting(JobStep::getOrder).containsExactly(1, 2, 3, 4, 5);
    assertThat(discussion)
        .extracting(JobStep::getAgentName)
        .containsExactly("CEO", "CTO", "CEO", "CTO", "Secretary");
    assertThat(discussion.get(0).getMessage()).doesNotContain("AGREEMENT");
    assertThat(Json.parse(discussion.get(1).getMetadata()).path("provider").asString())
        .isEqualTo("scripted");

    App app = apps.findByJobId(job.getId()).orElseThrow();
    JsonNode spec = Json.parse(app.getSpec());
    assertThat(spec.path("requirements").asString()).isEqualTo(done.getRequirementsSummary());
    assertThat(spec.path("discussion")).hasSize(4);
    assertThat(spec.path("summary").asString()).startsWith("# ").contains("## User stories");
    for (String field :
        List.of(
            "name",
            "problem",
            "target_users",
            "goals",
            "user_stories",
            "functional_requirements",
            "non_functional_requirements",
            "mvp_scope",
            "tech_stack",
            "milestones",
            "risks",
            "open_questions")) {
      assertThat(spec.path("prd").has(field)).as(field).isTrue();
    }
    assertThat(spec.path("prd").path("user_stories").get(0).path("acceptance_criteria"))
        .isNotEmpty();

    List<StoredJobEvent> events = gaplessEvents(job);
    List<String> kinds = events.stream().map(StoredJobEvent::kind).toList();
    assertThat(kinds).filteredOn("step"::equals).hasSize(5);
    assertThat(kinds).filteredOn("app"::equals).hasSize(1);
    assertThat(statuses(events)).containsExactly("queued", "running", "done");
    assertThat(kinds.get(kinds.size() - 1)).isEqualTo("status");
    assertThat(wf.state().phase()).isEqualTo(JobPhase.DONE);
    assertThat(wf.state().lastEventSeq()).isEqualTo(events.size());
    recordHistory(job, "lifecycle");
  }

  /**
   * Every task at the Temporal service is a wait under load. Loading the job runs inside the first
   * workflow task, so the first reply needs one activity task: the agent's turn.
   */
  @Test
  void aJobLoadsItselfWithoutAnActivityTask() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    answerInterview(job, ANSWERS);
    awaitCompletion(job);

    var history = client.fetchHistory(JobWorkflow.workflowId(job.getId())).getHistory();
    List<String> activityTasks =
        history.getEventsList().stream()
            .filter(e -> e.hasActivityTaskScheduledEventAttributes())
            .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
            .distinct()
            .toList();
    assertThat(activityTasks).doesNotContain("LoadJob").contains("ReplyToUser");
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    recordHistory(job, "local-load");
  }

  @Test
  void messagesArrivingDuringATurnAreAnsweredTogether() throws Exception {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);

    llm.hold();
    say(job, "Teams forget their daily check-ins");
    llm.awaitHeldCall();
    say(job, "Daily check-ins, streaks and reminders");
    say(job, "Also a team dashboard");
    llm.release();

    JobMessage third = awaitAgentMessages(job, 3);
    // The second and third user messages arrived during turn 2 and got one reply, not two.
    Thread.sleep(500);
    assertThat(agentMessages(job)).hasSize(3);
    assertThat(third.getContent()).contains("Which platforms");
  }

  @Test
  void anAgentMessageAToolPostedCannotSilenceTheInterview() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);
    // What POST /api/job-messages/ stores for a tool (dev profile): an agent message whose
    // metadata claims it answered everything, ever.
    tx.executeWithoutResult(
        s ->
            chat.append(
                job.getId(),
                MessageRole.AGENT,
                "Client Relations",
                "Noted.",
                "{\"answered_position\": 9007199254740991}",
                null,
                Instant.now()));

    say(job, ANSWERS.get(0));

    JobMessage reply = awaitAgentMessages(job, 3);
    assertThat(reply.getIdempotencyKey()).endsWith(":cr:2");
  }

  @Test
  void idleInterviewFailsWithAClearReason() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);

    awaitCompletion(job); // the test environment skips the idle hour

    Job failed = reload(job);
    assertThat(failed.getStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.getErrorMessage()).contains("no reply came for 1 hour");
    assertThat(statuses(gaplessEvents(job))).containsExactly("failed");
    recordHistory(job, "idle-timeout");
  }

  @Test
  void editedPromptGetsAnAcknowledgement() {
    Job job = createJob("A habit tracker for remote teams");
    JobWorkflow wf = start(job);
    awaitAgentMessages(job, 1);

    tx.executeWithoutResult(
        s -> {
          Job locked = jobs.findForUpdate(job.getId()).orElseThrow();
          locked.editInitialPrompt("A habit tracker for families", Instant.now());
          messages
              .findFirstByJobIdOrderByPositionAsc(job.getId())
              .orElseThrow()
              .replaceContent("A habit tracker for families");
        });
    wf.promptUpdated();

    JobMessage reply = awaitAgentMessages(job, 2);
    assertThat(reply.getContent())
        .contains("updated your idea to: \"A habit tracker for families\"");
  }

  @Test
  void transientModelFailuresAreRetriedWithoutDuplicates() {
    llm.failNext(new LlmException("HTTP 429", true, null))
        .failNext(new LlmException("HTTP 503", true, null));
    Job job = createJob("A habit tracker for remote teams");
    start(job);

    awaitAgentMessages(job, 1);

    assertThat(llm.calls()).isEqualTo(3);
    assertThat(agentMessages(job)).hasSize(1);
    recordHistory(job, "retried-turn");
    assertThat(gaplessEvents(job)).hasSize(2); // the prompt's chat event and the reply's
    assertThat(status(job)).isEqualTo(JobStatus.COLLECTING);
  }

  @Test
  void rejectedModelCallFailsTheJobWithoutAnAgentMessage() {
    llm.failNext(new LlmException("HTTP 401: invalid API key", false, null));
    Job job = createJob("A habit tracker for remote teams");
    start(job);

    awaitCompletion(job);

    Job failed = reload(job);
    assertThat(failed.getStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.getErrorMessage())
        .isEqualTo("The Client Relations agent could not continue: HTTP 401: invalid API key");
    assertThat(agentMessages(job)).isEmpty();
    assertThat(llm.calls()).isEqualTo(1);
    assertThat(statuses(gaplessEvents(job))).containsExactly("failed");
    recordHistory(job, "rejected-model-call");
  }

  @Test
  void exhaustedRetriesFailTheJob() {
    for (int i = 0; i < 3; i++) {
      llm.failNext(new LlmException("HTTP 500", true, null));
    }
    Job job = createJob("A habit tracker for remote teams");
    start(job);

    awaitCompletion(job);

    assertThat(reload(job).getErrorMessage())
        .isEqualTo("The Client Relations agent could not continue: HTTP 500");
    assertThat(agentMessages(job)).isEmpty();
  }

  @Test
  void deletedJobsWorkflowIsCancelledAndWritesNothing() throws Exception {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);

    llm.hold();
    say(job, "Teams forget their daily check-ins");
    llm.awaitHeldCall();
    // What DELETE /api/jobs/<id>/ does: cancel the workflow, then delete the job's rows.
    WorkflowStub stub = client.newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId()));
    stub.cancel();
    tx.executeWithoutResult(s -> jobs.deleteById(job.getId()));
    llm.release();

    assertThatThrownBy(() -> stub.getResult(Void.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    Thread.sleep(500);
    assertThat(messages.findByJobIdOrderByPositionAsc(job.getId())).isEmpty();
    assertThat(events.after(job.getId(), 0, 100)).isEmpty();
  }

  @Test
  void restartedWorkflowCarriesOnFromTheDatabase() {
    Job job = createJob("A habit tracker for remote teams");
    JobWorkflow first = start(job);
    awaitAgentMessages(job, 1);
    say(job, ANSWERS.get(0));
    awaitAgentMessages(job, 2);
    // The Temporal service lost the workflow; a new run must pick up at turn 3.
    client.newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId())).terminate("lost");

    JobWorkflow second = start(job);
    answerInterview(job, ANSWERS.subList(1, ANSWERS.size()));
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    List<String> keys = agentMessages(job).stream().map(JobMessage::getIdempotencyKey).toList();
    assertThat(keys).doesNotHaveDuplicates().hasSize(5).last().asString().endsWith(":cr:5");
    assertThat(second.state().turn()).isEqualTo(5);
    gaplessEvents(job);
  }

  static List<String> statuses(List<StoredJobEvent> events) {
    return events.stream()
        .filter(e -> e.kind().equals("status"))
        .map(e -> Json.parse(e.payload()).path("status").asString())
        .toList();
  }
}
