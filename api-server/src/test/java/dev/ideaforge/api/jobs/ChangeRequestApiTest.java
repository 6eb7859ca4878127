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

class ChangeRequestApiTest extends ApiTestBase {

  @Autowired WorkflowClient temporal;

  /** A done job as the worker leaves it: five steps and an app at version 1. */
  String doneJob(String token) {
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    jdbc.update(
        "update jobs set status = 'done', requirements_summary = 'Idea: recipes' where id = ?::uuid",
        jobId);
    for (int order = 1; order <= 5; order++) {
      jdbc.update(
          "insert into job_steps (id, job_id, agent_name, message, \"order\", created_at)"
              + " values (gen_random_uuid(), ?::uuid, 'CEO', 'turn', ?, now())",
          jobId,
          order);
    }
    String appId =
        jdbc.queryForObject(
            "insert into apps (id, job_id, spec, created_at, updated_at) values"
                + " (gen_random_uuid(), ?::uuid, '{\"prd\": {\"name\": \"Recipes\"}}'::jsonb,"
                + " now(), now()) returning id::text",
            String.class,
            jobId);
    jdbc.update(
        "insert into app_versions (id, app_id, version, spec, created_at)"
            + " select gen_random_uuid(), id, 1, spec, created_at from apps where id = ?::uuid",
        appId);
    return jobId;
  }

  @Test
  void aChangeRequestOnADoneJobQueuesItAgain() {
    String token = newUserToken();
    String jobId = doneJob(token);
    try {
      HttpApi.Response res =
          api.post(
              "/api/jobs/" + jobId + "/continue/",
              Map.of("requirements", "Add a shopping list"),
              token);

      assertThat(res.status()).as(res.toString()).isEqualTo(202);
      assertThat(res.json().path("detail").asString()).isEqualTo("Continuation queued.");
      assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("status").asString())
          .isEqualTo("queued");
      Map<String, Object> row =
          jdbc.queryForMap(
              "select change_request, discussion_base, queued_at is not null as queued"
                  + " from jobs where id = ?::uuid",
              jobId);
      assertThat(row.get("change_request")).isEqualTo("Add a shopping list");
      assertThat(row.get("discussion_base")).isEqualTo(5);
      assertThat(row.get("queued")).isEqualTo(true);
      Map<String, Object> event =
          jdbc.queryForMap(
              "select payload ->> 'status' as status, payload ->> 'message' as message"
                  + " from job_events where job_id = ?::uuid order by seq desc limit 1",
              jobId);
      assertThat(event.get("status")).isEqualTo("queued");
      assertThat(event.get("message")).isEqualTo(JobStatusChanges.CHANGE_QUEUED);
      assertThat(WorkflowHistory.signalNames(temporal, jobId)).contains("jobChanged");

      // A continuation is pending now: a second one is a conflict.
      HttpApi.Response again =
          api.post("/api/jobs/" + jobId + "/continue/", Map.of("requirements", "And more"), token);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().path("detail").asString()).contains("still queued");
    } finally {
      setStatus(jobId, "failed");
    }
  }

  @Test
  void aBusyOrFailedJobIs409() {
    String token = newUserToken();
    postInEachStatus(
        token,
        List.of("collecting", "queued", "running", "failed"),
        "continue",
        Map.of("requirements", "more"),
        (status, res) -> {
          assertThat(res.status()).as(status).isEqualTo(409);
          assertThat(res.json().path("detail").asString())
              .isEqualTo(
                  status.equals("failed")
                      ? JobService.FAILED_CANNOT_CONTINUE
                      : JobService.STILL_BUSY.formatted(status));
        });
  }

  @Test
  void theRequirementsAreValidated() {
    String token = newUserToken();
    String jobId = doneJob(token);
    String path = "/api/jobs/" + jobId + "/continue/";
    assertRequirementsError(api.post(path, Map.of(), token), "This field is required.");
    assertRequirementsError(
        api.post(path, Map.of("requirements", "  "), token), "This field may not be blank.");
    assertRequirementsError(
        api.post(path, Map.of("requirements", "x".repeat(5001)), token),
        "Ensure this field has no more than 5000 characters.");
    assertRequirementsError(
        api.post(path, Map.of("requirements", 7), token), "Not a valid string.");
    assertThat(api.post(path, null, token).status()).isEqualTo(400);
    assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("status").asString())
        .isEqualTo("done");
  }

  @Test
  void anotherUsersJobIs404AndUnchanged() {
    String jobId = doneJob(newUserToken());
    HttpApi.Response res =
        api.post(
            "/api/jobs/" + jobId + "/continue/", Map.of("requirements", "mine"), newUserToken());
    assertThat(res.status()).isEqualTo(404);
    assertThat(
            api.post(
                    "/api/jobs/" + UUID.randomUUID() + "/continue/",
                    Map.of("requirements", "x"),
                    newUserToken())
                .status())
        .isEqualTo(404);
    assertThat(
            jdbc.queryForObject("select status from jobs where id = ?::uuid", String.class, jobId))
        .isEqualTo("done");
  }

  @Test
  void versionsListEveryVersionOldestFirstAndTheAppCarriesItsVersion() {
    String token = newUserToken();
    String jobId = doneJob(token);
    String appId =
        jdbc.queryForObject(
            "select id::text from apps where job_id = ?::uuid", String.class, jobId);
    // What the worker writes for version 2.
    jdbc.update(
        "update apps set version = 2, spec = '{\"prd\": {\"name\": \"Recipes 2\"}}'::jsonb"
            + " where id = ?::uuid",
        appId);
    jdbc.update(
        "insert into app_versions (id, app_id, version, spec, change_request, created_at)"
            + " select gen_random_uuid(), id, 2, spec, 'Add a shopping list', now()"
            + " from apps where id = ?::uuid",
        appId);

    HttpApi.Response res = api.get("/api/apps/" + appId + "/versions/", token);

    assertThat(res.status()).as(res.toString()).isEqualTo(200);
    JsonNode versions = res.json();
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).path("version").asInt()).isEqualTo(1);
    assertThat(versions.get(0).path("change_request").isNull()).isTrue();
    assertThat(versions.get(0).path("spec").path("prd").path("name").asString())
        .isEqualTo("Recipes");
    assertThat(versions.get(1).path("version").asInt()).isEqualTo(2);
    assertThat(versions.get(1).path("change_request").asString()).isEqualTo("Add a shopping list");
    assertThat(versions.get(1).path("created_at").asString()).endsWith("Z");
    assertThat(api.get("/api/apps/" + appId + "/", token).json().path("version").asInt())
        .isEqualTo(2);
    assertThat(api.get("/api/apps/by-job/" + jobId + "/", token).json().path("version").asInt())
        .isEqualTo(2);

    assertThat(api.get("/api/apps/" + appId + "/versions/", newUserToken()).status())
        .isEqualTo(404);
    assertThat(api.get("/api/apps/" + UUID.randomUUID() + "/versions/", token).status())
        .isEqualTo(404);
  }

  private static void assertRequirementsError(HttpApi.Response res, String message) {
    assertThat(res.status()).as(res.toString()).isEqualTo(400);
    assertThat(res.json().path("requirements").get(0).asString()).isEqualTo(message);
  }
}
