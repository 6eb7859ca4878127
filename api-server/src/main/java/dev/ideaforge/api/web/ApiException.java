package dev.ideaforge.api.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error answered in Django REST framework's shape: {@code {"detail": "..."}}, or per-field
 * {@code {"field": ["message"]}} when {@link #fieldErrors} is set.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final Map<String, ? extends Object> fieldErrors;

  public ApiException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
    this.fieldErrors = null;
  }

  private ApiException(HttpStatus status, Map<String, ? extends Object> fieldErrors) {
    super("Invalid input: " + fieldErrors.keySet());
    this.status = status;
    this.fieldErrors = fieldErrors;
  }

  public static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found.");
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, detail);
  }

  public static ApiException unavailable(String detail) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail);
  }

  /** 400 with {@code {"field": ["message", ...]}}. */
  public static ApiException invalid(Map<String, ? extends Object> fieldErrors) {
    return new ApiException(HttpStatus.BAD_REQUEST, fieldErrors);
  }

  public HttpStatus status() {
    return status;
  }

  public Object body() {
    return fieldErrors != null ? fieldErrors : Map.of("detail", getMessage());
  }
}
