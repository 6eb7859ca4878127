package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.messages.JobMessageService;
import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.SocketClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class JobSocketProtocolTest extends SocketTestBase {

  @Test
  void chatFromTheSocketIsStoredAndBroadcastToEverySocketOfTheJob() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient sender = connect(jobId, token);
        SocketClient watcher = connect(jobId, token)) {
      sender.send("{\"kind\":\"chat\",\"content\":\"Busy parents\"}");

      JsonNode echoed = sender.awaitKind("chat", WAIT);
      JsonNode seen = watcher.awaitKind("chat", WAIT);
      assertThat(echoed).isEqualTo(seen);
      assertThat(seen.path("content").asString()).isEqualTo("Busy parents");
      assertThat(seen.path("role").asString()).isEqualTo("user");
      assertThat(seen.path("sender").asString()).isNotBlank();
    }
    JsonNode messages = api.get("/api/job-messages/?job_id=" + jobId, token).json();
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1).path("content").asString()).isEqualTo("Busy parents");
  }

  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({"100", "20000"})
  void aBinaryFrameOfAnySizeClosesTheSocketAndStoresNothing(int size) {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      socket.sendBinary(new byte[size]);

      assertThat(socket.awaitClose(WAIT).code()).isIn(1003, 1009);
    }
    assertThat(messageCount(jobId)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{not json                                   | Malformed JSON",
        "[1,2,3]                                      | Expected a JSON object",
        "\"chat\"                                     | Expected a JSON object",
        "{\"kind\":\"status\",\"content\":\"x\"}      | Unsupported kind \"status\"",
        "{\"content\":\"x\"}                          | Unsupported kind (missing)",
        "{\"kind\":\"chat\"}                          | content must be a non-empty string",
        "{\"kind\":\"chat\",\"content\":\"   \"}      | content must be a non-empty string",
        "{\"kind\":\"chat\",\"content\":42}           | content must be a non-empty string",
        "{\"kind\":\"chat\",\"content\":\"a\\u0000b\"}  | Null characters are not allowed",
        "{\"kind\":\"chat\",\"content\":\"a\\ud800b\"}  | Unpaired surrogate characters are not allowed",
      })
  void badInputGetsAnErrorEventAndStoresNothing(String frame, String expected) {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      socket.send(frame);

      JsonNode error = socket.awaitKind("error", WAIT);
      assertThat(error.path("message").asString()).contains(expected.strip());
      assertThat(error.has("jobId")).isFalse();
      // Still open and usable.
      socket.send("{\"kind\":\"chat\",\"content\":\"ok\"}");
      assertThat(socket.awaitKind("chat", WAIT).path("content").asString()).isEqualTo("ok");
    }
    assertThat(messageCount(jobId)).isEqualTo(2);
  }

  @Test
  void overLongContentGetsAnErrorEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      socket.send("{\"kind\":\"chat\",\"content\":\"" + "x".repeat(10_001) + "\"}");
      assertThat(socket.awaitKind("error", WAIT).path("message").asString()).contains("too long");
      assertThat(socket.isClosed()).isFalse();
    }
    assertThat(messageCount(jobId)).isEqualTo(1);
  }

  @Test
  void frameAboveTheSizeLimitClosesWith1009() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      socket.send("{\"kind\":\"chat\",\"content\":\"" + "x".repeat(20_000) + "\"}");
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1009);
    }
    assertThat(messageCount(jobId)).isEqualTo(1);
  }

  @Test
  void chatOnAFinishedJobIsRejectedWithAnErrorEvent() {
    String token = newUserToken();
    for (String status : java.util.List.of("done", "failed")) {
      String jobId = createJob(token, "A recipe planner").path("id").asString();
      setStatus(jobId, status);
      try (SocketClient socket = connect(jobId, token)) {
        socket.send("{\"kind\":\"chat\",\"content\":\"one more thing\"}");
        assertThat(socket.awaitKind("error", WAIT).path("message").asString())
            .isEqualTo(JobMessageService.JOB_FINISHED);
      }
      assertThat(messageCount(jobId)).isEqualTo(1);
    }
  }

  @Test
  void floodOfChatsIsRateLimited() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      for (int i = 0; i < 40; i++) {
        socket.send("{\"kind\":\"chat\",\"content\":\"spam " + i + "\"}");
      }
      JsonNode error = socket.awaitKind("error", WAIT);
      assertThat(error.path("message").asString()).startsWith("Too many messages");
    }
    // A burst (twice the rate, plus what refills while the burst is being stored) got through;
    // most of the 40 were refused and not stored.
    assertThat(messageCount(jobId)).isBetween(2L, 1L + 25);
  }

  @Test
  void eventsEndpointReturnsStoredEventsAfterASeq() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    postMessage(token, jobId, "two");
    postMessage(token, jobId, "three");

    JsonNode all = api.get("/api/jobs/" + jobId + "/events/", token).json();
    assertThat(all).hasSize(3);
    JsonNode after = api.get("/api/jobs/" + jobId + "/events/?after=1", token).json();
    assertThat(after).extracting(e -> e.path("seq").asLong()).containsExactly(2L, 3L);
    assertThat(after.get(1).path("content").asString()).isEqualTo("three");
    assertThat(after.get(1).path("kind").asString()).isEqualTo("chat");

    assertThat(api.get("/api/jobs/" + jobId + "/events/", newUserToken()).status()).isEqualTo(404);
    HttpApi.Response bad = api.get("/api/jobs/" + jobId + "/events/?after=-3", token);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("after").isArray()).isTrue();
    assertThat(api.get("/api/jobs/" + jobId + "/events/", null).status()).isEqualTo(401);
  }

  @Test
  void resumeWithAfterReplaysStoredEventsThenLiveOnesWithoutGapsOrDuplicates()
      throws InterruptedException {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    // Plenty of history, so the replay is still running while new events are published.
    for (int i = 0; i < 1200; i++) {
      jdbc.update(
          "with j as (update jobs set last_event_seq = last_event_seq + 1 where id = ?::uuid"
              + " returning last_event_seq)"
              + " insert into job_events (job_id, seq, kind, payload, created_at)"
              + " select ?::uuid, last_event_seq, 'status', jsonb_build_object('kind', 'status',"
              + " 'seq', last_event_seq, 'jobId', ?::text, 'status', 'collecting', 'message', 'x',"
              + " 'timestamp', now()), now() from j",
          jobId,
          jobId,
          jobId);
    }
    try (SocketClient socket = SocketClient.connect(socketUrl(jobId) + "?after=1", token)) {
      for (int i = 0; i < 5; i++) {
        postMessage(token, jobId, "live " + i);
      }
      List<JsonNode> got = socket.awaitCount(1200 + 5, java.time.Duration.ofSeconds(30));
      Thread.sleep(300);
      got = socket.received();
      assertThat(got)
          .extracting(e -> e.path("seq").asLong())
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(2, 1206).boxed().toList());
      assertThat(got.get(got.size() - 1).path("content").asString()).isEqualTo("live 4");
    }
  }
}
