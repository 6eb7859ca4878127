package dev.ideaforge.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on HTTP requests.
 *
 * @param maxBodyBytes the largest request body accepted ({@code HTTP_MAX_BODY_BYTES}, bytes or a
 *     size such as {@code 2MB}); larger bodies are refused with 413 before they are parsed. The
 *     environment variable may be set empty (as docker compose does), which means the default.
 */
@ConfigurationProperties("ideaforge.http")
public record HttpSettings(DataSize maxBodyBytes) {

  static final DataSize DEFAULT_MAX_BODY = DataSize.ofBytes(1024 * 1024);

  public HttpSettings {
    if (maxBodyBytes == null) {
      maxBodyBytes = DEFAULT_MAX_BODY;
    }
    if (maxBodyBytes.toBytes() <= 0) {
      throw new IllegalArgumentException("ideaforge.http.max-body-bytes must be positive");
    }
  }
}
