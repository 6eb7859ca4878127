package dev.ideaforge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User B gets 404, never 403 and never data, for every object of user A. */
class OwnershipTest extends ApiTestBase {

  private String alice;
  private String bob;
  private String jobId;
  private String messageId;
  private String appId;

  @BeforeEach
  void aliceOwnsAJobWithAMessageAndAnApp() {
    alice = newUserToken();
    bob = newUserToken();
    jobId = createJob(alice, "Alice's secret idea").path("id").asString();
    messageId =
        api.get("/api/job-messages/?job_id=" + jobId, alice).json().get(0).path("id").asString();
    appId =
        jdbc.queryForObject(
            "insert into apps (id, job_id, spec, created_at, updated_at) values"
                + " (gen_random_uuid(), ?::uuid, '{}'::jsonb, now(), now()) returning id::text",
            String.class,
            jobId);
  }

  private void assertNotFound(HttpApi.Response res) {
    assertThat(res.status()).as(res.toString()).isEqualTo(404);
    assertThat(res.body()).doesNotContain("secret");
    assertThat(res.json().path("detail").asString()).isEqualTo("Not found.");
  }

  @Test
  void jobEndpoints() {
    assertNotFound(api.get("/api/jobs/" + jobId + "/", bob));
    assertNotFound(
        api.patch("/api/jobs/" + jobId + "/", Map.of("initial_prompt", "mine now"), bob));
    assertNotFound(api.delete("/api/jobs/" + jobId + "/", bob));
    assertThat(api.get("/api/jobs/", bob).json().size()).isZero();
  }

  @Test
  void messageEndpoints() {
    assertNotFound(api.get("/api/job-messages/?job_id=" + jobId, bob));
    assertNotFound(api.get("/api/job-messages/" + messageId + "/", bob));
    assertNotFound(api.delete("/api/job-messages/" + messageId + "/", bob));
    assertNotFound(
        api.post(
            "/api/job-messages/",
            Map.of("job_id", jobId, "role", "user", "content", "injected"),
            bob));
  }

  @Test
  void appEndpoints() {
    assertNotFound(api.get("/api/apps/" + appId + "/", bob));
    assertNotFound(api.get("/api/apps/by-job/" + jobId + "/", bob));
    assertThat(api.get("/api/apps/", bob).json().size()).isZero();
  }

  @Test
  void aliceStillHasEverything() {
    assertThat(api.get("/api/jobs/" + jobId + "/", alice).json().path("messages").size())
        .isEqualTo(1);
    assertThat(api.get("/api/apps/" + appId + "/", alice).status()).isEqualTo(200);
  }
}
