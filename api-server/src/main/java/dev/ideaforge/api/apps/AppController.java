package dev.ideaforge.api.apps;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.AppVersionRepository;
import dev.ideaforge.model.jobs.JobRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user's final artifacts. */
@Tag(name = "apps")
@RestController
@RequestMapping("/api/apps")
@Transactional(readOnly = true)
class AppController {

  private final AppRepository apps;
  private final JobRepository jobs;
  private final AppVersionRepository versions;

  AppController(AppRepository apps, JobRepository jobs, AppVersionRepository versions) {
    this.apps = apps;
    this.jobs = jobs;
    this.versions = versions;
  }

  @Operation(operationId = "listApps", summary = "The user's apps, each at its latest version")
  @GetMapping("/")
  List<AppJson> list(@AuthenticationPrincipal AuthUser user) {
    return apps.findOwnedBy(user.id()).stream().map(AppJson::of).toList();
  }

  @Operation(operationId = "getApp", summary = "One app at its latest version")
  @GetMapping("/{id}/")
  AppJson get(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return apps.findOwned(id, user.id()).map(AppJson::of).orElseThrow(ApiException::notFound);
  }

  /** Every version of the app's spec, oldest first. */
  @Operation(
      operationId = "listAppVersions",
      summary = "Every version of the app's spec, oldest first")
  @GetMapping("/{id}/versions/")
  List<AppJson.VersionJson> versions(
      @AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    if (apps.findOwned(id, user.id()).isEmpty()) {
      throw ApiException.notFound();
    }
    return versions.findByAppIdOrderByVersionAsc(id).stream().map(AppJson.VersionJson::of).toList();
  }

  /** 204 with no body while the job has no app yet. */
  @Operation(operationId = "getAppByJob", summary = "The job's app")
  @ApiResponse(
      responseCode = "200",
      description = "The app",
      content = @Content(schema = @Schema(implementation = AppJson.class)))
  @ApiResponse(responseCode = "204", description = "The job has no app yet", content = @Content)
  @GetMapping("/by-job/{jobId}/")
  ResponseEntity<AppJson> byJob(@AuthenticationPrincipal AuthUser user, @PathVariable UUID jobId) {
    if (jobs.findByIdAndUserId(jobId, user.id()).isEmpty()) {
      throw ApiException.notFound();
    }
    return apps.findByJobId(jobId)
        .map(app -> ResponseEntity.ok(AppJson.of(app)))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }
}
