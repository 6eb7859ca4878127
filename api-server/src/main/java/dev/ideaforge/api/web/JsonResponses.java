package dev.ideaforge.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@code {"detail": ...}} body from places outside Spring MVC (security filters). */
public final class JsonResponses {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonResponses() {}

  public static void writeDetail(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(Map.of("detail", detail)));
  }
}
