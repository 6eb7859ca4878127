package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.LocalRedis;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
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
