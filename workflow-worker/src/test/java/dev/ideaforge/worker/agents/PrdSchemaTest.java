package dev.ideaforge.worker.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.ideaforge.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one PRD schema: the committed {@code docs/prd.schema.json} is what the OpenAI SDK derives
 * from {@link PrdSchema} (and sends as the Secretary's structured-output format), and every PRD the
 * worker stores, first versions and revisions, structured or parsed leniently, validates against
 * it. Rewrite the file with {@code -Dideaforge.writePrdSchema=true} after changing the record.
 */
class PrdSchemaTest {

  static final Path FILE = Path.of("..", "docs", "prd.schema.json");

  /** The JSON Schema the SDK sends for {@code responseFormat(PrdSchema.class)}. */
  static JsonNode generated() throws IOException {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("any")
            .addUserMessage("x")
            .responseFormat(PrdSchema.class)
            .build()
            .rawParams();
    ResponseFormatJsonSchema.JsonSchema format =
        params.responseFormat().orElseThrow().asJsonSchema().jsonSchema();
    assertThat(format.strict()).contains(true);
    return Json.parse(ObjectMappers.jsonMapper().writeValueAsString(format)).path("schema");
  }

  @Test
  void theDocumentedSchemaIsTheOneSentToModels() throws IOException {
    JsonNode schema = generated();
    if (Boolean.getBoolean("ideaforge.writePrdSchema")) {
      Files.writeString(FILE, schema.toPrettyString() + "\n");
    }
    // The SDK checked it against OpenAI's rules for strict structured outputs while building it.
    assertThat(Json.parse(Files.readString(FILE))).isEqualTo(schema);
  }

  @Test
  void firstVersionsAndRevisionsOfTheScriptedSecretaryValidate() throws IOException {
    JsonNode schema = Json.parse(Files.readString(FILE));
    String instruction =
        "Requirements summary:\nIdea: A plant diary\nProblem: Plants die\n"
            + "Core features: watering reminders, a plant diary, sharing\n\nDiscussion:\n(none)";
    ObjectNode first = PrdDocument.parse(ScriptedExecutives.writePrd(instruction)).orElseThrow();
    assertThat(violations(schema, first, schema)).isEmpty();

    String revision =
        "Requirements summary:\nIdea: A plant diary\n\nDiscussion of the change:\n(none)\n\n"
            + "Change request from the client:\nAdd a dark mode\n\n"
            + "Current PRD (version 1, JSON):\n"
            + Json.write(first)
            + "\n\nWrite the next version of the PRD JSON now.";
    ObjectNode second = PrdDocument.parse(ScriptedExecutives.writePrd(revision)).orElseThrow();
    assertThat(violations(schema, second, schema)).isEmpty();
    assertThat(Json.write(second)).contains("Change request (version 2): Add a dark mode");
  }

  @Test
  void aLenientlyParsedAnswerIsNormalisedToTheSchema() throws IOException {
    JsonNode schema = Json.parse(Files.readString(FILE));
    String chatty =
        "Here you go:\n```json\n{\"name\": \"Plants\", \"version\": 3, \"target_users\":"
            + " \"gardeners\", \"user_stories\": [\"Water my plants on time\"],"
            + " \"functional_requirements\": [\"Reminders\", {\"id\": \"FR-2\", \"description\":"
            + " \"Diary\", \"priority\": \"must\", \"owner\": \"me\"}], \"mvp_scope\": {\"in\":"
            + " [\"Reminders\"]}}\n```\nAnything else?";
    ObjectNode prd = PrdDocument.parse(chatty).orElseThrow();

    assertThat(violations(schema, prd, schema)).isEmpty();
    assertThat(prd.has("version")).isFalse();
    assertThat(prd.path("target_users").get(0).asString()).isEqualTo("gardeners");
    assertThat(prd.path("user_stories").get(0).path("i_want").asString())
        .isEqualTo("Water my plants on time");
    assertThat(prd.path("functional_requirements").get(1).has("owner")).isFalse();
    assertThat(prd.path("mvp_scope").path("out").isArray()).isTrue();
    assertThat(PrdDocument.toMarkdown(prd)).contains("Water my plants on time");
  }

  /** What in {@code value} breaks {@code schema} (the subset of JSON Schema the SDK emits). */
  static List<String> violations(JsonNode schema, JsonNode value, JsonNode root) {
    List<String> problems = new ArrayList<>();
    check(schema, value, root, "$", problems);
    return problems;
  }

  private static void check(
      JsonNode schema, JsonNode value, JsonNode root, String at, List<String> problems) {
    if (schema.has("$ref")) {
      String ref = schema.path("$ref").asString();
      JsonNode target = root;
      for (String part : ref.substring(2).split("/")) {
        target = target.path(part);
      }
      check(target, value, root, at, problems);
      return;
    }
    if (schema.has("anyOf")) {
      for (JsonNode option : schema.path("anyOf")) {
        if (violations(option, value, root).isEmpty()) {
          return;
        }
      }
      problems.add(at + " matches none of anyOf");
      return;
    }
    String type = schema.path("type").asString("");
    boolean ok =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isString();
          case "integer" -> value.isIntegralNumber();
          case "number" -> value.isNumber();
          case "boolean" -> value.isBoolean();
          default -> true;
        };
    if (!ok) {
      problems.add(at + " is not " + type);
      return;
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asString())) {
          problems.add(at + " lacks " + required.asString());
        }
      }
      JsonNode properties = schema.path("properties");
      Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (properties.has(field.getKey())) {
          check(
              properties.path(field.getKey()),
              field.getValue(),
              root,
              at + "." + field.getKey(),
              problems);
        } else if (schema.path("additionalProperties").isBoolean()
            && !schema.path("additionalProperties").asBoolean()) {
          problems.add(at + " has unexpected " + field.getKey());
        }
      }
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.path("items"), value.get(i), root, at + "[" + i + "]", problems);
      }
    }
  }
}
