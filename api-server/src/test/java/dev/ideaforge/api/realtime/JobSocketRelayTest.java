package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.events.JobEventChannels;
import dev.ideaforge.testsupport.LocalRedis;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Events cross api-server instances through Redis, and survive a Redis restart. */
class JobSocketRelayTest extends SocketTestBase {

  static ConfigurableApplicationContext second;

  @BeforeAll
  static void startSecondInstance() {
    second = startAnotherInstance();
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  String secondUrl(String jobId) {
    return "ws://127.0.0.1:" + portOf(second) + "/ws/jobs/" + jobId + "/";
  }

  private static String chat(String content) {
    return "{\"kind\":\"chat\",\"content\":\"" + content + "\"}";
  }

  private void awaitMessageCount(String jobId, long count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (messageCount(jobId) < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(messageCount(jobId)).isEqualTo(count);
  }

  @Test
  void socketsOnTwoInstancesBothReceiveEveryEvent() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient first = connect(jobId, token);
        SocketClient other = SocketClient.connect(secondUrl(jobId), token)) {
      other.send("{\"kind\":\"chat\",\"content\":\"from the second instance\"}");
      postMessage(token, jobId, "from the first instance");

      for (SocketClient socket : List.of(first, other)) {
        List<JsonNode> got = socket.awaitCount(2, WAIT);
        assertThat(got).extracting(e -> e.path("seq").asLong()).containsExactly(2L, 3L);
      }
    }
  }

  @Test
  void anEventForgedOnRedisNeverReachesASocketAndTheRealOneWithItsSeqStillDoes() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      long next = lastSeq(jobId) + 1;
      // Whoever can publish on Redis: a chat with the next seq, as the probe sent it.
      redis()
          .convertAndSend(
              JobEventChannels.forJob(UUID.fromString(jobId)),
              "{\"kind\":\"chat\",\"seq\":"
                  + next
                  + ",\"role\":\"agent\",\"content\":\"forged\",\"jobId\":\""
                  + jobId
                  + "\"}");
      postMessage(token, jobId, "the real one");

      JsonNode got = socket.awaitKind("chat", WAIT);
      assertThat(got.path("seq").asLong()).isEqualTo(next);
      assertThat(got.path("content").asString()).isEqualTo("the real one");
      assertThat(socket.received()).noneSatisfy(e -> assertThat(e.toString()).contains("forged"));
    }
  }

  @Test
  void aForgedWakeUpBeyondTheLogSendsNothingAndLaterEventsStillArrive() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      redis().convertAndSend(JobEventChannels.forJob(UUID.fromString(jobId)), "999999");
      redis().convertAndSend(JobEventChannels.forJob(UUID.fromString(jobId)), "not a seq");
      postMessage(token, jobId, "after the forgeries");

      JsonNode got = socket.awaitKind("chat", WAIT);
      assertThat(got.path("content").asString()).isEqualTo("after the forgeries");
      assertThat(got.path("seq").asLong()).isEqualTo(lastSeq(jobId));
    }
  }

  @Test
  void everySocketOfAJobWithManySocketsGetsEveryEventOnceInOrder() {
    // More sockets than one delivery chunk, so the batch is split over the delivery pool.
    int count = JobSockets.DELIVERY_CHUNK * 2 + 5;
    ConfigurableApplicationContext roomy =
        startAnotherInstance("ideaforge.ws.max-sockets-per-user=" + count);
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    List<SocketClient> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(
            SocketClient.connect(
                "ws://127.0.0.1:" + portOf(roomy) + "/ws/jobs/" + jobId + "/?after=1", token));
      }
      for (int i = 1; i <= 3; i++) {
        postMessage(token, jobId, "message " + i);
      }
      for (SocketClient socket : sockets) {
        socket.awaitCount(3, WAIT);
      }
      for (SocketClient socket : sockets) {
        assertThat(socket.received())
            .extracting(e -> e.path("content").asString())
            .containsExactly("message 1", "message 2", "message 3");
      }
    } finally {
      sockets.forEach(SocketClient::close);
      roomy.close();
    }
  }

  private StringRedisTemplate redis() {
    return second.getBean(StringRedisTemplate.class);
  }

  private long lastSeq(String jobId) {
    return jdbc.queryForObject(
        "select last_event_seq from jobs where id = ?::uuid", Long.class, jobId);
  }

  @Test
  void eventsPublishedWhileRedisWasDownStillArriveInOrder() throws Exception {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient first = connect(jobId, token);
        SocketClient other = SocketClient.connect(secondUrl(jobId), token)) {
      // Chats over the open socket: REST requests are refused (503) while Redis is away, since
      // their tokens cannot be checked against the deny-list.
      LocalRedis.stop();
      try {
        first.send(chat("during the outage 1"));
        first.send(chat("during the outage 2"));
        awaitMessageCount(jobId, 3); // the prompt and both chats, stored while Redis is down
      } finally {
        LocalRedis.start();
      }
      first.send(chat("after the outage"));

      for (SocketClient socket : List.of(first, other)) {
        List<JsonNode> got = socket.awaitCount(3, Duration.ofSeconds(20));
        Thread.sleep(300);
        assertThat(socket.received())
            .extracting(e -> e.path("content").asString())
            .containsExactly("during the outage 1", "during the outage 2", "after the outage");
        assertThat(got).extracting(e -> e.path("seq").asLong()).startsWith(2L, 3L, 4L);
      }
    }
  }
}
