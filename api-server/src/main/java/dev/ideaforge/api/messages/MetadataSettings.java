package dev.ideaforge.api.messages;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Caps on the client {@code metadata} object of {@code POST /api/job-messages/}: it is stored and
 * served back (job detail, events, socket replays), so its size is bounded well below the body
 * limit. Environment variables may be set empty (as docker compose does), which means the default.
 *
 * @param maxBytes the largest metadata object, as compact JSON in UTF-8 ({@code
 *     MESSAGE_METADATA_MAX_BYTES})
 * @param maxDepth the deepest nesting of objects and arrays, the metadata object itself being level
 *     1 ({@code MESSAGE_METADATA_MAX_DEPTH})
 */
@ConfigurationProperties("ideaforge.messages.metadata")
public record MetadataSettings(DataSize maxBytes, Integer maxDepth) {

  static final DataSize DEFAULT_MAX_BYTES = DataSize.ofBytes(16 * 1024);
  static final int DEFAULT_MAX_DEPTH = 10;

  public MetadataSettings {
    if (maxBytes == null) {
      maxBytes = DEFAULT_MAX_BYTES;
    }
    if (maxDepth == null) {
      maxDepth = DEFAULT_MAX_DEPTH;
    }
    if (maxBytes.toBytes() <= 0 || maxDepth <= 0) {
      throw new IllegalArgumentException("ideaforge.messages.metadata limits must be positive");
    }
  }
}
