package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.testsupport.SocketClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the job controls (pause, resume, retry, continue, comments) tell a job's sockets. */
class JobControlEventsTest extends SocketTestBase {

  @Test
  void pauseAndResumeReachTheSocketAsStatusEventsWithTheSameStatus() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      api.post("/api/jobs/" + jobId + "/pause/", Map.of(), token);
      JsonNode paused = socket.awaitKind("status", WAIT);
      assertThat(paused.path("status").asString()).isEqualTo("collecting");
      assertThat(paused.path("message").asString()).isEqualTo(JobStatusChanges.PAUSED);
      assertThat(paused.path("jobId").asString()).isEqualTo(jobId);
      assertThat(paused.path("paused").isBoolean()).as("paused is a flag, not words").isTrue();
      assertThat(paused.path("paused").asBoolean()).isTrue();

      api.post("/api/jobs/" + jobId + "/resume/", Map.of(), token);
      JsonNode resumed = socket.awaitKind("status", WAIT);
      assertThat(resumed.path("message").asString()).isEqualTo(JobStatusChanges.RESUMED);
      assertThat(resumed.path("seq").asLong()).isEqualTo(paused.path("seq").asLong() + 1);
      assertThat(resumed.path("paused").isBoolean()).isTrue();
      assertThat(resumed.path("paused").asBoolean()).isFalse();
    }
  }

  @Test
  void aRetryReachesTheSocketAsAStatusEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    setStatus(jobId, "failed");
    try (SocketClient socket = connect(jobId, token)) {
      api.post("/api/jobs/" + jobId + "/retry/", null, token);
      JsonNode retried = socket.awaitKind("status", WAIT);
      assertThat(retried.path("status").asString()).isEqualTo("collecting");
      assertThat(retried.path("message").asString()).isEqualTo(JobStatusChanges.RETRIED);
    }
  }

  @Test
  void aChatDuringTheDiscussionIsStoredAndBroadcastAsAChatEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    setStatus(jobId, "running");
    try (SocketClient socket = connect(jobId, token);
        SocketClient other = connect(jobId, token)) {
      socket.send("{\"kind\":\"chat\",\"content\":\"Please add dark mode\"}");
      for (SocketClient s : java.util.List.of(socket, other)) {
        JsonNode chat = s.awaitKind("chat", WAIT);
        assertThat(chat.path("role").asString()).isEqualTo("user");
        assertThat(chat.path("content").asString()).isEqualTo("Please add dark mode");
      }
      assertThat(socket.received()).noneMatch(e -> e.path("kind").asString().equals("error"));
    } finally {
      setStatus(jobId, "failed");
    }
    assertThat(messageCount(jobId)).isEqualTo(2);
  }

  @Test
  void aChangeRequestReachesTheSocketAsAQueuedStatusEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    setStatus(jobId, "done");
    try (SocketClient socket = connect(jobId, token)) {
      api.post(
          "/api/jobs/" + jobId + "/continue/",
          Map.of("requirements", "Add a shopping list"),
          token);
      JsonNode queued = socket.awaitKind("status", WAIT);
      assertThat(queued.path("status").asString()).isEqualTo("queued");
      assertThat(queued.path("message").asString()).isEqualTo(JobStatusChanges.CHANGE_QUEUED);
    } finally {
      setStatus(jobId, "failed");
    }
  }
}
