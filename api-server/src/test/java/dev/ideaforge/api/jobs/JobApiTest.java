package dev.ideaforge.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.api.WorkflowHistory;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.testsupport.HttpApi;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class JobApiTest extends ApiTestBase {

  @Autowired WorkflowClient temporal;

  @Test
  void createStoresACollectingJobWithItsPromptAsFirstMessage() {
    String token = newUserToken();
    JsonNode job = createJob(token, "  A marketplace for second-hand climbing gear  ");

    assertThat(job.path("id").asString()).isNotBlank();
    assertThat(job.path("initial_prompt").asString())
        .isEqualTo("A marketplace for second-hand climbing gear");
    assertThat(job.path("prompt").asString()).isEqualTo(job.path("initial_prompt").asString());
    assertThat(job.path("status").asString()).isEqualTo("collecting");
    assertThat(job.path("requirements_summary").isNull()).isTrue();
    assertThat(job.path("error_message").isNull()).isTrue();
    assertThat(job.path("created_at").asString()).endsWith("Z");
    assertThat(job.path("updated_at").asString()).endsWith("Z");
    assertThat(job.path("steps").isArray()).isTrue();
    JsonNode first = job.path("messages").get(0);
    assertThat(first.path("role").asString()).isEqualTo("user");
    assertThat(first.path("sender").asString()).isEqualTo("Test User");
    assertThat(first.path("content").asString())
        .isEqualTo("A marketplace for second-hand climbing gear");
    assertThat(first.path("metadata").isObject()).isTrue();
  }

  @Test
  void createStartsTheJobsWorkflowWithAReadableIdAndMemo() {
    String token = newUserToken();
    JsonNode job = createJob(token, "A habit tracker for night-shift nurses");
    String jobId = job.path("id").asString();

    WorkflowExecutionDescription wf =
        temporal.newUntypedWorkflowStub(JobWorkflow.workflowId(UUID.fromString(jobId))).describe();
    assertThat(wf.getWorkflowType()).isEqualTo("JobWorkflow");
    assertThat(wf.getTaskQueue()).isEqualTo("ideaforge-jobs");
    assertThat(wf.getMemo("jobId", String.class)).isEqualTo(jobId);
    assertThat((String) wf.getMemo("ownerId", String.class)).isNotBlank();
    // Nothing that can change later (the prompt can be edited; a memo would go stale).
    assertThat(wf.getMemo("prompt", String.class)).isNull();
  }

  @Test
  void createAppendsTheFirstChatEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "An app to split rent fairly").path("id").asString();
    Map<String, Object> event =
        jdbc.queryForMap(
            "select seq, kind, payload::text as payload from job_events where job_id = ?::uuid",
            jobId);
    assertThat(event.get("seq")).isEqualTo(1L);
    assertThat(event.get("kind")).isEqualTo("chat");
    assertThat((String) event.get("payload")).contains("An app to split rent fairly");
  }

  @Test
  void createValidatesThePrompt() {
    String token = newUserToken();
    assertFieldError(api.post("/api/jobs/", Map.of(), token), "This field is required.");
    assertFieldError(
        api.post("/api/jobs/", Map.of("prompt", "   "), token), "This field may not be blank.");
    assertFieldError(
        api.post("/api/jobs/", Map.of("prompt", "x".repeat(5001)), token),
        "Ensure this field has no more than 5000 characters.");
    assertFieldError(api.post("/api/jobs/", Map.of("prompt", 42), token), "Not a valid string.");
    assertThat(api.post("/api/jobs/", Map.of("prompt", "x".repeat(5000)), token).status())
        .isEqualTo(201);
  }

  private static void assertFieldError(HttpApi.Response res, String message) {
    assertThat(res.status()).as(res.toString()).isEqualTo(400);
    assertThat(res.json().path("prompt").get(0).asString()).isEqualTo(message);
  }

  @Test
  void createRejectsABodyThatIsNotAnObject() {
    HttpApi.Response res = api.post("/api/jobs/", "[\"an idea\"]", newUserToken());
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("non_field_errors").get(0).asString())
        .contains("Expected a dictionary");
  }

  @Test
  void malformedJsonIs400WithDetail() {
    HttpApi.Response res = api.post("/api/jobs/", "{\"prompt\": ", newUserToken());
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("detail").asString()).contains("JSON parse error");
  }

  @Test
  void listShowsOnlyMyJobsNewestFirst() {
    String token = newUserToken();
    String first = createJob(token, "first idea").path("id").asString();
    String second = createJob(token, "second idea").path("id").asString();
    createJob(newUserToken(), "someone else's idea");

    HttpApi.Response res = api.get("/api/jobs/", token);
    assertThat(res.status()).isEqualTo(200);
    JsonNode list = res.json();
    assertThat(list.isArray()).isTrue();
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0).path("id").asString()).isEqualTo(second);
    assertThat(list.get(1).path("id").asString()).isEqualTo(first);
    assertThat(list.get(0).has("messages")).isFalse();
  }

  @Test
  void detailHasStepsInOrderAndMessagesOldestFirst() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    jdbc.update(
        "insert into job_steps (id, job_id, agent_name, message, \"order\", created_at)"
            + " values (gen_random_uuid(), ?::uuid, 'CTO', 'second', 2, now()),"
            + " (gen_random_uuid(), ?::uuid, 'CEO', 'first', 1, now())",
        jobId,
        jobId);
    jdbc.update(
        "insert into job_messages (id, job_id, role, sender, content, created_at)"
            + " values (gen_random_uuid(), ?::uuid, 'agent', 'Client Relations', 'What problem?', now())",
        jobId);

    JsonNode detail = api.get("/api/jobs/" + jobId + "/", token).json();
    assertThat(detail.path("steps").get(0).path("order").asInt()).isEqualTo(1);
    assertThat(detail.path("steps").get(0).path("agent_name").asString()).isEqualTo("CEO");
    assertThat(detail.path("steps").get(1).path("message").asString()).isEqualTo("second");
    assertThat(detail.path("messages").get(0).path("content").asString())
        .isEqualTo("A recipe planner");
    assertThat(detail.path("messages").get(1).path("content").asString())
        .isEqualTo("What problem?");
  }

  @Test
  void detailTotalsTheModelUsageOfMessagesAndSteps() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    // As the worker stores them: the cost in server-owned columns.
    jdbc.update(
        "insert into job_messages (id, job_id, role, sender, content, metadata, created_at,"
            + " model_provider, prompt_tokens, completion_tokens)"
            + " values (gen_random_uuid(), ?::uuid, 'agent', 'Client Relations', 'Q?', '{}',"
            + " now(), 'openai', 100, 20)",
        jobId);
    jdbc.update(
        "insert into job_steps (id, job_id, agent_name, message, \"order\", metadata, created_at,"
            + " model_provider, prompt_tokens, completion_tokens)"
            + " values (gen_random_uuid(), ?::uuid, 'CEO', 'Go', 1, '{}', now(), 'openai', 50, 5)",
        jobId);

    JsonNode usage = api.get("/api/jobs/" + jobId + "/", token).json().path("usage");
    assertThat(usage.path("llm_calls").asLong()).isEqualTo(2);
    assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(150);
    assertThat(usage.path("completion_tokens").asLong()).isEqualTo(25);
  }

  @Test
  void usageIsNeverReadFromMetadataAClientWrote() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    for (Object tokens : new Object[] {"not-a-number", 999_999_999}) {
      HttpApi.Response posted =
          postUserMessage(
              token,
              jobId,
              "I paid for this",
              Map.of("provider", "openai", "prompt_tokens", tokens, "completion_tokens", tokens));
      assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }

    HttpApi.Response detail = api.get("/api/jobs/" + jobId + "/", token);

    assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
    JsonNode usage = detail.json().path("usage");
    assertThat(usage.path("llm_calls").asLong()).isZero();
    assertThat(usage.path("prompt_tokens").asLong()).isZero();
    assertThat(usage.path("completion_tokens").asLong()).isZero();
  }

  @Test
  void patchEditsThePromptAndFirstMessageAndSignalsTheWorkflow() {
    String token = newUserToken();
    String jobId = createJob(token, "old idea").path("id").asString();

    HttpApi.Response res =
        api.patch("/api/jobs/" + jobId + "/", Map.of("initial_prompt", "new idea"), token);

    assertThat(res.status()).as(res.toString()).isEqualTo(200);
    assertThat(res.json().path("initial_prompt").asString()).isEqualTo("new idea");
    assertThat(res.json().path("prompt").asString()).isEqualTo("new idea");
    assertThat(res.json().path("messages").get(0).path("content").asString()).isEqualTo("new idea");
    assertThat(WorkflowHistory.signalNames(temporal, jobId)).contains("promptUpdated");
  }

  @Test
  void patchAfterCollectingIsConflict() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    setStatus(jobId, "queued");

    HttpApi.Response res =
        api.patch("/api/jobs/" + jobId + "/", Map.of("initial_prompt", "too late"), token);
    assertThat(res.status()).isEqualTo(409);
    assertThat(res.json().path("detail").asString()).contains("collecting");
    assertThat(api.get("/api/jobs/" + jobId + "/", token).json().path("prompt").asString())
        .isEqualTo("idea");
  }

  @Test
  void patchValidatesThePrompt() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    HttpApi.Response res =
        api.patch("/api/jobs/" + jobId + "/", Map.of("initial_prompt", ""), token);
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("initial_prompt").get(0).asString())
        .isEqualTo("This field may not be blank.");
  }

  @Test
  void deleteCancelsTheWorkflowAndRemovesEveryRow() {
    String token = newUserToken();
    String jobId = createJob(token, "idea to delete").path("id").asString();
    jdbc.update(
        "insert into apps (id, job_id, spec, created_at, updated_at)"
            + " values (gen_random_uuid(), ?::uuid, '{}'::jsonb, now(), now())",
        jobId);

    HttpApi.Response res = api.delete("/api/jobs/" + jobId + "/", token);

    assertThat(res.status()).isEqualTo(204);
    assertThat(WorkflowHistory.cancelRequested(temporal, jobId)).isTrue();
    for (String table : new String[] {"job_messages", "job_events", "job_steps", "apps"}) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from " + table + " where job_id = ?::uuid", Long.class, jobId))
          .as(table)
          .isZero();
    }
    assertThat(api.get("/api/jobs/" + jobId + "/", token).status()).isEqualTo(404);
  }

  @Test
  void deletingARunningJobWakesTheOldestQueuedJob() {
    String token = newUserToken();
    String running = createJob(token, "a discussion that holds a slot").path("id").asString();
    String waiting = createJob(token, "a job that waits for a slot").path("id").asString();
    setStatus(running, "running");
    jdbc.update(
        "update jobs set status = 'queued', queued_at = '2000-01-01' where id = ?::uuid", waiting);
    try {
      assertThat(api.delete("/api/jobs/" + running + "/", token).status()).isEqualTo(204);

      assertThat(WorkflowHistory.signalNames(temporal, waiting)).contains("slotFreed");
    } finally {
      setStatus(waiting, "failed");
    }
  }

  @Test
  void purgeIsForbiddenUnlessEnabled() {
    String token = newUserToken();
    createJob(token, "keep me");
    HttpApi.Response res = api.delete("/api/jobs/purge/", token);
    assertThat(res.status()).isEqualTo(403);
    assertThat(res.json().path("detail").asString()).isEqualTo("Job purge disabled");
    assertThat(api.get("/api/jobs/", token).json().size()).isEqualTo(1);
  }

  @Test
  void unknownJobIdAndMalformedIdAre404() {
    String token = newUserToken();
    assertThat(api.get("/api/jobs/" + UUID.randomUUID() + "/", token).status()).isEqualTo(404);
    HttpApi.Response malformed = api.get("/api/jobs/not-a-uuid/", token);
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(malformed.json().path("detail").asString()).isEqualTo("Not found.");
  }
}
