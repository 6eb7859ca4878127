package dev.ideaforge.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that never reach a controller (e.g. raised by the servlet container) are rendered by
 * Boot's {@code /error} endpoint; this makes that body DRF's {@code {"detail": "..."}} too.
 */
@Component
class JsonErrorAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> defaults = super.getErrorAttributes(request, options);
    Object code = defaults.get("status");
    int status = code instanceof Integer i ? i : 500;
    String detail =
        switch (status) {
          case 404 -> "Not found.";
          case 405 -> "Method not allowed.";
          case 413 -> "Request body too large.";
          default -> {
            HttpStatus resolved = HttpStatus.resolve(status);
            yield resolved != null && status < 500
                ? resolved.getReasonPhrase() + "."
                : "A server error occurred.";
          }
        };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("detail", detail);
    return body;
  }
}
