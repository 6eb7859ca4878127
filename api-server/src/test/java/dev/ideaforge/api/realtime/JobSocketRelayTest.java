package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiServerApplication;
import dev.ideaforge.testsupport.SocketClient;
import dev.ideaforge.testsupport.TemporalTestService;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Events cross api-server instances through Redis, and survive a Redis restart. */
class JobSocketRelayTest extends SocketTestBase {

  static ConfigurableApplicationContext second;

  @BeforeAll
  static void startSecondInstance() {
    second =
        new SpringApplicationBuilder(ApiServerApplication.class)
            .profiles("test")
            .properties(
                "server.port=0",
                "ideaforge.test.temporal-target=" + TemporalTestService.shared().target())
            .run();
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  String secondUrl(String jobId) {
    return "ws://127.0.0.1:"
        + second.getEnvironment().getProperty("local.server.port")
        + "/ws/jobs/"
        + jobId
        + "/";
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
      Redis.stop();
      try {
        postMessage(token, jobId, "during the outage 1");
        postMessage(token, jobId, "during the outage 2");
      } finally {
        Redis.start();
      }
      postMessage(token, jobId, "after the outage");

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

  /** The local Redis, stopped and started the way scripts/ensure-services starts it. */
  static final class Redis {
    static void stop() throws Exception {
      run("redis-cli", "-p", "6379", "shutdown", "nosave");
      await(false);
    }

    static void start() throws Exception {
      run(
          "redis-server",
          "--daemonize",
          "yes",
          "--bind",
          "127.0.0.1",
          "-::1",
          "--port",
          "6379",
          "--save",
          "",
          "--appendonly",
          "no");
      await(true);
    }

    private static void run(String... command) throws Exception {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    }

    private static void await(boolean up) throws InterruptedException {
      for (int i = 0; i < 100; i++) {
        boolean listening;
        try (Socket s = new Socket("127.0.0.1", 6379)) {
          listening = true;
        } catch (IOException e) {
          listening = false;
        }
        if (listening == up) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("Redis did not " + (up ? "start" : "stop"));
    }
  }
}
