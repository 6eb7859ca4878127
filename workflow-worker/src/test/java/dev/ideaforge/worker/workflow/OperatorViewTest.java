package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.workflow.JobPhase;
import dev.ideaforge.model.workflow.JobSearchAttributes;
import dev.ideaforge.model.workflow.JobWaitingFor;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowState;
import dev.ideaforge.worker.agents.LlmException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What operators see of a job's workflow in the Temporal UI: search attributes that follow the job,
 * a memo that names it, a state query, and a failed run that says what broke.
 */
class OperatorViewTest extends WorkflowTestBase {

  @Override
  protected void configure(TestWorkflowEnvironment env) {
    for (SearchAttributeKey<?> key : JobSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    env.registerSearchAttribute("IdeaforgeJobStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  @Override
  protected boolean searchAttributes() {
    return true;
  }

  @Test
  void searchAttributesNameTheOwnerAndFollowTheStatusAndThePause() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);
    assertThat(attribute(job, JobSearchAttributes.OWNER)).isEqualTo(job.getUserId().toString());
    assertThat(attribute(job, JobSearchAttributes.STATUS)).isEqualTo("collecting");
    assertThat(attribute(job, JobSearchAttributes.PAUSED)).isFalse();

    pause(job);
    await("paused", () -> Boolean.TRUE.equals(attribute(job, JobSearchAttributes.PAUSED)));
    resume(job);
    await("resumed", () -> Boolean.FALSE.equals(attribute(job, JobSearchAttributes.PAUSED)));

    assertThat(runFailureType(job)).isEqualTo("INTERVIEW_IDLE"); // idles out
    assertThat(attribute(job, JobSearchAttributes.STATUS)).isEqualTo("failed");
    recordHistory(job, "operator-view-paused-then-idle");
  }

  @Test
  void theStatusFollowsADiscussionToDone() {
    Job job = createQueuedJob("Problem: remote teams forget their daily check-ins");
    start(job);

    assertThat(runFailureType(job)).isNull();

    assertThat(attribute(job, JobSearchAttributes.STATUS)).isEqualTo("done");
    recordHistory(job, "operator-view-discussion");
  }

  @Test
  void theMemoHoldsTheJobIdAndTheFirstLineOfTheIdea() {
    Job job = createJob("\n  A habit tracker for remote teams  \nwith streaks and reminders");
    start(job);
    awaitAgentMessages(job, 1);

    Map<String, io.temporal.api.common.v1.Payload> memo =
        client
            .fetchHistory(JobWorkflow.workflowId(job.getId()))
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getMemo()
            .getFieldsMap();
    assertThat(memo.keySet()).containsExactlyInAnyOrder("jobId", "ownerId", "idea");
    Function<String, String> value =
        key ->
            io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                memo.get(key), String.class, String.class);
    assertThat(value.apply("jobId")).isEqualTo(job.getId().toString());
    assertThat(value.apply("idea")).isEqualTo("A habit tracker for remote teams");
  }

  @Test
  void theStateQuerySaysWhatTheJobWaitsFor() throws InterruptedException {
    Job interview = createJob("A habit tracker for remote teams");
    JobWorkflow wf = start(interview);
    awaitAgentMessages(interview, 1);
    await("waiting for the user", () -> wf.state().waitingFor() == JobWaitingFor.USER_REPLY);
    assertThat(wf.state().phase()).isEqualTo(JobPhase.COLLECTING);
    assertThat(wf.state().turn()).isEqualTo(1);

    pause(interview);
    await("waiting for a resume", () -> wf.state().waitingFor() == JobWaitingFor.RESUME);
    assertThat(wf.state().paused()).isTrue();

    Job discussion = createQueuedJob("Problem: remote teams forget their daily check-ins");
    llm.hold();
    JobWorkflow running = start(discussion);
    llm.awaitHeldCall();
    JobWorkflowState state = running.state();
    llm.release();
    assertThat(state.phase()).isEqualTo(JobPhase.RUNNING);
    assertThat(state.waitingFor()).isEqualTo(JobWaitingFor.CEO);
    assertThat(state.round()).isEqualTo(1);
    assertThat(state.rounds()).isEqualTo(agents.maxExecutiveRounds());
  }

  @Test
  void aRunThatFailsItsJobEndsFailedWithWhatBroke() {
    llm.failNext(new LlmException("HTTP 401: invalid API key", false, null));
    Job job = createJob("A habit tracker for remote teams");
    start(job);

    assertThat(runFailureType(job)).isEqualTo("LLM_REJECTED");
    assertThat(reload(job).getErrorMessage()).contains("invalid API key");
    recordHistory(job, "failed-run-fails");
  }

  @Test
  void aRunStartedBeforeTheseAttributesKeepsItsOneStatusAttributeUpToDate() {
    Job job = createJob("A habit tracker for remote teams");
    // How runs were started before: the attribute named in the memo, set to the status.
    var options = dev.ideaforge.model.workflow.JobWorkflowOptions.forJob(job, temporal, false);
    var legacy =
        io.temporal.client.WorkflowOptions.newBuilder(options)
            .setMemo(
                Map.of(
                    "jobId", job.getId().toString(),
                    "ownerId", job.getUserId().toString(),
                    "statusSearchAttribute", "IdeaforgeJobStatus"))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(SearchAttributeKey.forKeyword("IdeaforgeJobStatus"), "collecting")
                    .build())
            .build();
    io.temporal.client.WorkflowClient.start(
        client.newWorkflowStub(JobWorkflow.class, legacy)::run, job.getId().toString());
    awaitAgentMessages(job, 1);

    awaitCompletion(job); // idles out

    assertThat(attribute(job, SearchAttributeKey.forKeyword("IdeaforgeJobStatus")))
        .isEqualTo("failed");
    assertThat(attribute(job, JobSearchAttributes.STATUS)).isNull();
  }

  private <T> T attribute(Job job, SearchAttributeKey<T> key) {
    return client
        .newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId()))
        .describe()
        .getTypedSearchAttributes()
        .get(key);
  }
}
