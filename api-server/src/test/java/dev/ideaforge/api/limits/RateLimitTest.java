package dev.ideaforge.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The abuse limits over real HTTP and sockets, with small quotas. Each test comes from its own
 * client addresses (X-Forwarded-For, trusted here from the local peer) and uses its own users.
 */
@TestPropertySource(
    properties = {
      "server.forward-headers-strategy=native",
      "ideaforge.limits.login-per-ip=5/1h",
      "ideaforge.limits.login-failures-per-account=3/1h",
      "ideaforge.limits.register-per-ip=3/1h",
      "ideaforge.limits.chat-per-user=4/1h",
      "ideaforge.limits.jobs-per-user=3/1h",
      "ideaforge.limits.max-unfinished-jobs-per-user=2"
    })
class RateLimitTest extends ApiTestBase {

  private static final String PASSWORD = "correct horse battery";

  @Test
  void loginAttemptsFromOneAddressAreRefusedWith429AndRetryAfter() {
    String address = randomAddress();
    for (int i = 0; i < 5; i++) {
      assertThat(login(address, "nobody-" + UUID.randomUUID() + "@example.com", "wrong").status())
          .isEqualTo(400);
    }

    HttpApi.Response refused = login(address, "nobody@example.com", "wrong");

    assertRefused(refused, "Too many login attempts from this address.");
    String email = registerFrom(randomAddress());
    assertThat(login(randomAddress(), email, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void failedLoginsOfOneAccountAreRefusedFromEveryAddress() {
    String email = registerFrom(randomAddress());
    for (int i = 0; i < 3; i++) {
      assertThat(login(randomAddress(), email, "wrong password").status()).isEqualTo(400);
    }

    assertRefused(
        login(randomAddress(), email, "wrong password"),
        "Too many failed logins for this account.");
    String other = registerFrom(randomAddress());
    assertThat(login(randomAddress(), other, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void parallelWrongLoginsOfOneAccountPassNoMoreThanItsBudget() throws Exception {
    String email = registerFrom(randomAddress());
    List<Integer> statuses =
        statusesInParallel(12, i -> login(randomAddress(), email, "wrong password"));

    assertThat(statuses).filteredOn(s -> s == 400).hasSize(3);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(9);
  }

  @Test
  void successfulLoginsSpendNothingOfTheAccountsBudget() {
    String email = registerFrom(randomAddress());
    for (int i = 0; i < 6; i++) {
      assertThat(login(randomAddress(), email, PASSWORD).status()).isEqualTo(200);
    }
  }

  @Test
  void registrationsFromOneAddressAreRefusedWith429() {
    String address = randomAddress();
    for (int i = 0; i < 3; i++) {
      registerFrom(address);
    }

    HttpApi.Response refused = register(address, "late-" + UUID.randomUUID() + "@example.com");

    assertRefused(refused, "Too many accounts created from this address.");
  }

  @Test
  void oneChatBudgetPerUserCoversRestAndEverySocket() {
    String token = tokenOf(registerFrom(randomAddress()));
    String jobId = createJob(token, "A plant watering reminder").path("id").asString();
    String url = "ws://127.0.0.1:" + port + "/ws/jobs/" + jobId + "/";
    try (SocketClient first = SocketClient.connect(url, token);
        SocketClient second = SocketClient.connect(url, token)) {
      assertThat(say(token, jobId, "rest 1").status()).isEqualTo(201);
      assertThat(say(token, jobId, "rest 2").status()).isEqualTo(201);
      first.send("{\"kind\":\"chat\",\"content\":\"socket 1\"}");
      first.awaitKind("chat", Duration.ofSeconds(10));
      second.send("{\"kind\":\"chat\",\"content\":\"socket 2\"}");
      awaitUserMessages(jobId, 5);

      assertRefused(say(token, jobId, "rest 3"), "Too many messages.");
      second.send("{\"kind\":\"chat\",\"content\":\"socket 3\"}");
      assertThat(second.awaitKind("error", Duration.ofSeconds(10)).path("message").asString())
          .startsWith("Too many messages.");
    }
    // The prompt plus the four the budget allowed.
    assertThat(userMessages(jobId)).isEqualTo(5);
    String other = tokenOf(registerFrom(randomAddress()));
    String otherJob = createJob(other, "Another idea").path("id").asString();
    assertThat(say(other, otherJob, "mine").status()).isEqualTo(201);
  }

  @Test
  void jobsCreatedPerUserAreCappedPerPeriod() {
    String token = tokenOf(registerFrom(randomAddress()));
    for (int i = 0; i < 3; i++) {
      String jobId = createJob(token, "idea " + i).path("id").asString();
      setStatus(jobId, "done");
    }

    assertRefused(
        api.post("/api/jobs/", Map.of("prompt", "one too many"), token), "Too many jobs created.");
  }

  @Test
  void unfinishedJobsPerUserAreCappedEvenWhenCreatedInParallel() throws Exception {
    String token = tokenOf(registerFrom(randomAddress()));
    List<Integer> statuses =
        statusesInParallel(6, i -> api.post("/api/jobs/", Map.of("prompt", "idea " + i), token));

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(4);
    HttpApi.Response refused = api.post("/api/jobs/", Map.of("prompt", "a third"), token);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().path("detail").asString()).contains("2 unfinished jobs");
  }

  @Test
  void reopeningAFinishedJobCountsAgainstTheUnfinishedCap() {
    String token = tokenOf(registerFrom(randomAddress()));
    String finished = createJob(token, "first").path("id").asString();
    createJob(token, "second");
    jdbc.update("update jobs set status = 'done' where id = ?::uuid", finished);
    createJob(token, "third");

    HttpApi.Response change =
        api.post(
            "/api/jobs/" + finished + "/continue/", Map.of("requirements", "Add a list"), token);
    assertThat(change.status()).as(change.toString()).isEqualTo(429);
    assertThat(change.json().path("detail").asString()).contains("2 unfinished jobs");

    jdbc.update(
        "update jobs set status = 'failed', error_message = 'x' where id = ?::uuid", finished);
    HttpApi.Response retry = api.post("/api/jobs/" + finished + "/retry/", null, token);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(429);
    assertThat(retry.json().path("detail").asString()).contains("2 unfinished jobs");
    assertThat(
            jdbc.queryForObject(
                "select status from jobs where id = ?::uuid", String.class, finished))
        .isEqualTo("failed");
  }

  private static void assertRefused(HttpApi.Response response, String detailStart) {
    assertThat(response.status()).as(response.toString()).isEqualTo(429);
    assertThat(response.json().path("detail").asString()).startsWith(detailStart);
    String retryAfter = response.headers().firstValue("Retry-After").orElseThrow();
    assertThat(Long.parseLong(retryAfter)).isPositive();
  }

  /** Sends {@code count} requests at once and returns their statuses. */
  private static List<Integer> statusesInParallel(int count, IntFunction<HttpApi.Response> request)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<HttpApi.Response>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        results.add(pool.submit(() -> request.apply(n)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpApi.Response> r : results) {
        statuses.add(r.get().status());
      }
      return statuses;
    } finally {
      pool.shutdown();
    }
  }

  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  private HttpApi.Response register(String address, String email) {
    return api.sendWithHeaders(
        "POST",
        "/api/auth/register/",
        Map.of("email", email, "password", PASSWORD),
        Map.of("X-Forwarded-For", address));
  }

  /** Registers a fresh account from the address and returns its email. */
  private String registerFrom(String address) {
    String email = "limits-" + UUID.randomUUID() + "@example.com";
    HttpApi.Response r = register(address, email);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return email;
  }

  private HttpApi.Response login(String address, String email, String password) {
    return api.sendWithHeaders(
        "POST",
        "/api/auth/login/",
        Map.of("email", email, "password", password),
        Map.of("X-Forwarded-For", address));
  }

  private String tokenOf(String email) {
    HttpApi.Response r = login(randomAddress(), email, PASSWORD);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().path("access").asString();
  }

  private HttpApi.Response say(String token, String jobId, String content) {
    return api.post(
        "/api/job-messages/",
        Map.of("job_id", jobId, "role", "user", "sender", "me", "content", content),
        token);
  }

  private long userMessages(String jobId) {
    return jdbc.queryForObject(
        "select count(*) from job_messages where job_id = ?::uuid and role = 'user'",
        Long.class,
        jobId);
  }

  private void awaitUserMessages(String jobId, long count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (userMessages(jobId) < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertThat(userMessages(jobId)).isEqualTo(count);
  }
}
