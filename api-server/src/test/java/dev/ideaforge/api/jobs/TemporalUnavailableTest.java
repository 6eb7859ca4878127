package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With Temporal unreachable, creating a job fails with 503 and leaves nothing behind. */
@TestPropertySource(
    properties = {
      "spring.temporal.connection.target=127.0.0.1:1",
      "ideaforge.temporal.rpc-timeout=1s"
    })
class TemporalUnavailableTest extends ApiTestBase {

  @Test
  void createFailsWith503AndLeavesNoJob() {
    String token = newUserToken();
    long jobsBefore = jdbc.queryForObject("select count(*) from jobs", Long.class);

    HttpApi.Response res = api.post("/api/jobs/", Map.of("prompt", "an idea"), token);

    assertThat(res.status()).isEqualTo(503);
    assertThat(res.json().path("detail").asString()).contains("temporarily unavailable");
    assertThat(api.get("/api/jobs/", token).json().size()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).isEqualTo(jobsBefore);
  }

  @Test
  void userMessageFailsWith503AndIsNotStored() {
    String token = newUserToken();
    String jobId = insertCollectingJob(token);

    HttpApi.Response res =
        api.post(
            "/api/job-messages/",
            Map.of("job_id", jobId, "role", "user", "content", "more details"),
            token);

    assertThat(res.status()).isEqualTo(503);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from job_messages where job_id = ?::uuid", Long.class, jobId))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from job_events where job_id = ?::uuid", Long.class, jobId))
        .isZero();
  }

  @Test
  void deleteFailsWith503AndKeepsTheJob() {
    String token = newUserToken();
    String jobId = insertCollectingJob(token);

    assertThat(api.delete("/api/jobs/" + jobId + "/", token).status()).isEqualTo(503);
    assertThat(api.get("/api/jobs/" + jobId + "/", token).status()).isEqualTo(200);
  }

  /** A job stored directly: with Temporal down the API cannot create one. */
  private String insertCollectingJob(String token) {
    String userId = api.get("/api/auth/me/", token).json().path("id").asString();
    String jobId = java.util.UUID.randomUUID().toString();
    jdbc.update(
        "insert into jobs (id, user_id, initial_prompt, prompt, status, created_at, updated_at)"
            + " values (?::uuid, ?::uuid, 'idea', 'idea', 'collecting', now(), now())",
        jobId,
        userId);
    return jobId;
  }
}
