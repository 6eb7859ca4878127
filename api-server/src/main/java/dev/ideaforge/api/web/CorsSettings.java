package dev.ideaforge.api.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the API and open sockets ({@code CORS_ALLOWED_ORIGINS}, comma
 * separated, exact matches such as {@code http://localhost:5173}). Empty means none.
 */
@ConfigurationProperties("ideaforge.cors")
public record CorsSettings(@DefaultValue List<String> allowedOrigins) {

  public boolean allows(String origin) {
    return origin != null && allowedOrigins.contains(origin);
  }
}
