package dev.ideaforge.api.jobs;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.limits.Limit;
import dev.ideaforge.api.limits.LimitSettings;
import dev.ideaforge.api.limits.RateLimits;
import dev.ideaforge.api.messages.JobMessageService;
import dev.ideaforge.api.messages.MessageJson;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.api.web.DetailJson;
import dev.ideaforge.api.web.RequestFields;
import dev.ideaforge.api.workflows.JobWorkflowClient;
import dev.ideaforge.model.events.JobEventPublisher;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.model.workflow.JobChange;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Jobs of the calling user. Another user's job is "not found", never "forbidden". */
@Service
class JobService {

  static final String NOT_COLLECTING =
      "The prompt can only be edited while the job is collecting requirements.";
  static final String STILL_BUSY =
      "The job is still %s; a change can be requested once it is done.";
  static final String FAILED_CANNOT_CONTINUE =
      "The job failed; retry it (POST /api/jobs/<id>/retry/) before requesting a change.";
  static final String NOT_FAILED = "Only a failed job can be retried.";
  static final String ALREADY_PAUSED = "The job is already paused.";
  static final String NOT_PAUSED = "The job is not paused.";
  static final String FINISHED_CANNOT_PAUSE = "A job that is %s cannot be paused or resumed.";
  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  /** Unfinished jobs end when their user acts; this is only a hint of when to look again. */
  private static final Duration UNFINISHED_RETRY = Duration.ofMinutes(1);

  private final JobRepository jobs;
  private final JobStepRepository steps;
  private final JobMessageRepository messageRows;
  private final JobMessageService messages;
  private final JobWorkflowClient workflows;
  private final JobSettings settings;
  private final JobEventPublisher publisher;
  private final JobStatusChanges statuses;
  private final TransactionTemplate tx;
  private final RateLimits limits;
  private final LimitSettings limitSettings;
  private final Clock clock;

  JobService(
      JobRepository jobs,
      JobStepRepository steps,
      JobMessageRepository messageRows,
      JobMessageService messages,
      JobWorkflowClient workflows,
      JobSettings settings,
      JobEventPublisher publisher,
      JobStatusChanges statuses,
      PlatformTransactionManager transactions,
      RateLimits limits,
      LimitSettings limitSettings,
      Clock clock) {
    this.jobs = jobs;
    this.steps = steps;
    this.messageRows = messageRows;
    this.messages = messages;
    this.workflows = workflows;
    this.settings = settings;
    this.publisher = publisher;
    this.statuses = statuses;
    this.tx = new TransactionTemplate(transactions);
    this.limits = limits;
    this.limitSettings = limitSettings;
    this.clock = clock;
  }

  /**
   * Stores the job and its first message, then starts its workflow. The workflow's first activity
   * must see the committed job, so the start comes after the commit; if Temporal refuses, the job
   * is deleted again and the caller gets a 503 with nothing left behind.
   */
  JobDetailJson create(AuthUser user, JsonNode body) {
    RequestFields fields = RequestFields.of(body);
    String prompt = fields.requiredString("prompt", settings.maxPromptLength());
    Long budget = fields.optionalLong("token_budget", 1, settings.maxTokenBudget());
    fields.throwIfInvalid();
    String sender = messages.senderName(user);
    long tokenBudget = budget == null ? settings.tokenBudget() : budget;

    Job job =
        tx.execute(
            status -> {
              requireRoomForAnotherJob(user);
              Job unsaved = new Job(user.id(), prompt, clock.instant());
              unsaved.changeTokenBudget(tokenBudget, clock.instant());
              Job created = jobs.save(unsaved);
              messages.append(created, MessageRole.USER, sender, prompt, null);
              return created;
            });
    try {
      workflows.start(job);
    } catch (RuntimeException e) {
      tx.executeWithoutResult(status -> jobs.deleteById(job.getId()));
      log.warn("Job {} removed again: its workflow could not be started", job.getId());
      throw e;
    }
    return detailOf(job);
  }

  /**
   * The caps on a user's jobs: how many are unfinished, and how many were started lately (created,
   * or reopened by a change request or a retry).
   */
  private void requireRoomForAnotherJob(AuthUser user) {
    int maxUnfinished = limitSettings.maxUnfinishedJobsPerUser();
    if (maxUnfinished > 0
        && jobs.lockJobsOfUser(user.id()) > 0
        && jobs.countUnfinished(user.id()) >= maxUnfinished) {
      throw ApiException.tooManyRequests(
          "You have "
              + maxUnfinished
              + " unfinished jobs, the most allowed at once; finish or delete one first.",
          UNFINISHED_RETRY);
    }
    limits.spend(Limit.JOBS_PER_USER, user.id().toString());
  }

  @Transactional(readOnly = true)
  List<JobJson> list(AuthUser user) {
    return jobs.findByUserIdOrderByCreatedAtDesc(user.id()).stream().map(JobJson::of).toList();
  }

  @Transactional(readOnly = true)
  JobDetailJson detail(AuthUser user, UUID id) {
    return detailOf(owned(user, id));
  }

  /**
   * Edits the idea while collecting (keeps prompt and first message in sync, tells the workflow),
   * and/or sets the token budget at any time: a job paused for its budget goes on when resumed.
   */
  @Transactional
  JobDetailJson updatePrompt(AuthUser user, UUID id, JsonNode body) {
    RequestFields fields = RequestFields.of(body);
    Long budget = fields.optionalLong("token_budget", 1, settings.maxTokenBudget());
    boolean budgetOnly = fields.has("token_budget") && !fields.has("initial_prompt");
    String prompt =
        budgetOnly ? null : fields.requiredString("initial_prompt", settings.maxPromptLength());
    fields.throwIfInvalid();
    Job job = lockOwned(user, id);
    if (prompt != null && job.getStatus() != JobStatus.COLLECTING) {
      throw ApiException.conflict(NOT_COLLECTING);
    }
    if (budget != null) {
      job.changeTokenBudget(budget, clock.instant());
    }
    if (prompt == null) {
      return detailOf(job);
    }
    job.editInitialPrompt(prompt, clock.instant());
    messageRows
        .findFirstByJobIdOrderByPositionAsc(id)
        .filter(m -> m.getRole() == MessageRole.USER)
        .ifPresent(m -> m.replaceContent(prompt));
    workflows.signalPromptUpdated(job);
    return detailOf(job);
  }

  /** What pause and resume answer. */
  @Schema(name = "PauseResult")
  record PauseJson(String detail, boolean isPaused, String status) {}

  /**
   * Pauses the job: the turn in flight finishes, then no model call until it is resumed. The pause
   * and its {@code status} event commit together; the workflow is signalled before the commit,
   * under the row lock, so an unreachable Temporal leaves nothing changed (503).
   */
  @Transactional
  PauseJson pause(AuthUser user, UUID id) {
    Job job = lockOwned(user, id);
    requireUnfinished(job);
    if (job.isPaused()) {
      throw ApiException.badRequest(ALREADY_PAUSED);
    }
    statuses.pause(job, JobStatusChanges.PAUSED);
    workflows.signalChange(job, JobChange.PAUSED);
    return new PauseJson("Job paused.", true, job.getStatus().value());
  }

  /** Resumes a paused job where it stopped. */
  @Transactional
  PauseJson resume(AuthUser user, UUID id) {
    Job job = lockOwned(user, id);
    requireUnfinished(job);
    if (!job.isPaused()) {
      throw ApiException.badRequest(NOT_PAUSED);
    }
    statuses.resume(job);
    workflows.signalChange(job, JobChange.RESUMED);
    return new PauseJson("Job resumed.", false, job.getStatus().value());
  }

  /**
   * A change request on a done job: it goes back through queued and running, the executives discuss
   * the change with the current PRD in view, and the Secretary writes the next version of the app's
   * spec. Status and request commit together; the workflow is reopened before the commit.
   */
  @Transactional
  DetailJson requestChange(AuthUser user, UUID id, JsonNode body) {
    RequestFields fields = RequestFields.of(body);
    String change = fields.requiredString("requirements", settings.maxPromptLength());
    fields.throwIfInvalid();
    Job job = lockOwned(user, id);
    switch (job.getStatus()) {
      case DONE -> {}
      case FAILED -> throw ApiException.conflict(FAILED_CANNOT_CONTINUE);
      default -> throw ApiException.conflict(STILL_BUSY.formatted(job.getStatus().value()));
    }
    // The job runs again: it counts against the user's caps as a new job would.
    requireRoomForAnotherJob(user);
    statuses.requestChange(job, change, steps.lastOrder(id));
    workflows.signalChange(job, JobChange.REOPENED);
    return new DetailJson("Continuation queued.");
  }

  /**
   * Carries a failed job on from the phase where it failed. The workflow is reopened with
   * signal-with-start: a new run when the failed one has completed, or the one still ending.
   */
  @Transactional
  DetailJson retry(AuthUser user, UUID id) {
    Job job = lockOwned(user, id);
    if (job.getStatus() != JobStatus.FAILED) {
      throw ApiException.conflict(NOT_FAILED);
    }
    requireRoomForAnotherJob(user);
    statuses.retry(job);
    workflows.signalChange(job, JobChange.REOPENED);
    return new DetailJson("Retry queued.");
  }

  private static void requireUnfinished(Job job) {
    if (job.getStatus().isFinished()) {
      throw ApiException.badRequest(FINISHED_CANNOT_PAUSE.formatted(job.getStatus().value()));
    }
  }

  /** The caller's job, locked until the transaction ends; another user's is "not found". */
  private Job lockOwned(AuthUser user, UUID id) {
    return jobs.findForUpdate(id)
        .filter(j -> j.getUserId().equals(user.id()))
        .orElseThrow(ApiException::notFound);
  }

  /**
   * Cancels the workflow first, so nothing writes to the job after its rows are gone. Then every
   * api-server is told, and closes the job's sockets with 4003. A job that held an executive slot
   * or a place in the queue wakes the oldest queued job.
   */
  void delete(AuthUser user, UUID id) {
    Job job = tx.execute(status -> owned(user, id));
    workflows.cancel(job.getId());
    tx.executeWithoutResult(status -> jobs.deleteById(job.getId()));
    publisher.publishJobDeleted(job.getId());
    wakeQueueIfFreed(job);
  }

  private void wakeQueueIfFreed(Job deleted) {
    if (deleted.getStatus() == JobStatus.RUNNING || deleted.getStatus() == JobStatus.QUEUED) {
      tx.execute(status -> jobs.queuedInOrder(1)).forEach(workflows::offerSlot);
    }
  }

  /** Deletes every job of the user (dev only). */
  int purge(AuthUser user) {
    if (!settings.allowPurge()) {
      throw ApiException.forbidden("Job purge disabled");
    }
    List<Job> owned = tx.execute(status -> jobs.findByUserIdOrderByCreatedAtDesc(user.id()));
    int deleted = 0;
    for (Job job : owned) {
      if (!job.getStatus().isFinished()) {
        workflows.cancel(job.getId());
      }
      tx.executeWithoutResult(status -> jobs.deleteById(job.getId()));
      publisher.publishJobDeleted(job.getId());
      wakeQueueIfFreed(job);
      deleted++;
    }
    return deleted;
  }

  private Job owned(AuthUser user, UUID id) {
    return jobs.findByIdAndUserId(id, user.id()).orElseThrow(ApiException::notFound);
  }

  private JobDetailJson detailOf(Job job) {
    return tx.execute(
        status -> {
          JobRepository.JobUsage usage = jobs.usageOf(job.getId());
          return JobDetailJson.of(
              JobJson.of(job),
              steps.findByJobIdOrderByOrderAsc(job.getId()).stream().map(StepJson::of).toList(),
              messageRows.findByJobIdOrderByPositionAsc(job.getId()).stream()
                  .map(MessageJson::of)
                  .toList(),
              new JobDetailJson.UsageJson(
                  usage.getCalls(), usage.getPromptTokens(), usage.getCompletionTokens()));
        });
  }
}
