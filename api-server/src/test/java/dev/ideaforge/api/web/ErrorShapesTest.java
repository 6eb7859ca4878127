package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors are JSON in DRF's shapes; CORS follows CORS_ALLOWED_ORIGINS. */
class ErrorShapesTest extends ApiTestBase {

  @Test
  void unknownRouteIs404Json() {
    HttpApi.Response res = api.get("/api/nothing-here/", newUserToken());
    assertThat(res.status()).isEqualTo(404);
    assertThat(res.json().path("detail").asString()).isEqualTo("Not found.");
  }

  @Test
  void wrongMethodIs405Json() {
    HttpApi.Response res = api.send("PUT", "/api/jobs/", Map.of("prompt", "x"), newUserToken());
    assertThat(res.status()).isEqualTo(405);
    assertThat(res.json().path("detail").asString()).isEqualTo("Method \"PUT\" not allowed.");
  }

  @Test
  void malformedJsonOnLoginIs400() {
    HttpApi.Response res = api.post("/api/auth/login/", "{not json", null);
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.json().path("detail").asString()).contains("JSON parse error");
  }

  @Test
  void corsPreflightAllowsTheConfiguredOrigin() {
    HttpApi.Response res =
        api.sendWithHeaders(
            "OPTIONS",
            "/api/jobs/",
            null,
            Map.of(
                "Origin", "http://localhost:5173",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:5173");
  }

  @Test
  void corsPreflightRefusesAForeignOrigin() {
    HttpApi.Response res =
        api.sendWithHeaders(
            "OPTIONS",
            "/api/jobs/",
            null,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(res.status()).isEqualTo(403);
    assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void pathWithoutTrailingSlashIsNotFound() {
    // The contract's paths end in "/"; the slash-less form is deliberately not an alias.
    assertThat(api.get("/api/jobs", newUserToken()).status()).isEqualTo(404);
  }
}
