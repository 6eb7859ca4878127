package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.LocalRedis;
import dev.ideaforge.testsupport.TemporalTestService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Readiness follows PostgreSQL, Redis and Temporal: DOWN (503) while one is away, UP after. The
 * components are read with the operator token; anonymous probes get the same status code.
 */
class HealthTest extends ApiTestBase {

  @Value("${ideaforge.management.token}")
  String operatorToken;

  HttpApi.Response readiness() {
    return api.get("/actuator/health/readiness", operatorToken);
  }

  @Test
  void readyWhenEveryDependencyAnswers() {
    HttpApi.Response r = readiness();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
    assertThat(r.json().path("components").path("redis").path("status").asString()).isEqualTo("UP");
    assertThat(r.json().path("components").path("temporal").path("status").asString())
        .isEqualTo("UP");
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
  }

  @Test
  void notReadyWhileTemporalIsAwayAndReadyAgainAfter() {
    TemporalTestService.shared().stop();
    try {
      HttpApi.Response down = readiness();
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().path("components").path("temporal").path("status").asString())
          .isEqualTo("DOWN");
      assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
      // Liveness is not affected: restarting the api-server would not bring Temporal back.
      assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    } finally {
      TemporalTestService.shared().start();
    }
    awaitReady();
  }

  @Test
  void notReadyWhileRedisIsAwayAndReadyAgainAfter() {
    LocalRedis.stop();
    try {
      HttpApi.Response down = readiness();
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().path("components").path("redis").path("status").asString())
          .isEqualTo("DOWN");
    } finally {
      LocalRedis.start();
    }
    awaitReady();
  }

  private void awaitReady() {
    for (int i = 0; i < 100 && readiness().status() != 200; i++) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertThat(readiness().status()).isEqualTo(200);
  }
}
