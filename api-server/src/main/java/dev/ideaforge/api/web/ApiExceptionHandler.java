package dev.ideaforge.api.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error leaves the API as JSON in DRF's shapes, never as an HTML page or a stack trace.
 * (Authentication errors are written by the security filter chain, which this never sees.)
 */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
    }
    return response.body(e.body());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
    BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
    if (tooLarge != null) {
      // A chunked body passed its limit while the JSON reader was reading it.
      return detail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
    }
    return detail(HttpStatus.BAD_REQUEST, "JSON parse error: the request body is not valid JSON.");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Object> noRoute(NoResourceFoundException e) {
    return detail(HttpStatus.NOT_FOUND, "Not found.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
    return detail(HttpStatus.METHOD_NOT_ALLOWED, "Method \"" + e.getMethod() + "\" not allowed.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
    return detail(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Unsupported media type \"" + e.getContentType() + "\" in request; send application/json.");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Object> missingParam(MissingServletRequestParameterException e) {
    return ResponseEntity.badRequest()
        .body(Map.of(e.getParameterName(), java.util.List.of(RequestFields.REQUIRED)));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
    // A malformed id in the path names nothing that exists.
    return detail(HttpStatus.NOT_FOUND, "Not found.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
    if (tooLarge != null) {
      return detail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
    }
    if (DatabaseFailures.isUnavailable(e)) {
      // The database is down or went away: a clear 503 the client can retry, not a 500.
      log.warn("Database unavailable: {}", e.getMessage());
      return detail(
          HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable; please retry.");
    }
    log.error("Unhandled error", e);
    return detail(HttpStatus.INTERNAL_SERVER_ERROR, "A server error occurred.");
  }

  static ResponseEntity<Object> detail(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(Map.of("detail", detail));
  }
}
