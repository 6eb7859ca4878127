package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every request body is bounded (HTTP_MAX_BODY_BYTES, 1 MiB by default) before it is parsed. */
class RequestBodyLimitTest extends ApiTestBase {

  private static final int LIMIT = 1024 * 1024;

  private static String jobWithJunk(int junkChars) {
    return "{\"prompt\":\"ok\",\"junk\":\"" + "x".repeat(junkChars) + "\"}";
  }

  @Test
  void aBodyOverTheLimitIs413WithDetailEvenWhenTheJsonWouldBeValid() {
    String token = newUserToken();
    HttpApi.Response res = api.post("/api/jobs/", jobWithJunk(LIMIT), token);

    assertThat(res.status()).as(res.toString()).isEqualTo(413);
    assertThat(res.json().path("detail").asString()).contains("1048576 bytes");
    assertThat(api.get("/api/jobs/", token).json()).isEmpty();
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    String token = newUserToken();
    byte[] body = jobWithJunk(LIMIT).getBytes(StandardCharsets.UTF_8);
    // No Content-Length: the client streams the body chunked, so only counting can stop it.
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/jobs/"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<String> res =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());

    assertThat(res.statusCode()).as(res.body()).isEqualTo(413);
    assertThat(res.body()).contains("\"detail\"");
    assertThat(api.get("/api/jobs/", token).json()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeAuthentication() {
    HttpApi.Response res = api.post("/api/auth/login/", jobWithJunk(LIMIT), null);

    assertThat(res.status()).as(res.toString()).isEqualTo(413);
    assertThat(res.json().path("detail").isString()).isTrue();
  }

  @Test
  void aBodyJustUnderTheLimitIsAccepted() {
    String token = newUserToken();
    HttpApi.Response res = api.post("/api/jobs/", jobWithJunk(LIMIT - 100), token);

    assertThat(res.status()).as(res.toString()).isEqualTo(201);
  }

  @Test
  void metadataOverItsSizeCapIs400OnTheField() {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    HttpApi.Response res =
        postUserMessage(token, jobId, "x", Map.of("blob", "x".repeat(17 * 1024)));

    assertThat(res.status()).as(res.toString()).isEqualTo(400);
    assertThat(res.json().path("metadata").get(0).asString()).contains("16384 bytes");
  }

  @Test
  void metadataDeeperThanItsCapIs400OnTheField() {
    HttpApi.Response res = postMetadataNested(11);

    assertThat(res.status()).as(res.toString()).isEqualTo(400);
    assertThat(res.json().path("metadata").get(0).asString()).contains("10 levels");
  }

  @Test
  void metadataWithinItsCapsIsStoredAsGiven() {
    HttpApi.Response res = postMetadataNested(10);

    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    JsonNode metadata = res.json().path("metadata");
    for (int i = 0; i < 9; i++) {
      metadata = metadata.path("a");
    }
    assertThat(metadata.path("a").asInt()).isEqualTo(1);
  }

  /** Posts a user message whose metadata is {@code levels} objects deep. */
  private HttpApi.Response postMetadataNested(int levels) {
    String token = newUserToken();
    String jobId = createJob(token, "idea").path("id").asString();
    Object metadata = 1;
    for (int i = 0; i < levels; i++) {
      metadata = Map.of("a", metadata);
    }
    return postUserMessage(token, jobId, "x", metadata);
  }
}
