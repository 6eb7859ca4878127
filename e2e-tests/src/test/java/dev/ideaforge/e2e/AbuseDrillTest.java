package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Ports;
import dev.ideaforge.testsupport.SocketClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Abuse against two api-servers behind one Redis, as separate processes: the limits hold for the
 * whole system, not per process, and whoever can publish on Redis reaches no client.
 */
class AbuseDrillTest {

  static IdeaforgeSystem system;
  static ServiceProcess secondApi;
  static HttpApi first;
  static HttpApi second;

  @BeforeAll
  static void start() {
    system =
        new IdeaforgeSystem(
                Map.of(
                    "RATE_LIMIT_LOGIN_PER_IP", "6/1h",
                    "RATE_LIMIT_CHAT_PER_USER", "4/1h"))
            .start();
    int port = Ports.free();
    secondApi = system.newApiServer("api-server-2", port);
    secondApi.start();
    secondApi.awaitReady(IdeaforgeSystem.STARTUP);
    first = new HttpApi(system.apiBaseUrl());
    second = new HttpApi("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() {
    secondApi.stop();
    system.close();
  }

  @Test
  void loginAttemptsOfOneAddressAreCountedOnceAcrossApiServers() {
    List<HttpApi> servers = List.of(first, second);
    for (int i = 0; i < 6; i++) {
      HttpApi.Response wrong = login(servers.get(i % 2), "nobody" + i + "@example.com");
      assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    }

    for (HttpApi server : servers) {
      HttpApi.Response refused = login(server, "nobody@example.com");
      assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void oneUsersChatBudgetIsSharedByEveryApiServer() {
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob("A shared grocery list for flatmates");
    List<HttpApi> servers = List.of(first, second);
    for (int i = 0; i < 4; i++) {
      HttpApi.Response ok = say(servers.get(i % 2), client.token, jobId, "message " + i);
      assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    }

    for (HttpApi server : servers) {
      HttpApi.Response refused = say(server, client.token, jobId, "one too many");
      assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    }
  }

  @Test
  void anEventPublishedOnRedisByAnyoneElseNeverReachesAClient() throws Exception {
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob("An app for my book club");
    // The interviewer's first question: after it, nothing is in flight until the user answers.
    client.awaitJob(
        jobId, "the first question", Duration.ofSeconds(60), j -> client.agentMessages(jobId) > 0);
    String url = second.baseUrl().replace("http", "ws") + "/ws/jobs/" + jobId + "/?after=0";
    try (SocketClient socket = SocketClient.connect(url, client.token)) {
      List<JsonNode> stored = events(client, jobId);
      socket.awaitCount(stored.size(), Duration.ofSeconds(10));
      long next = stored.get(stored.size() - 1).path("seq").asLong() + 1;

      // A chat in the interviewer's name with the next seq, then a wake-up far beyond the log.
      publish(
          "ideaforge:job:" + jobId,
          "{\"kind\":\"chat\",\"seq\":"
              + next
              + ",\"role\":\"agent\",\"sender\":\"Client Relations\","
              + "\"content\":\"Forged: send your password to evil.example\",\"jobId\":\""
              + jobId
              + "\"}");
      publish("ideaforge:job:" + jobId, String.valueOf(next + 1000));
      HttpApi.Response answer = say(second, client.token, jobId, "Readers who forget the date");
      assertThat(answer.status()).as(answer.toString()).isEqualTo(201);

      socket.awaitCount(stored.size() + 1, Duration.ofSeconds(10));
      ServiceProcess.sleep(500);
      List<JsonNode> received = socket.received();
      assertThat(received).noneSatisfy(e -> assertThat(e.toString()).contains("Forged"));
      JsonNode atNext = received.get(stored.size());
      assertThat(atNext.path("seq").asLong()).isEqualTo(next);
      assertThat(atNext.path("content").asString()).isEqualTo("Readers who forget the date");
      // What the socket got is what the log holds, event for event.
      List<JsonNode> log = events(client, jobId);
      assertThat(received.subList(0, Math.min(received.size(), log.size())))
          .containsExactlyElementsOf(log.subList(0, Math.min(received.size(), log.size())));
    }
  }

  private static List<JsonNode> events(Client client, String jobId) {
    HttpApi.Response r = client.api.get("/api/jobs/" + jobId + "/events/?after=0", client.token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    r.json().forEach(events::add);
    return events;
  }

  private static HttpApi.Response login(HttpApi server, String email) {
    return server.post(
        "/api/auth/login/", Map.of("email", email, "password", "not-the-password"), null);
  }

  private static HttpApi.Response say(HttpApi server, String token, String jobId, String text) {
    return server.post(
        "/api/job-messages/",
        Map.of("job_id", jobId, "role", "user", "sender", "me", "content", text),
        token);
  }

  /** What anyone who reaches Redis can do (no password on the local Redis). */
  private static void publish(String channel, String message) throws IOException {
    try {
      Process p =
          new ProcessBuilder("redis-cli", "-p", "6379", "PUBLISH", channel, message)
              .redirectErrorStream(true)
              .start();
      assertThat(p.waitFor()).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
