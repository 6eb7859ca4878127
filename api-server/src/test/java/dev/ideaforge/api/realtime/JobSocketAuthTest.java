package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ideaforge.testsupport.SocketClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JobSocketAuthTest extends SocketTestBase {

  @Test
  void bearerHeaderOpensTheSocketAndLiveEventsArrive() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, token)) {
      JsonNode message = postMessage(token, jobId, "For families");

      JsonNode chat = socket.awaitKind("chat", WAIT);
      assertThat(chat.path("id").asString()).isEqualTo(message.path("id").asString());
      assertThat(chat.path("jobId").asString()).isEqualTo(jobId);
      assertThat(chat.path("seq").asLong()).isEqualTo(2); // the prompt's event was seq 1
      assertThat(chat.path("role").asString()).isEqualTo("user");
      assertThat(chat.path("content").asString()).isEqualTo("For families");
      assertThat(chat.has("sender")).isTrue();
      assertThat(chat.has("metadata")).isTrue();
      assertThat(chat.path("timestamp").asString()).endsWith("Z");
    }
  }

  /** What a browser does: it cannot set headers, and ?token= is off outside dev. */
  @Test
  void aTokenOfferedAsSubprotocolOpensTheSocketAndTheAnswerNeverEchoesIt() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket =
        SocketClient.connectOffering(
            socketUrl(jobId) + "?after=0",
            List.of(JobSocketHandshake.PROTOCOL, JobSocketHandshake.BEARER_PROTOCOL + token))) {
      assertThat(socket.awaitKind("chat", WAIT).path("seq").asLong()).isEqualTo(1);
      assertThat(socket.subprotocol()).isEqualTo(JobSocketHandshake.PROTOCOL);
    }
  }

  @Test
  void aForgedTokenOfferedAsSubprotocolClosesWith4001() {
    String jobId = createJob(newUserToken(), "A recipe planner").path("id").asString();
    try (SocketClient socket =
        SocketClient.connectOffering(
            socketUrl(jobId),
            List.of(
                JobSocketHandshake.PROTOCOL,
                JobSocketHandshake.BEARER_PROTOCOL
                    + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"))) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void missingTokenClosesWith4001() {
    String jobId = createJob(newUserToken(), "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, null)) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void forgedTokenClosesWith4001() {
    String jobId = createJob(newUserToken(), "A recipe planner").path("id").asString();
    try (SocketClient socket =
        connect(jobId, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void expiredTokenClosesWith4001() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    String expired = accessTokenExpiringAt(userIdOf(token), Instant.now().minusSeconds(5));
    try (SocketClient socket = connect(jobId, expired)) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void refreshTokenIsNotAnAccessToken() {
    JsonNode account = register();
    String token = account.path("access").asString();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, account.path("refresh").asString())) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void tokenThatExpiresDuringTheConnectionClosesItWith4001() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    String shortLived = accessTokenExpiringAt(userIdOf(token), Instant.now().plusSeconds(2));
    try (SocketClient socket = connect(jobId, shortLived)) {
      SocketClient.Close close = socket.awaitClose(WAIT);
      assertThat(close.code()).isEqualTo(4001);
      assertThat(close.reason()).isEqualTo("Token expired");
    }
  }

  @Test
  void tokenInQueryIsRefusedWhileTheFlagIsOff() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket =
        SocketClient.connect(socketUrl(jobId) + "?token=" + token, Map.of())) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4001);
    }
  }

  @Test
  void anotherUsersJobClosesWith4003() {
    String jobId = createJob(newUserToken(), "A recipe planner").path("id").asString();
    try (SocketClient socket = connect(jobId, newUserToken())) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4003);
    }
  }

  @Test
  void unknownJobClosesWith4003() {
    try (SocketClient socket = connect(UUID.randomUUID().toString(), newUserToken())) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4003);
    }
    try (SocketClient socket = connect("not-a-uuid", newUserToken())) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(4003);
    }
  }

  @Test
  void allowedOriginAndNoOriginConnectButAForeignOriginIsRefused() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    String auth = "Bearer " + token;
    try (SocketClient allowed =
        SocketClient.connect(
            socketUrl(jobId), Map.of("Authorization", auth, "Origin", "http://localhost:5173"))) {
      postMessage(token, jobId, "hello");
      assertThat(allowed.awaitKind("chat", WAIT).path("content").asString()).isEqualTo("hello");
    }
    assertThatThrownBy(
            () ->
                SocketClient.connect(
                    socketUrl(jobId),
                    Map.of("Authorization", auth, "Origin", "https://evil.example")))
        .isInstanceOfSatisfying(
            SocketClient.Refused.class, e -> assertThat(e.status).isEqualTo(403));
  }

  @Test
  void eachUserMayHoldALimitedNumberOfSockets() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    java.util.List<SocketClient> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(connect(jobId, token));
      }
      SocketClient extra = connect(jobId, token);
      open.add(extra);
      assertThat(extra.awaitClose(WAIT).code()).isEqualTo(1008);
    } finally {
      open.forEach(SocketClient::close);
    }
  }
}
