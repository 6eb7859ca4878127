package dev.ideaforge.api.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error answered in Django REST framework's shape: {@code {"detail": "..."}}, or per-field
 * {@code {"field": ["message"]}} when {@link #fieldErrors} is set.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final Map<String, ? extends Object> fieldErrors;
  private final Duration retryAfter;

  public ApiException(HttpStatus status, String detail) {
    this(status, detail, null);
  }

  private ApiException(HttpStatus status, String detail, Duration retryAfter) {
    super(detail);
    this.status = status;
    this.fieldErrors = null;
    this.retryAfter = retryAfter;
  }

  private ApiException(HttpStatus status, Map<String, ? extends Object> fieldErrors) {
    super("Invalid input: " + fieldErrors.keySet());
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.retryAfter = null;
  }

  /** 429: a limit was reached; {@code Retry-After} says when the client may try again. */
  public static ApiException tooManyRequests(String detail, Duration retryAfter) {
    return new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail, retryAfter);
  }

  /** 503 with {@code Retry-After}: busy right now, not the client's fault. */
  public static ApiException busy(String detail, Duration retryAfter) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfter);
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

  /** Whole seconds until a retry may succeed (at least 1), or null when not applicable. */
  public Long retryAfterSeconds() {
    if (retryAfter == null) {
      return null;
    }
    long millis = retryAfter.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  public Object body() {
    return fieldErrors != null ? fieldErrors : Map.of("detail", getMessage());
  }
}
