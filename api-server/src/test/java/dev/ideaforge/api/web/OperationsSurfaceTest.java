package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * What the public port shows to whom: probes answer anyone with a status only, details and metrics
 * need the operator token, and the API description is off outside dev.
 */
class OperationsSurfaceTest extends ApiTestBase {

  @Value("${ideaforge.management.token}")
  String operatorToken;

  @Autowired ApplicationContext context;

  @Test
  void anonymousHealthAndProbesShowTheStatusOnly() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      HttpApi.Response r = api.get(path, null);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.json().path("status").asString()).as(path).isEqualTo("UP");
      assertThat(r.json().has("components")).as(path + ": " + r.body()).isFalse();
      assertThat(r.json().has("details")).as(path + ": " + r.body()).isFalse();
    }
  }

  @Test
  void aSignedInUserSeesNoHealthDetailsEither() {
    HttpApi.Response r = api.get("/actuator/health", newUserToken());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().has("components")).as(r.body()).isFalse();
  }

  @Test
  void theOperatorTokenShowsHealthDetails() {
    HttpApi.Response r = api.get("/actuator/health/readiness", operatorToken);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("components").path("redis").path("status").asString()).isEqualTo("UP");
  }

  @Test
  void metricsNeedTheOperatorToken() {
    assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(api.get("/actuator/prometheus", newUserToken()).status()).isEqualTo(403);
    assertThat(api.get("/actuator/prometheus", "not-the-operator-token").status()).isEqualTo(401);
    HttpApi.Response r = api.get("/actuator/prometheus", operatorToken);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("ideaforge_websocket_open");
  }

  @Test
  void apiDocsAndSwaggerUiAreOffOutsideDev() {
    assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(404);
    assertThat(api.get("/swagger-ui.html", null).status()).isEqualTo(404);
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(404);
  }

  @Test
  void noGeneratedDefaultUserOrPasswordExists() {
    // Spring Boot logs "Using generated security password" when it creates this in-memory user.
    assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
  }
}
