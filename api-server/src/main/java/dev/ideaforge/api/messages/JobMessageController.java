package dev.ideaforge.api.messages;

import dev.ideaforge.api.auth.AuthUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The transcript over REST, for reloading history; live chat goes over the WebSocket. */
@Tag(name = "messages")
@RestController
@RequestMapping("/api/job-messages")
class JobMessageController {

  private final JobMessageService messages;

  JobMessageController(JobMessageService messages) {
    this.messages = messages;
  }

  @Operation(operationId = "listMessages", summary = "The job's messages, oldest first")
  @GetMapping("/")
  List<MessageJson> list(
      @AuthenticationPrincipal AuthUser user,
      @io.swagger.v3.oas.annotations.Parameter(
              required = true,
              schema = @Schema(type = "string", format = "uuid"),
              description = "The job (required; a missing or invalid one is a 400 on job_id)")
          @RequestParam(name = "job_id", required = false)
          String jobId) {
    return messages.list(user, jobId);
  }

  @Operation(
      operationId = "createMessage",
      summary =
          "Post a message: a user message is an answer or a comment for the next executive turn")
  @ApiResponse(
      responseCode = "201",
      description = "The stored message",
      content = @Content(schema = @Schema(implementation = MessageJson.class)))
  @ApiResponse(
      responseCode = "403",
      description = "agent and system messages need ALLOW_NON_USER_MESSAGES")
  @ApiResponse(responseCode = "409", description = "The job is done or failed")
  @ApiResponse(
      responseCode = "429",
      description = "Too many chats (RATE_LIMIT_CHAT_PER_USER; Retry-After)")
  @PostMapping("/")
  ResponseEntity<MessageJson> create(
      @AuthenticationPrincipal AuthUser user,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = MessageRequests.Create.class)))
          @RequestBody(required = false)
          JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(messages.create(user, body));
  }

  @Operation(operationId = "getMessage", summary = "One message")
  @GetMapping("/{id}/")
  MessageJson get(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return messages.get(user, id);
  }

  @Operation(
      operationId = "deleteMessage",
      summary = "Delete a message: its chat event becomes a message_deleted tombstone")
  @ApiResponse(responseCode = "204", description = "Deleted", content = @Content)
  @DeleteMapping("/{id}/")
  ResponseEntity<Void> delete(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    messages.delete(user, id);
    return ResponseEntity.noContent().build();
  }
}
