package dev.ideaforge.model.jobs;

import dev.ideaforge.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One app idea on its way to a PRD. Its workflow ({@code job-<id>}) drives the status; the API only
 * creates it, edits the prompt while collecting, and deletes it.
 *
 * <p>{@code last_event_seq} is deliberately not mapped: only {@link
 * dev.ideaforge.model.events.JobEventLog} touches it, under the row lock, and Hibernate must never
 * write a stale copy back.
 */
@Entity
@Table(name = "jobs")
public class Job extends BaseEntity {

  @Column(name = "user_id", nullable = false, updatable = false)
  private UUID userId;

  @Column(name = "initial_prompt", nullable = false)
  private String initialPrompt;

  @Column(nullable = false)
  private String prompt;

  @Column(name = "requirements_summary")
  private String requirementsSummary;

  @Column(nullable = false)
  private JobStatus status;

  @Column(name = "error_message")
  private String errorMessage;

  @Column(name = "queued_at")
  private Instant queuedAt;

  @Column(name = "executive_rounds")
  private Integer executiveRounds;

  @Column(name = "is_paused", nullable = false)
  private boolean paused;

  /** The change the client asked for while the job goes through it again; null otherwise. */
  @Column(name = "change_request")
  private String changeRequest;

  /** The order of the last step before the current discussion: its steps number on from here. */
  @Column(name = "discussion_base", nullable = false)
  private int discussionBase;

  /** Tokens the job's model calls may use in all; null for jobs created before budgets. */
  @Column(name = "token_budget")
  private Long tokenBudget;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Job() {}

  public Job(UUID userId, String initialPrompt, Instant now) {
    super(UUID.randomUUID());
    this.userId = userId;
    this.initialPrompt = initialPrompt;
    this.prompt = initialPrompt;
    this.status = JobStatus.COLLECTING;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Sets how many tokens the job's model calls may use in all (raising it lets it go on). */
  public void changeTokenBudget(long budget, Instant now) {
    if (budget <= 0) {
      throw new IllegalArgumentException("A token budget must be positive");
    }
    this.tokenBudget = budget;
    this.updatedAt = now;
  }

  /** The user rewrote the idea while the interview is still going on. */
  public void editInitialPrompt(String newPrompt, Instant now) {
    requireStatus(JobStatus.COLLECTING);
    this.initialPrompt = newPrompt;
    this.prompt = newPrompt;
    this.updatedAt = now;
  }

  /** The interview is over: the summary becomes the prompt the executives work from. */
  public void queueWithRequirements(String summary, Instant now) {
    requireStatus(JobStatus.COLLECTING);
    this.requirementsSummary = summary;
    this.prompt = summary;
    this.status = JobStatus.QUEUED;
    this.queuedAt = now;
    this.updatedAt = now;
  }

  /**
   * The executive rounds this job's discussion has, fixed the first time it is asked for: a deploy
   * with another setting must not change what a running workflow replays.
   */
  public int planExecutiveRounds(int configured) {
    if (executiveRounds == null) {
      executiveRounds = configured;
    }
    return executiveRounds;
  }

  public void markRunning(Instant now) {
    requireStatus(JobStatus.QUEUED);
    this.status = JobStatus.RUNNING;
    this.updatedAt = now;
  }

  public void markDone(Instant now) {
    requireStatus(JobStatus.RUNNING);
    this.status = JobStatus.DONE;
    this.changeRequest = null;
    // A pause that came during the last turn ends with the job: a finished job is never paused.
    this.paused = false;
    this.updatedAt = now;
  }

  /**
   * A done job goes back through the executives with the client's change: queued behind the jobs
   * waiting now, its new steps numbered after {@code lastStepOrder}.
   */
  public void requestChange(String change, int lastStepOrder, Instant now) {
    requireStatus(JobStatus.DONE);
    this.changeRequest = change;
    this.discussionBase = lastStepOrder;
    this.status = JobStatus.QUEUED;
    this.queuedAt = now;
    this.updatedAt = now;
  }

  public void markFailed(String reason, Instant now) {
    if (status.isFinished()) {
      throw new IllegalStateException("Job " + getId() + " is already " + status.value());
    }
    this.status = JobStatus.FAILED;
    this.errorMessage = reason;
    this.paused = false;
    this.updatedAt = now;
  }

  /**
   * A failed job goes on from the phase where it failed: the interview when it never got its
   * requirements, else the executive discussion, queued again behind the jobs waiting now.
   */
  public void reopenAfterFailure(Instant now) {
    requireStatus(JobStatus.FAILED);
    this.errorMessage = null;
    this.paused = false;
    if (requirementsSummary == null) {
      this.status = JobStatus.COLLECTING;
    } else {
      this.status = JobStatus.QUEUED;
      this.queuedAt = now;
    }
    this.updatedAt = now;
  }

  /**
   * A discussion resumed after a pause found every executive slot taken meanwhile: it waits in the
   * queue again, at the place it first queued at, so it is the next to run.
   */
  public void requeueAfterPause(Instant now) {
    requireStatus(JobStatus.RUNNING);
    this.status = JobStatus.QUEUED;
    this.updatedAt = now;
  }

  /** No model call until {@link #resume}; the turn in flight finishes. */
  public void pause(Instant now) {
    if (status.isFinished() || paused) {
      throw new IllegalStateException("Job " + getId() + " cannot be paused now");
    }
    this.paused = true;
    this.updatedAt = now;
  }

  public void resume(Instant now) {
    if (status.isFinished() || !paused) {
      throw new IllegalStateException("Job " + getId() + " is not paused");
    }
    this.paused = false;
    this.updatedAt = now;
  }

  private void requireStatus(JobStatus expected) {
    if (status != expected) {
      throw new IllegalStateException(
          "Job " + getId() + " is " + status.value() + ", not " + expected.value());
    }
  }

  public UUID getUserId() {
    return userId;
  }

  public String getInitialPrompt() {
    return initialPrompt;
  }

  public String getPrompt() {
    return prompt;
  }

  public String getRequirementsSummary() {
    return requirementsSummary;
  }

  public JobStatus getStatus() {
    return status;
  }

  public String getChangeRequest() {
    return changeRequest;
  }

  public int getDiscussionBase() {
    return discussionBase;
  }

  public Long getTokenBudget() {
    return tokenBudget;
  }

  public boolean isPaused() {
    return paused;
  }

  public String getErrorMessage() {
    return errorMessage;
  }

  public Instant getQueuedAt() {
    return queuedAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
