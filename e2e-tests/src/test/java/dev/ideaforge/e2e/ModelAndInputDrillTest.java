package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.CooperativeModel;
import dev.ideaforge.testsupport.FakeOpenAiServer;
import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.SocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The model endpoint misbehaving (slow, 429, 500, then failing for good) and a hostile client: the
 * system recovers where it can, fails jobs clearly where it cannot, and stays up.
 */
class ModelAndInputDrillTest {

  static final FakeOpenAiServer MODEL = new FakeOpenAiServer(CooperativeModel::answer);
  static IdeaforgeSystem system;
  static final Duration FINISH = Duration.ofSeconds(120);

  @BeforeAll
  static void start() {
    system =
        new IdeaforgeSystem(
                Map.of(
                    "LLM_PROVIDER", "openai",
                    "LLM_BASE_URL", MODEL.baseUrl(),
                    "LLM_MODEL", "fake-model",
                    "LLM_TIMEOUT", "3s",
                    "AGENT_RETRY_MAXIMUM_ATTEMPTS", "4",
                    "WS_MESSAGES_PER_SECOND", "5"))
            .start();
  }

  @AfterAll
  static void stop() {
    system.close();
    MODEL.close();
  }

  @Test
  void slowAndFailingModelRecoversAndTheJobFinishes() {
    // Three bad answers; the fourth and last attempt succeeds.
    MODEL.delayNext(Duration.ofSeconds(5)).failNext(429).failNext(500);
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob("An app that reminds me to water my plants");
    client.awaitJob(jobId, "the question", FINISH, j -> j.path("messages").size() >= 2);
    assertThat(client.say(jobId, "Travellers").status()).isEqualTo(201);

    JsonNode done = client.awaitStatus(jobId, "done", FINISH);
    assertThat(done.path("messages").get(1).path("content").asString())
        .isEqualTo(CooperativeModel.QUESTION);
    assertThat(done.path("messages").toString()).doesNotContain("Injected failure");
    Database.assertNoDuplicates(jobId, 3);
  }

  @Test
  void modelFailingForGoodFailsTheJobWithAClearReason() {
    MODEL.failAlways(500);
    try {
      Client client = new Client(system.apiBaseUrl());
      String jobId = client.createJob("An app that reminds me to water my plants");
      JsonNode failed = client.awaitStatus(jobId, "failed", FINISH);
      assertThat(failed.path("error_message").asString())
          .startsWith("The Client Relations agent could not continue:")
          .contains("HTTP 500");
      assertThat(failed.path("messages")).hasSize(1); // only the user's prompt
    } finally {
      MODEL.failAlways(0);
    }
  }

  @Test
  void hostileHttpInputGetsClearErrorsAndTheServerStaysUp() throws Exception {
    Client client = new Client(system.apiBaseUrl());
    HttpApi api = client.api;
    // Oversized body.
    HttpApi.Response big =
        api.post("/api/jobs/", Map.of("prompt", "x".repeat(3_000_000)), client.token);
    assertThat(big.status()).isIn(400, 413);
    // Deeply nested JSON.
    String nested = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(api.send("POST", "/api/jobs/", nested, client.token).status()).isEqualTo(400);
    // Invalid UTF-8.
    HttpResponse<String> utf8 =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(system.apiBaseUrl() + "/api/jobs/"))
                    .header("Authorization", "Bearer " + client.token)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            new byte[] {
                              '{',
                              '"',
                              'p',
                              'r',
                              'o',
                              'm',
                              'p',
                              't',
                              '"',
                              ':',
                              '"',
                              (byte) 0xC3,
                              (byte) 0x28,
                              '"',
                              '}'
                            }))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(utf8.statusCode()).isIn(201, 400);
    // SQL and script text is data: stored and returned verbatim.
    String evil = "'); DROP TABLE jobs; -- <script>alert(1)</script>";
    String jobId = client.createJob(evil);
    assertThat(client.detail(jobId).path("initial_prompt").asString()).isEqualTo(evil);
    // Tokens of other users and forged tokens.
    Client other = new Client(system.apiBaseUrl());
    assertThat(api.get("/api/jobs/" + jobId + "/", other.token).status()).isEqualTo(404);
    assertThat(api.get("/api/jobs/", "forged.token.value").status()).isEqualTo(401);
    assertThat(api.get("/api/jobs/" + UUID.randomUUID() + "/", client.token).status())
        .isEqualTo(404);

    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(api.get("/api/jobs/", client.token).status()).isEqualTo(200);
  }

  @Test
  void hostileSocketInputGetsErrorsAndTheServerStaysUp() {
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob("An app that reminds me to water my plants");
    String url = system.apiBaseUrl().replace("http", "ws") + "/ws/jobs/" + jobId + "/";
    try (SocketClient socket = SocketClient.connect(url, client.token)) {
      // Thousands of rapid chats: most are refused with an error, none crash anything.
      for (int i = 0; i < 2000; i++) {
        socket.send("{\"kind\":\"chat\",\"content\":\"spam " + i + "\"}");
      }
      socket.awaitKind("error", Duration.ofSeconds(10));
      socket.send("[".repeat(5000) + "]".repeat(5000));
      ServiceProcess.sleep(1000);
      assertThat(socket.received())
          .anySatisfy(
              e -> assertThat(e.path("message").asString()).startsWith("Too many messages"));
      assertThat(socket.isClosed()).isFalse();
    }
    try (SocketClient big = SocketClient.connect(url, client.token)) {
      big.send("{\"kind\":\"chat\",\"content\":\"" + "x".repeat(100_000) + "\"}");
      assertThat(big.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1009);
    }
    try (SocketClient forged = SocketClient.connect(url, "forged")) {
      assertThat(forged.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4001);
    }
    try (SocketClient foreign = SocketClient.connect(url, new Client(system.apiBaseUrl()).token)) {
      assertThat(foreign.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4003);
    }
    long stored =
        (Long)
            Database.query(
                    "select count(*) from job_messages where job_id = ? and role = 'user'",
                    UUID.fromString(jobId))
                .get(0)
                .get(0);
    assertThat(stored).isLessThan(50);
    assertThat(client.api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
  }
}
