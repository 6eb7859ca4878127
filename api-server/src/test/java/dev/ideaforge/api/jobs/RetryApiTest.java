package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.api.WorkflowHistory;
import dev.ideaforge.testsupport.HttpApi;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RetryApiTest extends ApiTestBase {

  @Autowired WorkflowClient temporal;

  @Test
  void aFailedInterviewGoesBackToCollectingWithItsErrorCleared() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    jdbc.update(
        "update jobs set status = 'failed', error_message = 'The model said no' where id = ?::uuid",
        jobId);

    HttpApi.Response res = api.post("/api/jobs/" + jobId + "/retry/", null, token);

    assertThat(res.status()).as(res.toString()).isEqualTo(202);
    assertThat(res.json().path("detail").asString()).isEqualTo("Retry queued.");
    JsonNode job = api.get("/api/jobs/" + jobId + "/", token).json();
    assertThat(job.path("status").asString()).isEqualTo("collecting");
    assertThat(job.path("error_message").isNull()).isTrue();
    assertThat(WorkflowHistory.signalNames(temporal, jobId)).contains("jobChanged");
    assertThat(lastStatusEvent(jobId)).isEqualTo("collecting");
  }

  @Test
  void aFailedDiscussionIsQueuedAgain() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    jdbc.update(
        "update jobs set status = 'failed', requirements_summary = 'Idea: recipes',"
            + " error_message = 'boom' where id = ?::uuid",
        jobId);
    try {
      assertThat(api.post("/api/jobs/" + jobId + "/retry/", null, token).status()).isEqualTo(202);
      assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("status").asString())
          .isEqualTo("queued");
      assertThat(lastStatusEvent(jobId)).isEqualTo("queued");
    } finally {
      setStatus(jobId, "failed");
    }
  }

  @Test
  void aJobThatHasNotFailedIs409() {
    String token = newUserToken();
    postInEachStatus(
        token,
        List.of("collecting", "queued", "running", "done"),
        "retry",
        null,
        (status, res) -> {
          assertThat(res.status()).as(status).isEqualTo(409);
          assertThat(res.json().path("detail").asString()).isEqualTo(JobService.NOT_FAILED);
        });
  }

  @Test
  void anotherUsersJobIs404() {
    String jobId = createJob(newUserToken(), "A recipe planner").path("id").asString();
    setStatus(jobId, "failed");
    assertThat(api.post("/api/jobs/" + jobId + "/retry/", null, newUserToken()).status())
        .isEqualTo(404);
    assertThat(
            api.post("/api/jobs/" + UUID.randomUUID() + "/retry/", null, newUserToken()).status())
        .isEqualTo(404);
    assertThat(
            jdbc.queryForObject("select status from jobs where id = ?::uuid", String.class, jobId))
        .isEqualTo("failed");
  }

  private String lastStatusEvent(String jobId) {
    return jdbc.queryForObject(
        "select payload ->> 'status' from job_events where job_id = ?::uuid and kind = 'status'"
            + " order by seq desc limit 1",
        String.class,
        jobId);
  }
}
