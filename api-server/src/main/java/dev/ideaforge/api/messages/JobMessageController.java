package dev.ideaforge.api.messages;

import dev.ideaforge.api.auth.AuthUser;
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
@RestController
@RequestMapping("/api/job-messages")
class JobMessageController {

  private final JobMessageService messages;

  JobMessageController(JobMessageService messages) {
    this.messages = messages;
  }

  @GetMapping("/")
  List<MessageJson> list(
      @AuthenticationPrincipal AuthUser user,
      @RequestParam(name = "job_id", required = false) String jobId) {
    return messages.list(user, jobId);
  }

  @PostMapping("/")
  ResponseEntity<MessageJson> create(
      @AuthenticationPrincipal AuthUser user, @RequestBody(required = false) JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(messages.create(user, body));
  }

  @GetMapping("/{id}/")
  MessageJson get(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return messages.get(user, id);
  }

  @DeleteMapping("/{id}/")
  ResponseEntity<Void> delete(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    messages.delete(user, id);
    return ResponseEntity.noContent().build();
  }
}
