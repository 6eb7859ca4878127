package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.workflow.JobWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "ideaforge.temporal.status-search-attribute=IdeaforgeJobStatus")
class StatusSearchAttributeTest extends WorkflowTestBase {

  @Override
  protected void configure(TestWorkflowEnvironment env) {
    env.registerSearchAttribute("IdeaforgeJobStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  @Test
  void workflowKeepsTheStatusSearchAttributeInStepWithItsPhase() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);
    assertThat(statusAttribute(job)).isEqualTo("collecting");

    awaitCompletion(job); // idles out

    assertThat(statusAttribute(job)).isEqualTo("failed");
  }

  @Test
  void theAttributeIsSetFromTheStartAndTheMemoHoldsNothingThatCanGoStale() {
    Job job = createJob("A habit tracker for remote teams");
    start(job);
    awaitAgentMessages(job, 1);

    var started =
        client
            .fetchHistory(JobWorkflow.workflowId(job.getId()))
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes();
    var atStart = started.getSearchAttributes().getIndexedFieldsMap().get("IdeaforgeJobStatus");
    assertThat(atStart).isNotNull();
    assertThat(
            DefaultDataConverter.STANDARD_INSTANCE.fromPayload(atStart, String.class, String.class))
        .isEqualTo("collecting");
    // No prompt excerpt: the prompt can be edited, a memo cannot follow it.
    assertThat(started.getMemo().getFieldsMap().keySet())
        .containsExactlyInAnyOrder("jobId", "ownerId", "statusSearchAttribute");
  }

  private String statusAttribute(Job job) {
    var response =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(JobWorkflow.workflowId(job.getId())))
                    .build());
    var payload =
        response
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap()
            .get("IdeaforgeJobStatus");
    return payload == null
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
