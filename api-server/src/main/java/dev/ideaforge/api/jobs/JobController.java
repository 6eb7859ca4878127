package dev.ideaforge.api.jobs;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.web.DetailJson;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "jobs")
@RestController
@RequestMapping("/api/jobs")
class JobController {

  private final JobService jobs;

  JobController(JobService jobs) {
    this.jobs = jobs;
  }

  @Operation(
      operationId = "createJob",
      summary = "Create a job: stores the idea and starts its interview")
  @ApiResponse(
      responseCode = "201",
      description = "The job, collecting",
      content = @Content(schema = @Schema(implementation = JobDetailJson.class)))
  @ApiResponse(
      responseCode = "429",
      description = "Too many jobs created, or too many unfinished (Retry-After)")
  @PostMapping("/")
  ResponseEntity<JobDetailJson> create(
      @AuthenticationPrincipal AuthUser user,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = JobRequests.Create.class)))
          @RequestBody(required = false)
          JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(jobs.create(user, body));
  }

  @Operation(operationId = "listJobs", summary = "The user's jobs, newest first")
  @GetMapping("/")
  List<JobJson> list(@AuthenticationPrincipal AuthUser user) {
    return jobs.list(user);
  }

  @Operation(operationId = "getJob", summary = "A job with its steps, messages and model usage")
  @GetMapping("/{id}/")
  JobDetailJson detail(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return jobs.detail(user, id);
  }

  @Operation(
      operationId = "updateJob",
      summary = "Change the idea (while collecting) and/or the token budget")
  @ApiResponse(
      responseCode = "200",
      description = "The job",
      content = @Content(schema = @Schema(implementation = JobDetailJson.class)))
  @ApiResponse(
      responseCode = "409",
      description = "The idea can only change while the job is collecting")
  @PatchMapping("/{id}/")
  JobDetailJson update(
      @AuthenticationPrincipal AuthUser user,
      @PathVariable UUID id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = JobRequests.Update.class)))
          @RequestBody(required = false)
          JsonNode body) {
    return jobs.updatePrompt(user, id, body);
  }

  @Operation(
      operationId = "deleteJob",
      summary = "Cancel the job's workflow and delete the job with everything it owns")
  @ApiResponse(
      responseCode = "204",
      description = "Deleted; its sockets close with 4003",
      content = @Content)
  @DeleteMapping("/{id}/")
  ResponseEntity<Void> delete(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    jobs.delete(user, id);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "pauseJob",
      summary = "Pause: the turn in flight finishes, then no model call until resumed")
  @ApiResponse(
      responseCode = "200",
      description = "Paused",
      content = @Content(schema = @Schema(implementation = JobService.PauseJson.class)))
  @ApiResponse(responseCode = "400", description = "Already paused, or the job is done or failed")
  @PostMapping("/{id}/pause/")
  JobService.PauseJson pause(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return jobs.pause(user, id);
  }

  @Operation(operationId = "resumeJob", summary = "Resume a paused job where it stopped")
  @ApiResponse(
      responseCode = "200",
      description = "Resumed",
      content = @Content(schema = @Schema(implementation = JobService.PauseJson.class)))
  @ApiResponse(responseCode = "400", description = "Not paused, or the job is done or failed")
  @PostMapping("/{id}/resume/")
  JobService.PauseJson resume(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return jobs.resume(user, id);
  }

  @Operation(
      operationId = "continueJob",
      summary = "Change request on a done job: the executives write the next PRD version")
  @ApiResponse(
      responseCode = "202",
      description = "Continuation queued.",
      content = @Content(schema = @Schema(implementation = DetailJson.class)))
  @ApiResponse(
      responseCode = "409",
      description = "The job is not done (collecting, queued, running, or failed: retry first)")
  @ApiResponse(
      responseCode = "429",
      description = "Too many jobs run, or too many unfinished (Retry-After)")
  @PostMapping("/{id}/continue/")
  ResponseEntity<DetailJson> continueWith(
      @AuthenticationPrincipal AuthUser user,
      @PathVariable UUID id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = JobRequests.Change.class)))
          @RequestBody(required = false)
          JsonNode body) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.requestChange(user, id, body));
  }

  @Operation(operationId = "retryJob", summary = "Retry a failed job from where it failed")
  @ApiResponse(
      responseCode = "202",
      description = "Retry queued.",
      content = @Content(schema = @Schema(implementation = DetailJson.class)))
  @ApiResponse(responseCode = "409", description = "The job has not failed")
  @ApiResponse(
      responseCode = "429",
      description = "Too many jobs run, or too many unfinished (Retry-After)")
  @PostMapping("/{id}/retry/")
  ResponseEntity<DetailJson> retry(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.retry(user, id));
  }

  @Operation(
      operationId = "purgeJobs",
      summary = "Delete all of the user's jobs (ALLOW_JOB_PURGE only)")
  @ApiResponse(
      responseCode = "200",
      description = "How many jobs were deleted",
      content = @Content(schema = @Schema(implementation = PurgeJson.class)))
  @ApiResponse(responseCode = "403", description = "Purge is not enabled (ALLOW_JOB_PURGE)")
  @DeleteMapping("/purge/")
  PurgeJson purge(@AuthenticationPrincipal AuthUser user) {
    return new PurgeJson(jobs.purge(user));
  }

  /** How many jobs a purge deleted. */
  @Schema(name = "PurgeResult")
  record PurgeJson(int deleted) {}
}
