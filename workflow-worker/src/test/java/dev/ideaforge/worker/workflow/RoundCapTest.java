package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.UserMessageSignal;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
    properties = {"ideaforge.agents.max-user-rounds=2", "ideaforge.agents.max-history-events=50"})
class RoundCapTest extends WorkflowTestBase {

  @Test
  void interviewIsSummarisedAfterTheRoundCap() {
    // An idea that answers nothing: the interviewer would ask five questions without the cap.
    Job job = createJob("Something with plants");
    start(job);
    awaitAgentMessages(job, 1);
    say(job, "People forget to water their plants");
    awaitAgentMessages(job, 2);
    say(job, "Plant owners in cities");
    JobMessage summary = awaitAgentMessages(job, 3);

    assertThat(summary.getContent()).contains("REQUIREMENTS_SUMMARY");
    await("queued", () -> status(job) != JobStatus.COLLECTING);
    assertThat(reload(job).getRequirementsSummary())
        .contains("Target users: Plant owners in cities")
        .contains("Platforms: not specified");
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
  }

  @Test
  void aMessageSentDuringTheSummaryTurnIsAnsweredNotDropped() throws InterruptedException {
    Job job = createJob("Something with plants");
    start(job);
    awaitAgentMessages(job, 1);
    say(job, "People forget to water their plants");
    awaitAgentMessages(job, 2);

    llm.hold();
    say(job, "Plant owners in cities"); // the round cap: this turn writes the summary
    llm.awaitHeldCall();
    say(job, "Oh, and it must work offline");
    llm.release();

    await("queued", () -> status(job) != JobStatus.COLLECTING);
    // The summary that closed the interview was written after the late message, from it.
    JobMessage summary = agentMessages(job).get(agentMessages(job).size() - 1);
    assertThat(summary.getContent()).contains("REQUIREMENTS_SUMMARY");
    assertThat(
            Interview.unanswered(
                Interview.lines(messages.findByJobIdOrderByPositionAsc(job.getId()))))
        .isEmpty();
    assertThat(agentMessages(job)).hasSize(3);
    awaitCompletion(job);
    assertThat(status(job)).isEqualTo(JobStatus.DONE);
  }

  @Test
  void longInterviewContinuesAsNewAndFinishes() throws InterruptedException {
    Job job = createJob("Something with plants");
    JobWorkflow wf = start(job);
    awaitAgentMessages(job, 1);
    // Idle chatter that gets no reply still grows the history: signals for unknown messages.
    String firstRun = WorkflowStub.fromTyped(wf).getExecution().getRunId();
    for (int i = 0; i < 12; i++) {
      wf.userMessage(new UserMessageSignal(UUID.randomUUID().toString()));
      Thread.sleep(150); // one turn each, so the history grows
    }
    say(job, "People forget to water their plants");
    awaitAgentMessages(job, 2);
    say(job, "Plant owners in cities");
    awaitCompletion(job);

    assertThat(status(job)).isEqualTo(JobStatus.DONE);
    // The first run handed over to a new run instead of growing its history further.
    WorkflowExecutionHistory first =
        client.fetchHistory(JobWorkflow.workflowId(job.getId()), firstRun);
    assertThat(first.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    // The new run keeps the memo operators find the job by (a continued run gets none by itself).
    var latest = client.newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId())).describe();
    assertThat(latest.getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat((String) latest.getMemo("jobId", String.class)).isEqualTo(job.getId().toString());
    assertThat(agentMessages(job))
        .extracting(JobMessage::getIdempotencyKey)
        .doesNotHaveDuplicates();
  }
}
