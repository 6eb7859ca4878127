package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.api.WorkflowHistory;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.testsupport.HttpApi;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PauseResumeApiTest extends ApiTestBase {

  @Autowired WorkflowClient temporal;

  @Test
  void pauseAndResumeAnswer200WithTheJobsStateAndSignalTheWorkflow() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("is_paused").asBoolean())
        .isFalse();

    HttpApi.Response paused = api.post("/api/jobs/" + jobId + "/pause/", Map.of(), token);

    assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
    assertThat(paused.json().path("detail").asString()).isEqualTo("Job paused.");
    assertThat(paused.json().path("is_paused").asBoolean()).isTrue();
    assertThat(paused.json().path("status").asString()).isEqualTo("collecting");
    assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("is_paused").asBoolean())
        .isTrue();
    assertThat(api.get("/api/jobs/", token).json().get(0).path("is_paused").asBoolean()).isTrue();

    HttpApi.Response resumed = api.post("/api/jobs/" + jobId + "/resume/", null, token);

    assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
    assertThat(resumed.json().path("is_paused").asBoolean()).isFalse();
    assertThat(resumed.json().path("status").asString()).isEqualTo("collecting");
    assertThat(WorkflowHistory.signalNames(temporal, jobId))
        .containsSubsequence("jobChanged", "jobChanged");
    // Each change and its status event committed together: same status, a message saying so.
    List<Map<String, Object>> events =
        jdbc.queryForList(
            "select payload ->> 'status' as status, payload ->> 'message' as message"
                + " from job_events where job_id = ?::uuid and kind = 'status' order by seq",
            jobId);
    assertThat(events).extracting(e -> e.get("status")).containsExactly("collecting", "collecting");
    assertThat(events)
        .extracting(e -> e.get("message"))
        .containsExactly(JobStatusChanges.PAUSED, JobStatusChanges.RESUMED);
  }

  @Test
  void pausingTwiceOrResumingAJobThatRunsIs400() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();

    HttpApi.Response notPaused = api.post("/api/jobs/" + jobId + "/resume/", Map.of(), token);
    assertThat(notPaused.status()).isEqualTo(400);
    assertThat(notPaused.json().path("detail").asString()).isEqualTo(JobService.NOT_PAUSED);

    assertThat(api.post("/api/jobs/" + jobId + "/pause/", Map.of(), token).status()).isEqualTo(200);
    HttpApi.Response twice = api.post("/api/jobs/" + jobId + "/pause/", Map.of(), token);
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().path("detail").asString()).isEqualTo(JobService.ALREADY_PAUSED);
  }

  @Test
  void aDoneOrFailedJobCannotBePausedOrResumed() {
    String token = newUserToken();
    for (String status : List.of("done", "failed")) {
      String jobId = createJob(token, "A recipe planner").path("id").asString();
      setStatus(jobId, status);
      for (String action : List.of("pause", "resume")) {
        HttpApi.Response res = api.post("/api/jobs/" + jobId + "/" + action + "/", null, token);
        assertThat(res.status()).as(status + " " + action).isEqualTo(400);
        assertThat(res.json().path("detail").asString()).contains(status);
      }
      JsonNode job = api.get("/api/jobs/" + jobId + "/", token).json();
      assertThat(job.path("is_paused").asBoolean()).isFalse();
    }
  }

  @Test
  void anotherUsersJobIs404AndUnchanged() {
    String owner = newUserToken();
    String jobId = createJob(owner, "A recipe planner").path("id").asString();
    String stranger = newUserToken();

    for (String action : List.of("pause", "resume")) {
      HttpApi.Response res = api.post("/api/jobs/" + jobId + "/" + action + "/", null, stranger);
      assertThat(res.status()).as(action).isEqualTo(404);
      assertThat(
              api.post("/api/jobs/" + UUID.randomUUID() + "/" + action + "/", null, owner).status())
          .isEqualTo(404);
    }
    assertThat(api.get("/api/jobs/" + jobId + "/", owner).json().path("is_paused").asBoolean())
        .isFalse();
    assertThat(WorkflowHistory.signalNames(temporal, jobId)).isEmpty();
  }
}
