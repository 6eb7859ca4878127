package dev.ideaforge.api.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ideaforge.model.events.AppEvent;
import dev.ideaforge.model.events.ChatEvent;
import dev.ideaforge.model.events.StatusEvent;
import dev.ideaforge.model.events.StepEvent;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.MessageRole;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description ({@code /v3/api-docs}): enough to write a client from it alone. Request
 * and response bodies come from the records the controllers name; this adds what they cannot say:
 * the bearer scheme, the error shapes every operation can answer, and the job events (the JSON a
 * socket sends and {@code /events/} returns), which are the shared model's records plus {@code
 * kind} and {@code seq}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  static final String BEARER = "bearerAuth";
  static final String ERROR_DETAIL = "ErrorDetail";
  static final String FIELD_ERRORS = "FieldErrors";
  static final String JOB_EVENT = "JobEvent";

  private static final String SCHEMAS = "#/components/schemas/";

  static {
    // The API's JSON values (spec, metadata) are Jackson 3 trees, which the resolver would take
    // apart as beans.
    SpringDocUtils.getConfig()
        .replaceWithSchema(tools.jackson.databind.JsonNode.class, anyObject());
  }

  /** A JSON value of the API's ({@code spec}, {@code metadata}): an object with any keys. */
  private static Schema<?> anyObject() {
    return new ObjectSchema().additionalProperties(true).description("Any JSON object");
  }

  @Bean
  OpenAPI ideaforgeOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Ideaforge API")
                .version("1")
                .description(
                    "Turns an app idea into a reviewed product spec. Every path ends in `/`;"
                        + " another user's object is 404. Live events: `ws(s)://<host>/ws/jobs/"
                        + "<job_id>/?after=<seq>` sends the `JobEvent` objects described here"
                        + " (see the README's WebSocket protocol)."))
        // Relative, so the description is the same wherever the server runs.
        .servers(List.of(new Server().url("/").description("This server")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("The access token of register, login or refresh")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /** Bodies are snake_case, as the API's JSON mapper writes them (springdoc does not ask it). */
  @Bean
  ModelResolver snakeCaseModelResolver() {
    return new ModelResolver(
            Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
        .openapi31(true);
  }

  @Bean
  OpenApiCustomizer errorsAndEvents() {
    return openApi -> {
      Components components = openApi.getComponents();
      components.addSchemas(ERROR_DETAIL, errorDetail());
      components.addSchemas(FIELD_ERRORS, fieldErrors());
      eventSchemas().forEach(components::addSchemas);
      components.getSchemas().forEach(OpenApiConfig::enumerate);
      openApi
          .getPaths()
          .forEach(
              (path, item) -> item.readOperationsMap().values().forEach(op -> addErrors(path, op)));
      // Every record component is always written (nulls included), so every property is required.
      components
          .getSchemas()
          .forEach(
              (name, s) -> {
                if (s.getProperties() != null
                    && s.getRequired() == null
                    && !name.endsWith("Request")) {
                  s.setRequired(new ArrayList<>(s.getProperties().keySet()));
                }
              });
      components.setSchemas(new TreeMap<>(components.getSchemas()));
    };
  }

  /**
   * A job's {@code status} and a message's {@code role} are the model's enums wherever they appear
   * (jobs, events, pause results).
   */
  @SuppressWarnings("unchecked") // a string schema's enum holds the strings it is given
  private static void enumerate(String name, Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    schema
        .getProperties()
        .forEach(
            (property, value) -> {
              if (property.equals("status") && isString(value)) {
                ((Schema<Object>) value)
                    .setEnum(
                        Arrays.stream(JobStatus.values()).map(s -> (Object) s.value()).toList());
              } else if (property.equals("role") && isString(value)) {
                ((Schema<Object>) value)
                    .setEnum(
                        Arrays.stream(MessageRole.values()).map(r -> (Object) r.value()).toList());
              }
            });
  }

  private static boolean isString(Schema<?> schema) {
    return "string".equals(schema.getType())
        || (schema.getTypes() != null && schema.getTypes().contains("string"));
  }

  /** The answers every operation of its kind can give, unless it documents them itself. */
  private static void addErrors(String path, Operation op) {
    ApiResponses responses = op.getResponses();
    // An error an operation documents itself says only its code and why: its body is ErrorDetail
    // unless it names another error shape (springdoc would give it the method's return type).
    responses.forEach(
        (code, response) -> {
          if (code.matches("[45]\\d\\d") && !namesAnErrorShape(response)) {
            response.setContent(json(ref(ERROR_DETAIL)));
          }
        });
    boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
    if (op.getRequestBody() != null) {
      putIfAbsent(
          responses,
          "400",
          "Invalid input: each invalid field with its messages, or a detail",
          new Schema<>()
              .oneOf(List.of(ref(FIELD_ERRORS), ref(ERROR_DETAIL)))
              .description("FieldErrors or ErrorDetail"));
      putIfAbsent(
          responses, "413", "Request body too large (HTTP_MAX_BODY_BYTES)", ref(ERROR_DETAIL));
    }
    if (path.contains("{")) {
      putIfAbsent(responses, "404", "No such object, or not yours", ref(ERROR_DETAIL));
    }
    if (secured) {
      putIfAbsent(
          responses,
          "401",
          "No, invalid, expired or revoked access token (`code`: `token_not_valid`)",
          ref(ERROR_DETAIL));
      putIfAbsent(
          responses,
          "503",
          "Tokens cannot be checked right now (Redis is away); retry after `Retry-After`",
          ref(ERROR_DETAIL));
    }
  }

  private static void putIfAbsent(
      ApiResponses responses, String code, String description, Schema<?> schema) {
    if (!responses.containsKey(code)) {
      responses.addApiResponse(
          code, new ApiResponse().description(description).content(json(schema)));
    }
  }

  private static boolean namesAnErrorShape(ApiResponse response) {
    MediaType json =
        response.getContent() == null
            ? null
            : response.getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
    Schema<?> schema = json == null ? null : json.getSchema();
    return schema != null
        && (schema.getOneOf() != null
            || (SCHEMAS + ERROR_DETAIL).equals(schema.get$ref())
            || (SCHEMAS + FIELD_ERRORS).equals(schema.get$ref()));
  }

  private static Content json(Schema<?> schema) {
    return new Content()
        .addMediaType(
            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
            new MediaType().schema(schema));
  }

  private static Schema<?> ref(String name) {
    return new Schema<>().$ref(SCHEMAS + name);
  }

  private static Schema<?> errorDetail() {
    return new ObjectSchema()
        .addProperty("detail", new StringSchema().description("What went wrong, in plain words"))
        .addProperty(
            "code",
            new StringSchema().description("`token_not_valid` on a 401 for a token, else absent"))
        .required(List.of("detail"))
        .description("DRF's message-only error: `{\"detail\": \"...\"}`");
  }

  private static Schema<?> fieldErrors() {
    return new ObjectSchema()
        .additionalProperties(new ArraySchema().items(new StringSchema()))
        .description(
            "DRF's validation error: each invalid field (snake_case) with its messages, e.g."
                + " `{\"prompt\": [\"This field is required.\"]}`");
  }

  /**
   * The events, resolved from the shared model's records with the event log's own (camelCase)
   * naming, plus {@code kind} and {@code seq}; the tombstone and the socket-only error have no
   * record.
   */
  private static Map<String, Schema> eventSchemas() {
    ModelConverters camelCase = new ModelConverters();
    Map<String, Schema> events = new LinkedHashMap<>();
    events.put("ChatEvent", stored(camelCase, ChatEvent.class, "chat"));
    Schema<?> status = stored(camelCase, StatusEvent.class, "status");
    // Events stored before the flag existed have none.
    status.getRequired().remove("paused");
    status
        .getProperties()
        .get("paused")
        .description("The job's pause flag after this change; absent on events stored before it");
    events.put("StatusEvent", status);
    events.put("StepEvent", stored(camelCase, StepEvent.class, "step"));
    events.put("AppEvent", stored(camelCase, AppEvent.class, "app"));
    events.put(
        "MessageDeletedEvent",
        withKindAndSeq(
                new ObjectSchema()
                    .addProperty("id", new StringSchema().format("uuid"))
                    .addProperty("jobId", new StringSchema().format("uuid"))
                    .addProperty(
                        "timestamp",
                        new StringSchema()
                            .format("date-time")
                            .description("Of the original message")),
                "message_deleted")
            .description(
                "The tombstone of a deleted message, in its `chat` event's place (same seq);"
                    + " never sent live"));
    Schema<?> error =
        new ObjectSchema()
            .addProperty("kind", new StringSchema()._enum(List.of("error")))
            .addProperty("message", new StringSchema())
            .description("Socket only, not stored: why a frame the client sent was refused");
    error.setRequired(List.of("kind", "message"));
    events.put("ErrorEvent", error);
    Discriminator byKind = new Discriminator().propertyName("kind");
    List<Schema> stored = new ArrayList<>();
    Map.of(
            "chat", "ChatEvent",
            "status", "StatusEvent",
            "step", "StepEvent",
            "app", "AppEvent",
            "message_deleted", "MessageDeletedEvent")
        .entrySet()
        .stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e -> {
              byKind.mapping(e.getKey(), SCHEMAS + e.getValue());
              stored.add(ref(e.getValue()));
            });
    events.put(
        JOB_EVENT,
        new Schema<>()
            .oneOf(stored)
            .discriminator(byKind)
            .description(
                "A stored job event, as a socket sends it and `/events/` returns it: `seq` is"
                    + " per job, from 1, without gaps"));
    return events;
  }

  private static Schema<?> stored(ModelConverters converters, Class<?> record, String kind) {
    Schema<?> schema = converters.read(record).get(record.getSimpleName());
    Map<String, Schema> properties = new LinkedHashMap<>();
    schema
        .getProperties()
        .forEach(
            (name, property) ->
                properties.put(
                    name,
                    // JSON values of the API's own mapper, which the resolver would take apart.
                    name.equals("metadata") || name.equals("spec") ? anyObject() : property));
    ObjectSchema copy = new ObjectSchema();
    copy.setProperties(properties);
    return withKindAndSeq(copy, kind);
  }

  private static Schema<?> withKindAndSeq(Schema<?> schema, String kind) {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("kind", new StringSchema()._enum(List.of(kind)));
    properties.put("seq", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ONE));
    properties.putAll(schema.getProperties());
    schema.setProperties(properties);
    schema.setRequired(new ArrayList<>(properties.keySet()));
    return schema;
  }
}
