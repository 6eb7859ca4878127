package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TokenBudgetApiTest extends ApiTestBase {

  @Test
  void aJobWithoutABudgetGetsTheConfiguredOneBesideItsUsage() {
    String token = newUserToken();
    JsonNode job = createJob(token, "A recipe planner");
    assertThat(job.path("token_budget").asLong()).isEqualTo(JobSettings.DEFAULT_TOKEN_BUDGET);
    assertThat(job.path("usage").isObject()).isTrue();
    assertThat(api.get("/api/jobs/", token).json().get(0).path("token_budget").asLong())
        .isEqualTo(JobSettings.DEFAULT_TOKEN_BUDGET);
  }

  @Test
  void aBudgetWithinTheMaximumIsTakenOnCreate() {
    HttpApi.Response res =
        api.post(
            "/api/jobs/",
            Map.of("prompt", "A recipe planner", "token_budget", 5000),
            newUserToken());
    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    assertThat(res.json().path("token_budget").asLong()).isEqualTo(5000);
  }

  @Test
  void aBudgetOutsideTheLimitsOrNotAWholeNumberIs400WithAFieldError() {
    String token = newUserToken();
    assertBudgetError(
        api.post("/api/jobs/", Map.of("prompt", "idea", "token_budget", 0), token),
        "Ensure this value is greater than or equal to 1.");
    assertBudgetError(
        api.post(
            "/api/jobs/",
            Map.of("prompt", "idea", "token_budget", JobSettings.DEFAULT_MAX_TOKEN_BUDGET + 1),
            token),
        "Ensure this value is less than or equal to " + JobSettings.DEFAULT_MAX_TOKEN_BUDGET + ".");
    assertBudgetError(
        api.post("/api/jobs/", Map.of("prompt", "idea", "token_budget", "lots"), token),
        "A valid integer is required.");
    assertBudgetError(
        api.post("/api/jobs/", Map.of("prompt", "idea", "token_budget", 12.5), token),
        "A valid integer is required.");
    assertThat(api.get("/api/jobs/", token).json()).isEmpty();
  }

  @Test
  void patchRaisesTheBudgetInAnyStatusWithoutTouchingThePrompt() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    setStatus(jobId, "running");
    try {
      HttpApi.Response res =
          api.patch("/api/jobs/" + jobId + "/", Map.of("token_budget", 2_000_000), token);
      assertThat(res.status()).as(res.toString()).isEqualTo(200);
      assertThat(res.json().path("token_budget").asLong()).isEqualTo(2_000_000);
      assertThat(res.json().path("initial_prompt").asString()).isEqualTo("A recipe planner");

      assertBudgetError(
          api.patch("/api/jobs/" + jobId + "/", Map.of("token_budget", -5), token),
          "Ensure this value is greater than or equal to 1.");
      // The prompt rule is unchanged: only while collecting.
      assertThat(
              api.patch(
                      "/api/jobs/" + jobId + "/",
                      Map.of("token_budget", 3_000_000, "initial_prompt", "other"),
                      token)
                  .status())
          .isEqualTo(409);
      assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("token_budget").asLong())
          .isEqualTo(2_000_000);
    } finally {
      setStatus(jobId, "failed");
    }
  }

  @Test
  void anotherUsersBudgetIs404() {
    String jobId = createJob(newUserToken(), "A recipe planner").path("id").asString();
    HttpApi.Response res =
        api.patch("/api/jobs/" + jobId + "/", Map.of("token_budget", 5), newUserToken());
    assertThat(res.status()).isEqualTo(404);
  }

  private static void assertBudgetError(HttpApi.Response res, String message) {
    assertThat(res.status()).as(res.toString()).isEqualTo(400);
    assertThat(res.json().path("token_budget").get(0).asString()).isEqualTo(message);
  }
}
