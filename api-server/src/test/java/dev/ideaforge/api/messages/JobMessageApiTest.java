package dev.ideaforge.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.api.WorkflowHistory;
import dev.ideaforge.testsupport.HttpApi;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

// Tooling may post agent and system messages here; MessageRulesTest covers the default.
@TestPropertySource(properties = "ideaforge.chat.allow-non-user-messages=true")
class JobMessageApiTest extends ApiTestBase {

  @Autowired WorkflowClient temporal;

  private HttpApi.Response post(String token, Map<String, Object> body) {
    return api.post("/api/job-messages/", body, token);
  }

  @Test
  void listReturnsTheTranscriptOldestFirst() {
    String token = newUserToken();
    String jobId = createJob(token, "first").path("id").asString();
    post(token, Map.of("job_id", jobId, "role", "user", "content", "second"));
    post(
        token,
        Map.of("job_id", jobId, "role", "agent", "sender", "Client Relations", "content", "third"));

    HttpApi.Response res = api.get("/api/job-messages/?job_id=" + jobId, token);
    assertThat(res.status()).isEqualTo(200);
    JsonNode list = res.json();
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.get(0).path("content").asString()).isEqualTo("first");
    assertThat(list.get(1).path("content").asString()).isEqualTo("second");
    assertThat(list.get(2).path("content").asString()).isEqualTo("third");
    assertThat(list.get(2).path("sender").asString()).isEqualTo("Client Relations");
  }

  /** The integration guide: the backend derives the sender from the user, as the socket does. */
  @Test
  void aUserMessageIsSentInTheUsersNameWhateverSenderTheClientClaims() {
    String token = newUserToken();
    String jobId = createJob(token, "first").path("id").asString();

    HttpApi.Response res =
        post(
            token,
            Map.of("job_id", jobId, "role", "user", "sender", "Client Relations", "content", "hi"));

    assertThat(res.status()).isEqualTo(201);
    assertThat(res.json().path("sender").asString()).isEqualTo("Test User");
  }

  @Test
  void listNeedsAValidJobId() {
    String token = newUserToken();
    HttpApi.Response missing = api.get("/api/job-messages/", token);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("job_id").get(0).asString())
        .isEqualTo("This field is required.");
    HttpApi.Response malformed = api.get("/api/job-messages/?job_id=nope", token);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("job_id").get(0).asString()).contains("UUID");
    assertThat(api.get("/api/job-messages/?job_id=" + UUID.randomUUID(), token).status())
        .isEqualTo(404);
  }

  @Test
  void postStoresTheMessageWithMetadataAndAChatEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();

    HttpApi.Response res =
        post(
            token,
            Map.of(
                "job_id", jobId,
                "role", "system",
                "sender", "Ops",
                "content", "maintenance at noon",
                "metadata", Map.of("source", "admin")));

    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    JsonNode msg = res.json();
    assertThat(msg.path("role").asString()).isEqualTo("system");
    assertThat(msg.path("sender").asString()).isEqualTo("Ops");
    assertThat(msg.path("metadata").path("source").asString()).isEqualTo("admin");
    assertThat(msg.path("job_id").asString()).isEqualTo(jobId);
    assertThat(
            jdbc.queryForObject(
                "select max(seq) from job_events where job_id = ?::uuid", Long.class, jobId))
        .isEqualTo(2L);
  }

  @Test
  void userMessageOnACollectingJobIsForwardedToTheWorkflow() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    JsonNode msg =
        post(token, Map.of("job_id", jobId, "role", "user", "content", "details")).json();
    assertThat(msg.path("sender").asString()).isEqualTo("Test User");
    assertThat(WorkflowHistory.signalNames(temporal, jobId)).containsExactly("userMessage");
  }

  @Test
  void aUserMessageOnAFinishedJobIsAConflictAndNeitherStoredNorForwarded() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    setStatus(jobId, "done");

    HttpApi.Response late = post(token, Map.of("job_id", jobId, "role", "user", "content", "late"));

    // The same rule as the socket: a finished job takes no more words from its user.
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().path("detail").asString()).isEqualTo(JobMessageService.JOB_FINISHED);
    assertThat(api.get("/api/job-messages/?job_id=" + jobId, token).json()).hasSize(1);
    assertThat(WorkflowHistory.signalNames(temporal, jobId)).isEmpty();
  }

  @Test
  void aUserMessageWhileQueuedOrRunningIsACommentStoredAndForwarded() {
    String token = newUserToken();
    for (String status : java.util.List.of("queued", "running")) {
      String jobId = createJob(token, "idea").path("id").asString();
      setStatus(jobId, status);
      try {
        HttpApi.Response comment =
            post(token, Map.of("job_id", jobId, "role", "user", "content", "Add dark mode"));

        assertThat(comment.status()).as(status + " " + comment).isEqualTo(201);
        assertThat(api.get("/api/job-messages/?job_id=" + jobId, token).json()).hasSize(2);
        assertThat(WorkflowHistory.signalNames(temporal, jobId)).containsExactly("userMessage");
        assertThat(
                jdbc.queryForObject(
                    "select count(*) from job_events where job_id = ?::uuid and kind = 'chat'",
                    Long.class,
                    jobId))
            .isEqualTo(2);
      } finally {
        setStatus(jobId, "failed");
      }
    }
  }

  @Test
  void postValidatesEachField() {
    String token = newUserToken();
    HttpApi.Response empty = post(token, Map.of());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("job_id").get(0).asString()).isEqualTo("This field is required.");
    assertThat(empty.json().path("role").get(0).asString()).isEqualTo("This field is required.");
    assertThat(empty.json().path("content").get(0).asString()).isEqualTo("This field is required.");

    String jobId = createJob(token, "idea").path("id").asString();
    Map<String, Object> badRole =
        new HashMap<>(Map.of("job_id", jobId, "role", "boss", "content", "x"));
    assertThat(post(token, badRole).json().path("role").get(0).asString())
        .isEqualTo("\"boss\" is not a valid choice.");

    HttpApi.Response tooLong =
        post(token, Map.of("job_id", jobId, "role", "user", "content", "x".repeat(10001)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("content").get(0).asString()).contains("no more than 10000");

    HttpApi.Response badMetadata =
        post(token, Map.of("job_id", jobId, "role", "user", "content", "x", "metadata", "text"));
    assertThat(badMetadata.json().path("metadata").get(0).asString()).contains("object");
  }

  @Test
  void getAndDeleteASingleMessage() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    String id =
        post(token, Map.of("job_id", jobId, "role", "agent", "content", "hi"))
            .json()
            .path("id")
            .asString();

    HttpApi.Response got = api.get("/api/job-messages/" + id + "/", token);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("content").asString()).isEqualTo("hi");

    assertThat(api.delete("/api/job-messages/" + id + "/", token).status()).isEqualTo(204);
    assertThat(api.get("/api/job-messages/" + id + "/", token).status()).isEqualTo(404);
  }
}
