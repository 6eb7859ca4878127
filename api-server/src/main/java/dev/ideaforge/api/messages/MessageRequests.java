package dev.ideaforge.api.messages;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;
import java.util.UUID;

/**
 * The request body of {@code POST /api/job-messages/}, for the OpenAPI description. {@link
 * JobMessageService} reads the raw JSON itself, so that every invalid field gets its own DRF-style
 * message.
 */
final class MessageRequests {

  private MessageRequests() {}

  @Schema(name = "CreateMessageRequest")
  record Create(
      @Schema(requiredMode = RequiredMode.REQUIRED) UUID jobId,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              allowableValues = {"user", "agent", "system"},
              description = "agent and system only with ALLOW_NON_USER_MESSAGES=true (else 403)")
          String role,
      @Schema(
              description =
                  "Ignored for user messages (the sender is the signed-in user); default: the role")
          String sender,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description = "1 to CHAT_MAX_CONTENT_LENGTH characters (10000 by default)")
          String content,
      @Schema(
              description =
                  "The client's own JSON object, stored and returned as given (at most"
                      + " MESSAGE_METADATA_MAX_BYTES of JSON, MESSAGE_METADATA_MAX_DEPTH levels)")
          Map<String, Object> metadata) {}
}
