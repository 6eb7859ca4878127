package dev.ideaforge.api.web;

import dev.ideaforge.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates a JSON request body field by field, collecting every problem before
 * answering, the way DRF serializers do: {@code {"email": ["Enter a valid email address."],
 * "password": ["This field is required."]}}.
 */
public final class RequestFields {

  public static final String REQUIRED = "This field is required.";
  public static final String BLANK = "This field may not be blank.";
  public static final String NOT_A_STRING = "Not a valid string.";
  public static final String NULL_CHARACTER = "Null characters are not allowed.";
  public static final String LONE_SURROGATE = "Unpaired surrogate characters are not allowed.";

  private final JsonNode body;
  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  private RequestFields(JsonNode body) {
    this.body = body;
  }

  /** Wraps a body; anything but a JSON object is rejected at once. */
  public static RequestFields of(JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      throw ApiException.invalid(Map.of("non_field_errors", List.of("No data provided.")));
    }
    if (!body.isObject()) {
      throw ApiException.invalid(
          Map.of(
              "non_field_errors",
              List.of(
                  "Invalid data. Expected a dictionary, but got "
                      + (body.isArray()
                          ? "list"
                          : body.getNodeType().name().toLowerCase(Locale.ROOT))
                      + ".")));
    }
    return new RequestFields(body);
  }

  public boolean has(String field) {
    JsonNode v = body.get(field);
    return v != null && !v.isNull();
  }

  /** A required string, trimmed; blank and over-long values are errors. */
  public String requiredString(String field, int maxLength) {
    String value = optionalString(field, maxLength);
    if (value == null && !errors.containsKey(field)) {
      error(field, REQUIRED);
    }
    return value;
  }

  /**
   * An optional string, trimmed; {@code null} when absent. Present but blank is an error, as is a
   * value longer than {@code maxLength} characters.
   */
  public String optionalString(String field, int maxLength) {
    return optionalString(field, maxLength, true);
  }

  /** As {@link #optionalString(String, int)}, optionally keeping surrounding whitespace. */
  public String optionalString(String field, int maxLength, boolean trim) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      error(field, NOT_A_STRING);
      return null;
    }
    if (invalidText(field, v.asString())) {
      return null;
    }
    String s = trim ? v.asString().strip() : v.asString();
    if (s.isBlank()) {
      error(field, BLANK);
      return null;
    }
    if (s.codePointCount(0, s.length()) > maxLength) {
      error(field, "Ensure this field has no more than " + maxLength + " characters.");
      return null;
    }
    return s;
  }

  /** An optional string that may be empty (e.g. a display name). */
  public String optionalText(String field, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      error(field, NOT_A_STRING);
      return null;
    }
    if (invalidText(field, v.asString())) {
      return null;
    }
    String s = v.asString().strip();
    if (s.length() > maxLength) {
      error(field, "Ensure this field has no more than " + maxLength + " characters.");
      return null;
    }
    return s;
  }

  /**
   * An optional whole number in {@code [min, max]}; {@code null} when absent. Anything else (a
   * fraction, a string, a number out of range) is an error in DRF's words.
   */
  public Long optionalLong(String field, long min, long max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      error(field, "A valid integer is required.");
      return null;
    }
    long value = v.asLong();
    if (value < min) {
      error(field, "Ensure this value is greater than or equal to " + min + ".");
      return null;
    }
    if (value > max) {
      error(field, "Ensure this value is less than or equal to " + max + ".");
      return null;
    }
    return value;
  }

  /** An optional JSON object; {@code null} when absent. */
  public JsonNode optionalObject(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      error(field, "Expected a JSON object.");
      return null;
    }
    return v;
  }

  /**
   * An optional JSON object bounded in nesting ({@code maxDepth} levels, the object itself being
   * the first), in text (no key or string anywhere that {@link #invalidText(String)} refuses) and
   * in size ({@code maxBytes} of compact UTF-8 JSON); {@code null} when absent.
   */
  public JsonNode optionalObject(String field, long maxBytes, int maxDepth) {
    JsonNode v = optionalObject(field);
    if (v == null) {
      return null;
    }
    if (deeperThan(v, maxDepth)) {
      error(field, "Ensure this object is nested no more than " + maxDepth + " levels deep.");
      return null;
    }
    String problem = invalidTextIn(v);
    if (problem != null) {
      error(field, problem);
      return null;
    }
    if (Json.write(v).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      error(field, "Ensure this object has no more than " + maxBytes + " bytes of JSON.");
      return null;
    }
    return v;
  }

  /**
   * Why {@code text} cannot be accepted, or {@code null}: PostgreSQL refuses a NUL in text (the
   * insert fails), and an unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as "?").
   */
  public static String invalidText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return NULL_CHARACTER;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return LONE_SURROGATE;
      }
    }
    return null;
  }

  private boolean invalidText(String field, String text) {
    String problem = invalidText(text);
    if (problem != null) {
      error(field, problem);
    }
    return problem != null;
  }

  /** The first text problem in any key or string value of {@code node}, at any depth. */
  private static String invalidTextIn(JsonNode node) {
    if (node.isString()) {
      return invalidText(node.asString());
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String problem = invalidText(property.getKey());
        if (problem == null) {
          problem = invalidTextIn(property.getValue());
        }
        if (problem != null) {
          return problem;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String problem = invalidTextIn(element);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  /** Whether {@code node} nests objects or arrays more than {@code levels} deep. */
  private static boolean deeperThan(JsonNode node, int levels) {
    if (!node.isContainer()) {
      return false;
    }
    if (levels == 0) {
      return true;
    }
    for (JsonNode child : node) {
      if (deeperThan(child, levels - 1)) {
        return true;
      }
    }
    return false;
  }

  /** Records {@code message} on {@code field} unless {@code value} is null or passes. */
  public <T> void check(String field, T value, Predicate<T> ok, String message) {
    if (value != null && !ok.test(value)) {
      error(field, message);
    }
  }

  public void error(String field, String message) {
    errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
  }

  public boolean hasErrors(String field) {
    return errors.containsKey(field);
  }

  /** Throws a 400 with every collected field error, if any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
