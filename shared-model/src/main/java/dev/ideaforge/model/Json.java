package dev.ideaforge.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers for the jsonb columns, which the entities keep as text. */
public final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static JsonNode parse(String json) {
    return json == null || json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
  }

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
