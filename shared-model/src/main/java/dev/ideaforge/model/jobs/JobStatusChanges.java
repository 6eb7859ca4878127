package dev.ideaforge.model.jobs;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StatusEvent;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one write path of a status change: the job's new status and its {@code status} event are
 * written in the caller's transaction (which holds the job's row lock), so they commit together.
 * Each method returns the seq of the event.
 */
@Component
public class JobStatusChanges {

  static final String QUEUED =
      "Requirements are complete. Your idea is queued for the executive team.";
  static final String RUNNING = "The executive team (CEO, CTO, Secretary) is discussing your idea.";
  static final String DONE = "Your product requirements document is ready.";
  public static final String PAUSED =
      "Paused. The turn in progress finishes, then the job waits until you resume it.";
  public static final String RESUMED = "Resumed. The job carries on where it stopped.";
  public static final String CHANGE_QUEUED =
      "Your change request is queued for the executive team.";
  public static final String RETRIED = "Retrying: the job carries on from where it failed.";
  public static final String REQUEUED =
      "Every executive slot was taken while the job was paused: it is next in line.";

  private final JobEventLog events;
  private final Clock clock;

  public JobStatusChanges(JobEventLog events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** The interview is over: the summary is stored and the job waits for an executive slot. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long queue(Job job, String requirementsSummary) {
    job.queueWithRequirements(requirementsSummary, clock.instant());
    return announce(job, QUEUED);
  }

  /** The job got an executive slot. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long run(Job job) {
    job.markRunning(clock.instant());
    return announce(job, RUNNING);
  }

  /** The PRD is stored. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long finish(Job job) {
    return finish(job, 1);
  }

  /** Version {@code version} of the PRD is stored. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long finish(Job job, int version) {
    job.markDone(clock.instant());
    return announce(
        job,
        version <= 1
            ? DONE
            : "Version " + version + " of your product requirements document is ready.");
  }

  /** A done job goes back to the executive team with the client's change request. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long requestChange(Job job, String changeRequest, int lastStepOrder) {
    job.requestChange(changeRequest, lastStepOrder, clock.instant());
    return announce(job, CHANGE_QUEUED);
  }

  /** The job cannot go on; {@code reason} is shown to the user. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long fail(Job job, String reason) {
    job.markFailed(reason, clock.instant());
    return announce(job, "Job failed: " + reason);
  }

  /** A failed job goes on from the phase where it failed; its error is cleared. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long retry(Job job) {
    job.reopenAfterFailure(clock.instant());
    return announce(job, RETRIED);
  }

  /**
   * The job waits before its next model call; the status stays as it is and the event says why
   * ({@link #PAUSED} when the user asked, or why the worker paused it).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long pause(Job job, String message) {
    job.pause(clock.instant());
    return announce(job, message);
  }

  /** A resumed discussion waits for a slot again (see {@link Job#requeueAfterPause}). */
  @Transactional(propagation = Propagation.MANDATORY)
  public long requeueAfterPause(Job job) {
    job.requeueAfterPause(clock.instant());
    return announce(job, REQUEUED);
  }

  /** The paused job carries on. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long resume(Job job) {
    job.resume(clock.instant());
    return announce(job, RESUMED);
  }

  private long announce(Job job, String message) {
    return events
        .append(
            job.getId(),
            new StatusEvent(
                job.getId(), job.getStatus().value(), message, job.isPaused(), clock.instant()))
        .seq();
  }
}
