package dev.ideaforge.api.jobs;

import dev.ideaforge.api.auth.AuthUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/jobs")
class JobController {

  private final JobService jobs;

  JobController(JobService jobs) {
    this.jobs = jobs;
  }

  @PostMapping("/")
  ResponseEntity<JobDetailJson> create(
      @AuthenticationPrincipal AuthUser user, @RequestBody(required = false) JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(jobs.create(user, body));
  }

  @GetMapping("/")
  List<JobJson> list(@AuthenticationPrincipal AuthUser user) {
    return jobs.list(user);
  }

  @GetMapping("/{id}/")
  JobDetailJson detail(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return jobs.detail(user, id);
  }

  @PatchMapping("/{id}/")
  JobDetailJson update(
      @AuthenticationPrincipal AuthUser user,
      @PathVariable UUID id,
      @RequestBody(required = false) JsonNode body) {
    return jobs.updatePrompt(user, id, body);
  }

  @DeleteMapping("/{id}/")
  ResponseEntity<Void> delete(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    jobs.delete(user, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/pause/")
  JobService.PauseJson pause(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return jobs.pause(user, id);
  }

  @PostMapping("/{id}/resume/")
  JobService.PauseJson resume(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return jobs.resume(user, id);
  }

  @PostMapping("/{id}/continue/")
  ResponseEntity<Map<String, String>> continueWith(
      @AuthenticationPrincipal AuthUser user,
      @PathVariable UUID id,
      @RequestBody(required = false) JsonNode body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.requestChange(user, id, body));
  }

  @PostMapping("/{id}/retry/")
  ResponseEntity<Map<String, String>> retry(
      @AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.retry(user, id));
  }

  @DeleteMapping("/purge/")
  Map<String, Integer> purge(@AuthenticationPrincipal AuthUser user) {
    return Map.of("deleted", jobs.purge(user));
  }
}
