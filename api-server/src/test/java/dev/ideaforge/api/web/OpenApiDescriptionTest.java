package dev.ideaforge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.api.ApiTestBase;
import dev.ideaforge.testsupport.HttpApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description is enough to write a client from: every endpoint the README documents is
 * there with its request and response bodies, the schemas match what the API really sends, and
 * {@code clients/openapi.json} (what the TypeScript client's types are checked against) is current.
 */
@TestPropertySource(properties = "ideaforge.api-docs.enabled=true")
class OpenApiDescriptionTest extends ApiTestBase {

  private static final Path README = Path.of("..", "README.md");
  private static final Path COMMITTED = Path.of("..", "clients", "openapi.json");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** A README row's first cell: {@code `POST /api/jobs/`}, {@code `GET`/`DELETE /api/...`}. */
  private static final Pattern ENDPOINT =
      Pattern.compile(
          "`((?:GET|POST|PATCH|PUT|DELETE)(?:`/`(?:GET|POST|PATCH|PUT|DELETE))*) (/api/[^`?]+)");

  private JsonNode doc;

  @BeforeEach
  void description() {
    HttpApi.Response r = api.get("/v3/api-docs", null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    doc = r.json();
  }

  @Test
  void everyReadmeEndpointHasItsRequestAndResponseSchemas() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Endpoint> endpoints = readmeEndpoints();
    assertThat(endpoints)
        .as("endpoints found in the README's REST API table")
        .hasSizeGreaterThan(20);
    for (Endpoint e : endpoints) {
      JsonNode op = operation(e);
      if (op == null) {
        problems.add(e + ": not in the description");
        continue;
      }
      if (e.takesBody()
          && !resolves(
              op.path("requestBody").path("content").path("application/json").path("schema"))) {
        problems.add(e + ": no request body schema");
      }
      boolean described = false;
      for (var response : op.path("responses").properties()) {
        String code = response.getKey();
        JsonNode schema =
            response.getValue().path("content").path("application/json").path("schema");
        if (code.startsWith("2") && !code.equals("204") && !code.equals("205")) {
          described = true;
          if (!resolves(schema)) {
            problems.add(e + ": response " + code + " has no schema");
          }
        } else if (code.startsWith("2")) {
          described = true;
        } else if (!resolves(schema)) {
          problems.add(e + ": error " + code + " has no schema");
        }
      }
      if (!described) {
        problems.add(e + ": no success response");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void onlySigningInIsPublicAndEveryOtherOperationNeedsTheBearerToken() {
    assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asString())
        .isEqualTo("bearer");
    assertThat(doc.at("/security/0").has("bearerAuth")).isTrue();
    Set<String> publicOps = new TreeSet<>();
    for (var path : doc.path("paths").properties()) {
      for (var op : path.getValue().properties()) {
        JsonNode security = op.getValue().path("security");
        if (security.isArray() && security.isEmpty()) {
          publicOps.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        } else {
          assertThat(op.getValue().at("/responses/401").isMissingNode())
              .as("401 of %s %s", op.getKey(), path.getKey())
              .isFalse();
        }
      }
    }
    assertThat(publicOps)
        .containsExactly(
            "POST /api/auth/login/",
            "POST /api/auth/logout/",
            "POST /api/auth/register/",
            "POST /api/auth/token/refresh/");
  }

  @Test
  void theSchemasNameTheKeysTheApiReallySends() {
    JsonNode registered = register();
    String token = registered.path("access").asString();
    assertKeys("AuthResponse", registered);
    assertKeys("User", registered.path("user"));
    String jobId = createJob(token, "A recipe planner").path("id").asString();
    JsonNode detail = api.get("/api/jobs/" + jobId + "/", token).json();
    assertKeys("JobDetail", detail);
    assertKeys("Message", detail.path("messages").get(0));
    assertKeys("Usage", detail.path("usage"));
    assertKeys("Job", api.get("/api/jobs/", token).json().get(0));
    JsonNode events = api.get("/api/jobs/" + jobId + "/events/", token).json();
    assertThat(events.isEmpty()).isFalse();
    for (JsonNode event : events) {
      String kind = event.path("kind").asString();
      String schema =
          doc.at("/components/schemas/JobEvent/discriminator/mapping/" + kind).asString();
      assertThat(schema).as("event kind %s", kind).isNotEmpty();
      assertKeys(schema.substring(schema.lastIndexOf('/') + 1), event);
    }
    assertKeys("PauseResult", api.post("/api/jobs/" + jobId + "/pause/", Map.of(), token).json());
    assertKeys("ErrorDetail", api.get("/api/jobs/" + jobId + "/events/?after=x", null).json());
    JsonNode invalid = api.get("/api/jobs/" + jobId + "/events/?after=x", token).json();
    assertThat(invalid.path("after").isArray()).as("a field error: %s", invalid).isTrue();
    assertThat(
            doc.at(
                    "/paths/~1api~1jobs~1{id}~1events~1/get/responses/400/content/application~1json"
                        + "/schema/$ref")
                .asString())
        .endsWith("/FieldErrors");
  }

  /**
   * {@code clients/openapi.json} is what the TypeScript client's types are checked against; {@code
   * -Dideaforge.writeOpenApi=true} rewrites it after a deliberate change to the API.
   */
  @Test
  void theCommittedDescriptionIsCurrent() throws IOException {
    String current = JSON.writeValueAsString(doc).replace("\r\n", "\n") + "\n";
    if (Boolean.getBoolean("ideaforge.writeOpenApi")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, current, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as(
            "clients/openapi.json is out of date: run the api-server tests with -Dideaforge.writeOpenApi=true")
        .isEqualTo(current);
  }

  private void assertKeys(String schemaName, JsonNode actual) {
    JsonNode schema = doc.path("components").path("schemas").path(schemaName);
    Set<String> documented = new HashSet<>();
    schema.path("properties").propertyNames().forEach(documented::add);
    Set<String> sent = new HashSet<>();
    actual.propertyNames().forEach(sent::add);
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(n -> required.add(n.asString()));
    assertThat(documented).as("documented keys of %s", schemaName).isNotEmpty().containsAll(sent);
    assertThat(sent).as("keys sent for %s", schemaName).containsAll(required);
  }

  /**
   * Whether a schema is there: a reference to an existing component, an array of one, or inline.
   */
  private boolean resolves(JsonNode schema) {
    if (schema.isMissingNode() || schema.isEmpty()) {
      return false;
    }
    if (schema.has("$ref")) {
      String ref = schema.path("$ref").asString();
      JsonNode target = doc.at(ref.substring(1));
      return !target.isMissingNode() && !target.isEmpty();
    }
    if (schema.has("items")) {
      return resolves(schema.path("items"));
    }
    if (schema.has("oneOf")) {
      for (JsonNode option : schema.path("oneOf")) {
        if (!resolves(option)) {
          return false;
        }
      }
      return true;
    }
    return schema.has("type");
  }

  private JsonNode operation(Endpoint e) {
    for (var path : doc.path("paths").properties()) {
      if (shape(path.getKey()).equals(shape(e.path()))) {
        JsonNode op = path.getValue().path(e.method().toLowerCase(Locale.ROOT));
        return op.isMissingNode() ? null : op;
      }
    }
    return null;
  }

  /** A path with its variables blanked: {@code /api/jobs/<id>/} and {@code /api/jobs/{id}/}. */
  private static String shape(String path) {
    return path.replaceAll("<[^>]+>|\\{[^}]+}", "{}");
  }

  private static List<Endpoint> readmeEndpoints() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String table =
        readme.substring(readme.indexOf("## REST API"), readme.indexOf("## WebSocket protocol"));
    List<Endpoint> endpoints = new ArrayList<>();
    for (String line : table.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      String description = cells.length > 2 ? cells[2].strip() : "";
      Matcher m = ENDPOINT.matcher(cells[1]);
      while (m.find()) {
        for (String method : m.group(1).split("`/`")) {
          // A body is documented as the description's leading {...}.
          boolean body =
              (method.equals("POST") || method.equals("PATCH")) && description.startsWith("`{");
          endpoints.add(new Endpoint(method, m.group(2).strip(), body));
        }
      }
    }
    return endpoints;
  }

  private record Endpoint(String method, String path, boolean takesBody) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }
}
