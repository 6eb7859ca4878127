package dev.ideaforge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.TemporalTestService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real api-server on a random port, over real HTTP, against this run's PostgreSQL database, the
 * local Redis and the SDK's Temporal service on a port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTestBase {

  private static final AtomicInteger USERS = new AtomicInteger();

  @DynamicPropertySource
  static void temporal(DynamicPropertyRegistry registry) {
    // application-test.yml points spring.temporal.connection.target here; a test class can
    // override that with @TestPropertySource (e.g. to an unreachable address).
    registry.add("ideaforge.test.temporal-target", () -> TemporalTestService.shared().target());
  }

  @LocalServerPort protected int port;
  @Autowired protected JdbcTemplate jdbc;
  protected HttpApi api;

  @BeforeEach
  void client() {
    api = HttpApi.onPort(port);
  }

  /** Registers a fresh user and returns the register response. */
  protected JsonNode register() {
    String email = "user" + USERS.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    HttpApi.Response res =
        api.post(
            "/api/auth/register/",
            Map.of("email", email, "password", "correct horse battery", "name", "Test User"),
            null);
    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    return res.json();
  }

  /** Registers a fresh user and returns their access token. */
  protected String newUserToken() {
    return register().path("access").asString();
  }

  /** Creates a job for the token's user and returns its JSON. */
  protected JsonNode createJob(String token, String prompt) {
    HttpApi.Response res = api.post("/api/jobs/", Map.of("prompt", prompt), token);
    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    return res.json();
  }

  /** Posts a user message with this client metadata (a map, sent as JSON) to the job. */
  protected HttpApi.Response postUserMessage(
      String token, String jobId, String content, Object metadata) {
    return api.post(
        "/api/job-messages/",
        Map.of("job_id", jobId, "role", "user", "content", content, "metadata", metadata),
        token);
  }

  protected void setStatus(String jobId, String status) {
    jdbc.update("update jobs set status = ? where id = ?::uuid", status, jobId);
  }

  /**
   * Posts {@code body} to a job control ({@code /api/jobs/<id>/<control>/}) of a fresh job in each
   * of these statuses and hands each answer to {@code check}. Each job ends failed, so none holds
   * an unfinished place or a slot for the tests after it.
   */
  protected void postInEachStatus(
      String token,
      List<String> statuses,
      String control,
      Object body,
      BiConsumer<String, HttpApi.Response> check) {
    for (String status : statuses) {
      String jobId = createJob(token, "A recipe planner").path("id").asString();
      setStatus(jobId, status);
      try {
        check.accept(status, api.post("/api/jobs/" + jobId + "/" + control + "/", body, token));
      } finally {
        setStatus(jobId, "failed");
      }
    }
  }
}
