package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.auth.AccessTokenDenyList;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Revoking a token (logout, refresh-token reuse) closes the sockets opened with it with 4001 on
 * every api-server. The second instance sweeps only hourly, so a socket there can only close
 * through the revocation notice on Redis; this instance sweeps every second (application-test.yml).
 */
class TokenRevocationClosesSocketsTest extends SocketTestBase {

  static ConfigurableApplicationContext second;

  @Autowired JobSockets sockets;
  @Autowired StringRedisTemplate redis;

  @BeforeAll
  static void startSecondInstance() {
    second = startListeningInstance("ideaforge.ws.catch-up-interval=1h");
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  /**
   * A socket on the second instance, once it is registered there (the replay of the prompt's event
   * comes after): from then on only a notice can close it.
   */
  SocketClient connectToSecond(String jobId, String token) {
    SocketClient socket = SocketClient.connect(secondUrl(jobId) + "?after=0", token);
    socket.awaitKind("chat", WAIT);
    return socket;
  }

  String secondUrl(String jobId) {
    return "ws://127.0.0.1:" + portOf(second) + "/ws/jobs/" + jobId + "/";
  }

  void logout(JsonNode session) {
    assertThat(
            api.post(
                    "/api/auth/logout/",
                    Map.of("refresh", session.path("refresh").asString()),
                    null)
                .status())
        .isEqualTo(205);
  }

  JsonNode loginAgain(JsonNode session) {
    return api.post(
            "/api/auth/login/",
            Map.of(
                "email",
                session.path("user").path("email").asString(),
                "password",
                "correct horse battery"),
            null)
        .json();
  }

  @Test
  void logoutClosesTheSessionsSocketsWith4001() {
    JsonNode session = register();
    String token = session.path("access").asString();
    String jobId = createJob(token, "A plant watering reminder").path("id").asString();
    String otherSessionToken = loginAgain(session).path("access").asString();
    try (SocketClient socket = connect(jobId, token);
        SocketClient otherSession = connect(jobId, otherSessionToken)) {

      logout(session);

      SocketClient.Close close = socket.awaitClose(WAIT);
      assertThat(close.code()).isEqualTo(4001);
      assertThat(close.reason()).isEqualTo("Token revoked");
      // The same user's other login keeps its socket.
      assertThat(otherSession.isClosed()).isFalse();
    }
  }

  @Test
  void logoutClosesTheSessionsSocketsOnAnotherInstanceWith4001() {
    JsonNode session = register();
    String token = session.path("access").asString();
    String jobId = createJob(token, "A bike route planner").path("id").asString();
    try (SocketClient there = connectToSecond(jobId, token)) {

      logout(session);

      SocketClient.Close close = there.awaitClose(WAIT);
      assertThat(close.code()).isEqualTo(4001);
      assertThat(close.reason()).isEqualTo("Token revoked");
    }
  }

  @Test
  void reusingARotatedRefreshTokenClosesTheFamilysSockets() {
    JsonNode session = register();
    String parent = session.path("refresh").asString();
    String childAccess =
        api.post("/api/auth/token/refresh/", Map.of("refresh", parent), null)
            .json()
            .path("access")
            .asString();
    String jobId = createJob(childAccess, "A book swap for neighbours").path("id").asString();
    try (SocketClient there = connectToSecond(jobId, childAccess)) {

      assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", parent), null).status())
          .isEqualTo(401);

      assertThat(there.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void aForgedRevocationNoticeClosesNothing() {
    String token = newUserToken();
    String jobId = createJob(token, "A shared shopping list").path("id").asString();
    try (SocketClient there = connectToSecond(jobId, token)) {
      // Anyone who can publish on Redis can send a notice naming the socket's login; the
      // deny-list does not hold it, so the socket must stay open. A wrongful close would follow
      // the notice within milliseconds, and the second instance's sweep is hourly.
      redis.convertAndSend(AccessTokenDenyList.CHANNEL, claimOf(token, "fam"));
      redis.convertAndSend(AccessTokenDenyList.CHANNEL, claimOf(token, "jti"));
      sleep(Duration.ofSeconds(2));
      assertThat(there.isClosed()).isFalse();
    }
  }

  @Test
  void theSweepClosesASocketWhoseRevocationNoticeWasLost() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      // Revoked, but the notice never came (pub/sub is at-most-once): only the key is written.
      redis
          .opsForValue()
          .set("ideaforge:revoked:jti:" + claimOf(token, "jti"), "1", Duration.ofMinutes(5));

      sockets.catchUpAll();

      SocketClient.Close close = socket.awaitClose(WAIT);
      assertThat(close.code()).isEqualTo(4001);
      assertThat(close.reason()).isEqualTo("Token revoked");
    }
  }
}
