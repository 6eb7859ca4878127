package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.api.workflows.JobWorkflowClient;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.RegisteredSearchAttributes;
import dev.ideaforge.model.workflow.TemporalSettings;
import dev.ideaforge.testsupport.HttpApi;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The worker's recovery may start a job's workflow between the job's commit and the API's own
 * start. Starting a workflow that already runs is success: the API answers 201 and keeps the job.
 */
@Import(JobStartRaceTest.RecoveryGetsThereFirst.class)
class JobStartRaceTest extends ApiTestBase {

  /** Starts the job's workflow just before the API does, as the worker's sweep could. */
  @TestConfiguration
  static class RecoveryGetsThereFirst {
    @Bean
    @Primary
    JobWorkflowClient racingWorkflowClient(
        WorkflowClient client,
        TemporalSettings settings,
        RegisteredSearchAttributes searchAttributes) {
      return new JobWorkflowClient(client, settings, searchAttributes) {
        @Override
        public void start(Job job) {
          startDirectly(client, settings, job);
          super.start(job);
        }
      };
    }
  }

  @Autowired WorkflowClient client;
  @Autowired TemporalSettings settings;
  @Autowired RegisteredSearchAttributes searchAttributes;
  @Autowired JobRepository jobs;

  @Test
  void createAnswers201AndKeepsTheJobWhenItsWorkflowIsAlreadyRunning() {
    String token = newUserToken();

    HttpApi.Response res = api.post("/api/jobs/", Map.of("prompt", "an idea"), token);

    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    String jobId = res.json().path("id").asString();
    assertThat(api.get("/api/jobs/" + jobId + "/", token).status()).isEqualTo(200);
    assertThat(statusOf(UUID.fromString(jobId)))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void startingAWorkflowThatAlreadyRunsIsSuccess() {
    String token = newUserToken();
    UUID jobId = UUID.fromString(createJob(token, "another idea").path("id").asString());
    Job job = jobs.findById(jobId).orElseThrow();
    JobWorkflowClient plain = new JobWorkflowClient(client, settings, searchAttributes);

    assertThatCode(() -> plain.start(job)).doesNotThrowAnyException();
    assertThat(statusOf(jobId))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private WorkflowExecutionStatus statusOf(UUID jobId) {
    return client.newUntypedWorkflowStub(JobWorkflow.workflowId(jobId)).describe().getStatus();
  }

  static void startDirectly(WorkflowClient client, TemporalSettings settings, Job job) {
    JobWorkflow wf =
        client.newWorkflowStub(JobWorkflow.class, JobWorkflowOptions.forJob(job, settings, false));
    WorkflowClient.start(wf::run, job.getId().toString());
  }
}
