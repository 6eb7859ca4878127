package dev.ideaforge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for tests: JSON in, status + JSON out. */
public final class HttpApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HttpApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static HttpApi onPort(int port) {
    return new HttpApi("http://127.0.0.1:" + port);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Response get(String path, String token) {
    return send("GET", path, null, token);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, null, token);
  }

  public Response post(String path, Object body, String token) {
    return send("POST", path, body, token);
  }

  public Response patch(String path, Object body, String token) {
    return send("PATCH", path, body, token);
  }

  /** Sends {@code body} as JSON (a String is sent verbatim, so tests can send broken JSON). */
  public Response send(String method, String path, Object body, String token) {
    return sendWithHeaders(
        method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  /** As {@link #send(String, String, Object, String)} with arbitrary request headers. */
  public Response sendWithHeaders(
      String method, String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    headers.forEach(req::header);
    if (body == null) {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(text));
    }
    try {
      HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(res.statusCode(), res.body(), res.headers());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String body, HttpHeaders headers) {

    public JsonNode json() {
      return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    public String text(String field) {
      return json().path(field).asString();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
