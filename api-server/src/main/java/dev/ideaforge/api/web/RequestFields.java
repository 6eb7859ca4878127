package dev.ideaforge.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
                      + (body.isArray() ? "list" : body.getNodeType().name().toLowerCase())
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
    String s = v.asString().strip();
    if (s.length() > maxLength) {
      error(field, "Ensure this field has no more than " + maxLength + " characters.");
      return null;
    }
    return s;
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
