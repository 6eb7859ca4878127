package dev.ideaforge.api.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.SocketClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An api-server whose Redis (the deny-list of revoked tokens) cannot be reached refuses tokens
 * rather than accepting one that may have been revoked. A second instance loses its Redis through a
 * proxy, so the shared Redis keeps running for everyone else.
 */
class TokenChecksFailClosedTest extends SocketTestBase {

  static TcpProxy redis;
  static ConfigurableApplicationContext noRedis;

  /** It must start with Redis (its listeners need it), then Redis goes away for it alone. */
  @BeforeAll
  static void startAnInstanceThenCutItsRedis() throws Exception {
    redis = new TcpProxy(6379);
    noRedis = startAnotherInstance("spring.data.redis.url=redis://127.0.0.1:" + redis.port());
    redis.cut();
  }

  @AfterAll
  static void stopIt() {
    noRedis.close();
    redis.close();
  }

  @Test
  void requestsWithATokenAre503WhileTheDenyListIsUnreachable() {
    String token = newUserToken();

    HttpApi.Response res = HttpApi.onPort(portOf(noRedis)).get("/api/jobs/", token);

    assertThat(res.status()).isEqualTo(503);
    assertThat(res.json().path("detail").asString()).contains("retry");
  }

  @Test
  void logoutIs503AndRevokesNothingWhileTheDenyListIsUnreachable() {
    String refresh = register().path("refresh").asString();

    HttpApi.Response logout =
        HttpApi.onPort(portOf(noRedis)).post("/api/auth/logout/", Map.of("refresh", refresh), null);

    assertThat(logout.status()).isEqualTo(503);
    assertThat(logout.headers().firstValue("Retry-After")).hasValue("5");
    // Nothing was revoked, so the client can retry: the refresh token still works.
    assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", refresh), null).status())
        .isEqualTo(200);
  }

  @Test
  void socketsCloseWith1011WhileTheDenyListIsUnreachable() {
    String token = newUserToken();
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    try (SocketClient socket =
        SocketClient.connect(
            "ws://127.0.0.1:" + portOf(noRedis) + "/ws/jobs/" + jobId + "/", token)) {
      assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1011);
    }
  }
}
