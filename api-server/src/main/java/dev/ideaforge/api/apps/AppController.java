package dev.ideaforge.api.apps;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.AppVersionRepository;
import dev.ideaforge.model.jobs.JobRepository;
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

  @GetMapping("/")
  List<AppJson> list(@AuthenticationPrincipal AuthUser user) {
    return apps.findOwnedBy(user.id()).stream().map(AppJson::of).toList();
  }

  @GetMapping("/{id}/")
  AppJson get(@AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    return apps.findOwned(id, user.id()).map(AppJson::of).orElseThrow(ApiException::notFound);
  }

  /** Every version of the app's spec, oldest first. */
  @GetMapping("/{id}/versions/")
  List<AppJson.VersionJson> versions(
      @AuthenticationPrincipal AuthUser user, @PathVariable UUID id) {
    if (apps.findOwned(id, user.id()).isEmpty()) {
      throw ApiException.notFound();
    }
    return versions.findByAppIdOrderByVersionAsc(id).stream().map(AppJson.VersionJson::of).toList();
  }

  /** 204 with no body while the job has no app yet. */
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
