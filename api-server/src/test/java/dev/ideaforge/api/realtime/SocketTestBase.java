package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiServerApplication;
import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.SocketClient;
import dev.ideaforge.testsupport.TemporalTestService;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;

abstract class SocketTestBase extends ApiTestBase {

  /**
   * Another api-server in this JVM, on a random port, sharing this run's PostgreSQL, Redis and
   * Temporal. Settings go in as arguments: they outrank application.yml and application-test.yml
   * (default properties do not; {@code server.port=0} there left it on :8000).
   */
  static ConfigurableApplicationContext startAnotherInstance(String... settings) {
    String[] args = new String[settings.length + 1];
    args[0] = "--server.port=0";
    for (int i = 0; i < settings.length; i++) {
      args[i + 1] = "--" + settings[i];
    }
    return new SpringApplicationBuilder(ApiServerApplication.class)
        .profiles("test")
        .properties("ideaforge.test.temporal-target=" + TemporalTestService.shared().target())
        .run(args);
  }

  /**
   * As {@link #startAnotherInstance}, returning once its Redis subscription is in place: the
   * subscription starts asynchronously, and a test whose instance sweeps only hourly has nothing to
   * make up for a notice or a wake-up published before it.
   */
  static ConfigurableApplicationContext startListeningInstance(String... settings) {
    ConfigurableApplicationContext instance = startAnotherInstance(settings);
    RedisMessageListenerContainer relay = instance.getBean(RedisMessageListenerContainer.class);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!relay.isListening() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(relay.isListening()).as("the instance's Redis subscription").isTrue();
    return instance;
  }

  /** Waits so that a wrongful close, which would follow a notice within milliseconds, shows. */
  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static int portOf(ConfigurableApplicationContext instance) {
    return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
  }

  static final Duration WAIT = Duration.ofSeconds(10);

  @Value("${ideaforge.jwt.secret}")
  String jwtSecret;

  String socketUrl(String jobId) {
    return "ws://127.0.0.1:" + port + "/ws/jobs/" + jobId + "/";
  }

  SocketClient connect(String jobId, String token) {
    return SocketClient.connect(socketUrl(jobId), token);
  }

  /** Posts a user message over REST; its chat event reaches the job's sockets. */
  JsonNode postMessage(String token, String jobId, String content) {
    return api.post(
            "/api/job-messages/",
            Map.of("job_id", jobId, "role", "user", "sender", "x", "content", content),
            token)
        .json();
  }

  long messageCount(String jobId) {
    return jdbc.queryForObject(
        "select count(*) from job_messages where job_id = ?::uuid", Long.class, jobId);
  }

  String userIdOf(String token) {
    return api.get("/api/auth/me/", token).json().path("id").asString();
  }

  /** A claim of a token this server signed ({@code jti}, {@code fam}, ...). */
  String claimOf(String token, String claim) {
    return String.valueOf(
        Jwts.parser()
            .verifyWith(Keys.hmacShaKeyFor(jwtSecret.getBytes(StandardCharsets.UTF_8)))
            .build()
            .parseSignedClaims(token)
            .getPayload()
            .get(claim));
  }

  /** An access token signed with the server's secret, expiring at the given time. */
  String accessTokenExpiringAt(String userId, Instant expiresAt) {
    return Jwts.builder()
        .subject(userId)
        .id(UUID.randomUUID().toString())
        .issuedAt(Date.from(Instant.now().minusSeconds(60)))
        .expiration(Date.from(expiresAt))
        .claim("type", "access")
        .signWith(Keys.hmacShaKeyFor(jwtSecret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
        .compact();
  }
}
