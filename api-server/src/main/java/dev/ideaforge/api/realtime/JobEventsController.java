package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.web.ApiDocs;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StoredJobEvent;
import dev.ideaforge.model.jobs.JobRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/jobs/<id>/events/?after=<seq>}: the stored events a socket would have received,
 * for polling clients and for resuming without a socket. Oldest first, at most {@code limit}.
 */
@Tag(name = "jobs")
@RestController
class JobEventsController {

  static final int MAX_LIMIT = 1000;

  private final JobRepository jobs;
  private final JobEventLog events;

  JobEventsController(JobRepository jobs, JobEventLog events) {
    this.jobs = jobs;
    this.events = events;
  }

  @Operation(
      operationId = "listJobEvents",
      summary =
          "The stored events after a seq, oldest first: what a socket sends, for resuming without one")
  @ApiResponse(
      responseCode = "200",
      description = "Events with seq > after, at most limit",
      content =
          @Content(
              array =
                  @io.swagger.v3.oas.annotations.media.ArraySchema(
                      schema = @Schema(ref = ApiDocs.JOB_EVENT))))
  @ApiResponse(
      responseCode = "400",
      description = "after or limit is not a whole number in range",
      content = @Content(schema = @Schema(ref = ApiDocs.FIELD_ERRORS)))
  @GetMapping("/api/jobs/{id}/events/")
  ResponseEntity<String> events(
      @AuthenticationPrincipal AuthUser user,
      @PathVariable UUID id,
      @io.swagger.v3.oas.annotations.Parameter(
              schema = @Schema(type = "integer", format = "int64", minimum = "0"),
              description = "The last seq the client has (default 0: from the start)")
          @RequestParam(name = "after", required = false)
          String after,
      @io.swagger.v3.oas.annotations.Parameter(
              schema = @Schema(type = "integer", minimum = "1", maximum = "1000"),
              description = "At most this many events (default and maximum 1000)")
          @RequestParam(name = "limit", required = false)
          String limit) {
    if (jobs.findByIdAndUserId(id, user.id()).isEmpty()) {
      throw ApiException.notFound();
    }
    long afterSeq = parse("after", after, 0, 0, Long.MAX_VALUE);
    int max = (int) parse("limit", limit, MAX_LIMIT, 1, MAX_LIMIT);
    List<StoredJobEvent> stored = events.after(id, afterSeq, max);
    String body =
        stored.stream().map(StoredJobEvent::payload).collect(Collectors.joining(",", "[", "]"));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static long parse(String name, String value, long fallback, long min, long max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // explained below
    }
    throw ApiException.invalid(
        Map.of(name, List.of("A whole number between " + min + " and " + max + " is required.")));
  }
}
