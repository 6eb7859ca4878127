package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.workflow.JobChange;
import dev.ideaforge.model.workflow.JobPhase;
import dev.ideaforge.model.workflow.JobWaitingFor;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.JobWorkflowState;
import dev.ideaforge.model.workflow.UserMessageSignal;
import dev.ideaforge.worker.agents.Agent;
import dev.ideaforge.worker.agents.FailureType;
import dev.ideaforge.worker.workflow.ClientRelationsActivities.Outcome;
import dev.ideaforge.worker.workflow.JobActivities.JobPlan;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * One job from the first reply to the PRD. The workflow holds no facts of its own: it asks the
 * database where the job stands (so a new run, or a run started again after the Temporal service
 * lost its state, carries on), and every side effect happens in an activity.
 *
 * <p>Changing what this class does to a running job's commands needs {@link Workflow#getVersion}
 * (see the README), and the replay test's recorded histories must keep replaying.
 */
public class JobWorkflowImpl implements JobWorkflow {

  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);

  /**
   * Version 1: a run loads its job in a local activity, inside its first workflow task. As an
   * activity task it cost one more activity and one more workflow task at the Temporal service
   * before the first reply, and under load the workflow task after it was where first replies
   * waited longest (p99 20 s of 27 s at 200 concurrent jobs). Runs started before keep the activity
   * task. The slot queue's bookkeeping stays on activity tasks: the service retries them with
   * durable timers through a database outage.
   */
  static final String LOCAL_LOAD = "local-load";

  private static final Duration BOOKKEEPING_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The change that brought pausing (and everything built on it: token budgets, retries, comments,
   * change requests). Runs that started before it keep their commands: their turns never report a
   * pause, and they write the PRD through {@code writePrd}.
   */
  static final String PAUSABLE_TURNS = "pausable-turns";

  /**
   * Version 1: a paused discussion gives its executive slot back (the queue's next job is woken)
   * and takes one again when resumed, or queues again if none is free. Before, a paused discussion
   * held its slot until resumed, so a few paused jobs could stop every other user's discussion.
   */
  static final String PAUSE_FREES_SLOT = "pause-frees-slot";

  /**
   * Version 1: a run that fails its job ends as a failed workflow whose failure type says what
   * broke (e.g. {@code LLM_REJECTED}, {@code INTERVIEW_IDLE}), so operators see it in the Temporal
   * UI; before, such a run completed. Either way the job's row and event say it failed.
   */
  static final String FAILED_RUN_FAILS = "failed-run-fails";

  private final WorkflowTuning tuning;
  private final JobActivities jobs;

  /** {@link JobActivities#loadJob} as a local activity (see {@link #LOCAL_LOAD}). */
  private final JobActivities localJobs;

  private final ClientRelationsActivities clientRelations;
  private final ExecutiveActivities executives;

  /** User messages signalled but not yet answered, by id. */
  private final Set<String> pendingMessages = new LinkedHashSet<>();

  private boolean promptEdited;
  private boolean slotOffered;
  private final OperatorView view;
  private JobPlan plan;
  private int discussionBase;
  private int turn;
  private long lastEventSeq;

  /** Whether this run may be paused (see {@link #PAUSABLE_TURNS}). */
  private boolean pausable;

  /** The job is paused, as far as this run knows: a turn said so, or a signal, or the job's row. */
  private boolean paused;

  /** Resumes signalled so far; a pause seen at count n ends when it exceeds n. */
  private int resumes;

  private int pauseSeenAt;

  /** A finished job was reopened (change request, retry) while this run was ending. */
  private boolean reopened;

  /** What this run ends with once it has failed its job (see {@link #FAILED_RUN_FAILS}). */
  private ApplicationFailure failure;

  public JobWorkflowImpl(WorkflowTuning tuning, String executiveTaskQueue) {
    this.tuning = tuning;
    this.view = new OperatorView();
    RetryOptions agentRetries =
        RetryOptions.newBuilder()
            .setInitialInterval(tuning.retryInitialInterval())
            .setBackoffCoefficient(2)
            .setMaximumInterval(tuning.retryMaximumInterval())
            .setMaximumAttempts(tuning.retryMaximumAttempts())
            .setDoNotRetry(FailureType.LLM_REJECTED.name(), FailureType.JOB_GONE.name())
            .build();
    ActivityOptions agentTurn =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(tuning.turnTimeout())
            // A dead worker is noticed by missing heartbeats, long before the turn timeout.
            .setHeartbeatTimeout(tuning.heartbeatTimeout())
            .setRetryOptions(agentRetries)
            .build();
    this.clientRelations = Workflow.newActivityStub(ClientRelationsActivities.class, agentTurn);
    this.executives =
        Workflow.newActivityStub(
            ExecutiveActivities.class,
            ActivityOptions.newBuilder(agentTurn).setTaskQueue(executiveTaskQueue).build());
    // Bookkeeping (the slot queue included) only touches the database: retry it for as long as
    // the database is away, never fail a job for an outage.
    RetryOptions untilTheDatabaseIsBack =
        RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30))
            .setDoNotRetry(FailureType.JOB_GONE.name())
            .build();
    this.jobs =
        Workflow.newActivityStub(
            JobActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(BOOKKEEPING_TIMEOUT)
                .setRetryOptions(untilTheDatabaseIsBack)
                .build());
    this.localJobs =
        Workflow.newLocalActivityStub(
            JobActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(BOOKKEEPING_TIMEOUT)
                // The SDK retries a local activity only within a schedule-to-close timeout or a
                // number of attempts (temporalio/sdk-java#1727); a day stands for "until the
                // database is back".
                .setScheduleToCloseTimeout(Duration.ofDays(1))
                .setRetryOptions(untilTheDatabaseIsBack)
                .build());
  }

  @Override
  public void run(String jobId) {
    pausable =
        Workflow.getVersion(PAUSABLE_TURNS, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    // What the job's row says from here on includes every reopening signalled so far: the API
    // signals before it commits, and loadJob waits for its row lock.
    reopened = false;
    int resumesBeforeLoad = resumes;
    JobActivities.JobSnapshot job;
    try {
      job =
          Workflow.getVersion(LOCAL_LOAD, Workflow.DEFAULT_VERSION, 1) == 1
              ? localJobs.loadJob(jobId)
              : jobs.loadJob(jobId);
    } catch (ActivityFailure e) {
      if (FailureType.JOB_GONE.matches(e.getCause())) {
        enter(JobPhase.CANCELLED);
        return;
      }
      throw e;
    }
    plan = job.plan();
    discussionBase = job.discussionBase();
    view.loaded(JobPhase.valueOf(job.status().name()), job.paused());
    if (pausable && job.paused() && resumes == resumesBeforeLoad) {
      sawPause(resumesBeforeLoad);
    }
    turn = job.clientRelationsTurns();
    lastEventSeq = job.lastEventSeq();
    try {
      switch (job.status()) {
        case COLLECTING -> {
          if (interview(jobId, job.awaitingReply() || turn == 0)) {
            discuss(jobId);
          }
        }
        case QUEUED, RUNNING -> discuss(jobId);
        case DONE, FAILED -> {}
      }
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()
          || FailureType.JOB_GONE.matches(e.getCause())) {
        // The job was deleted: write nothing more.
        enter(JobPhase.CANCELLED);
        throw e;
      }
      String reason = reasonOf(e);
      log.warn("Job {} failed: {}", jobId, reason);
      boolean heldSlot = view.phase() == JobPhase.RUNNING;
      failJob(jobId, reason, failureTypeOf(e));
      if (heldSlot) {
        wake(jobs.nextInLine());
      }
    }
    if (reopened) {
      // A change request or a retry arrived while this run was ending: start over from the job.
      continueAsNew(jobId);
    }
    if (failure != null) {
      // After the job's row says failed: the run ends failed, with the failure type operators see.
      throw failure;
    }
  }

  /**
   * Marks the job failed (its row and {@code status} event) and remembers what this run then ends
   * with (see {@link #FAILED_RUN_FAILS}; runs that predate it complete).
   */
  private void failJob(String jobId, String reason, String type) {
    view.waitingFor(JobWaitingFor.DATABASE);
    lastEventSeq = jobs.failJob(jobId, reason);
    enter(JobPhase.FAILED);
    if (Workflow.getVersion(FAILED_RUN_FAILS, Workflow.DEFAULT_VERSION, 1)
        != Workflow.DEFAULT_VERSION) {
      failure = ApplicationFailure.newNonRetryableFailure(reason, type);
    }
  }

  /** The failure type a run that failed its job ends with: the activity's, when it has one. */
  static String failureTypeOf(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app && !app.getType().isEmpty()) {
      return app.getType();
    }
    if (cause instanceof TimeoutFailure) {
      return FailureType.AGENT_TIMEOUT.name();
    }
    return FailureType.AGENT_FAILED.name();
  }

  /** Returns true when the requirements are in and the job is queued. */
  private boolean interview(String jobId, boolean replyNow) {
    boolean needReply = replyNow;
    while (true) {
      if (paused) {
        // No model call, and no idle timeout, until the job is resumed.
        awaitResume();
        continue;
      }
      if (needReply || promptEdited || !pendingMessages.isEmpty()) {
        enter(JobPhase.COLLECTING);
        boolean edited = promptEdited;
        promptEdited = false;
        Set<String> signalled = new LinkedHashSet<>(pendingMessages);
        int resumesBefore = resumes;
        view.waitingFor(JobWaitingFor.CLIENT_RELATIONS);
        ClientRelationsActivities.Reply reply =
            clientRelations.replyToUser(
                new ClientRelationsActivities.Turn(jobId, turn + 1, edited, pausable));
        lastEventSeq = Math.max(lastEventSeq, reply.lastEventSeq());
        if (reply.outcome() == Outcome.PAUSED) {
          // Nothing was answered: the same turn is taken once the job is resumed.
          promptEdited |= edited;
          sawPause(resumesBefore);
          continue;
        }
        pendingMessages.removeAll(reply.answeredMessageIds());
        if (reply.replied()) {
          turn++;
        } else if (reply.outcome() == Outcome.NOTHING_TO_ANSWER) {
          // Nothing new to answer: those ids belong to messages that were never stored.
          pendingMessages.removeAll(signalled);
        }
        // A superseded summary is asked for again, with what the user wrote meanwhile.
        needReply = reply.outcome() == Outcome.SUPERSEDED;
        if (edited && reply.outcome() == Outcome.SUPERSEDED) {
          promptEdited = true;
        }
        if (reply.outcome() == Outcome.SUMMARISED) {
          enter(JobPhase.QUEUED);
          return true;
        }
        continue;
      }
      continueAsNewIfLong(jobId);
      view.waitingFor(JobWaitingFor.USER_REPLY);
      boolean woken =
          Workflow.await(
              tuning.idleTimeout(), () -> promptEdited || !pendingMessages.isEmpty() || paused);
      if (!woken) {
        failJob(
            jobId,
            "The interview was closed because no reply came for "
                + describe(tuning.idleTimeout())
                + ". Start a new job to continue with this idea.",
            FailureType.INTERVIEW_IDLE.name());
        return false;
      }
    }
  }

  private void discuss(String jobId) {
    enter(JobPhase.QUEUED);
    while (true) {
      // Reset before asking: a wake-up that arrives while the claim runs makes it ask again.
      slotOffered = false;
      int resumesBefore = resumes;
      view.waitingFor(JobWaitingFor.DATABASE);
      JobActivities.SlotClaim claim = jobs.claimExecutiveSlot(jobId);
      lastEventSeq = Math.max(lastEventSeq, claim.lastEventSeq());
      wake(claim.wake());
      if (claim.claimed()) {
        break;
      }
      // Whoever frees a slot wakes the oldest queued job; the timer only covers a lost wake-up.
      // A paused job claims none; its resume wakes it.
      view.waitingFor(paused ? JobWaitingFor.RESUME : JobWaitingFor.EXECUTIVE_SLOT);
      Workflow.await(tuning.slotRecheckInterval(), () -> slotOffered || resumes > resumesBefore);
      continueAsNewIfLong(jobId);
    }
    enter(JobPhase.RUNNING);
    int rounds = plan.executiveRounds();
    int held = 0;
    for (int round = 1; round <= rounds; round++) {
      held = round;
      view.round(round, rounds);
      int order = Discussion.ceoOrder(discussionBase, round);
      ExecutiveActivities.TurnOutcome ceo =
          executiveTurn(
              new ExecutiveActivities.Turn(jobId, order, Agent.CEO, round, rounds, pausable));
      ExecutiveActivities.TurnOutcome cto =
          executiveTurn(
              new ExecutiveActivities.Turn(jobId, order + 1, Agent.CTO, round, rounds, pausable));
      lastEventSeq = Math.max(lastEventSeq, cto.lastEventSeq());
      if (ceo.agrees() && cto.agrees()) {
        break;
      }
    }
    int secretary = Discussion.secretaryOrder(discussionBase, held);
    if (pausable) {
      while (true) {
        int resumesBefore = resumes;
        view.waitingFor(JobWaitingFor.SECRETARY);
        ExecutiveActivities.SpecOutcome spec =
            executives.writeSpec(new ExecutiveActivities.SpecTurn(jobId, secretary));
        lastEventSeq = Math.max(lastEventSeq, spec.lastEventSeq());
        if (!spec.paused()) {
          break;
        }
        sawPause(resumesBefore);
        waitOutPause(jobId);
      }
    } else {
      view.waitingFor(JobWaitingFor.SECRETARY);
      lastEventSeq = executives.writePrd(jobId, secretary);
    }
    enter(JobPhase.DONE);
    wake(jobs.nextInLine());
  }

  /** One CEO or CTO turn; a paused job takes it once resumed. */
  private ExecutiveActivities.TurnOutcome executiveTurn(ExecutiveActivities.Turn t) {
    while (true) {
      int resumesBefore = resumes;
      view.waitingFor(t.agent() == Agent.CEO ? JobWaitingFor.CEO : JobWaitingFor.CTO);
      ExecutiveActivities.TurnOutcome outcome = executives.takeTurn(t);
      lastEventSeq = Math.max(lastEventSeq, outcome.lastEventSeq());
      if (!outcome.paused()) {
        return outcome;
      }
      sawPause(resumesBefore);
      waitOutPause(t.jobId());
    }
  }

  /**
   * Waits until the paused discussion is resumed. Since {@link #PAUSE_FREES_SLOT}, its slot goes to
   * the next queued job meanwhile, and a resumed job that finds none free queues again: this run
   * ends and the next one starts from the queue.
   */
  private void waitOutPause(String jobId) {
    boolean freesSlot =
        Workflow.getVersion(PAUSE_FREES_SLOT, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    if (freesSlot) {
      wake(jobs.nextInLine());
    }
    awaitResume();
    if (freesSlot && !jobs.retakeSlot(jobId)) {
      continueAsNew(jobId);
    }
  }

  /** The job was seen paused when {@code resumesThen} resumes had been signalled. */
  private void sawPause(int resumesThen) {
    setPaused(true);
    pauseSeenAt = resumesThen;
  }

  /** Waits, without a timeout, until the job is resumed after the pause last seen. */
  private void awaitResume() {
    view.waitingFor(JobWaitingFor.RESUME);
    Workflow.await(() -> resumes > pauseSeenAt);
    setPaused(false);
  }

  private void setPaused(boolean nowPaused) {
    paused = nowPaused;
    view.paused(nowPaused);
  }

  private static final String EXTERNAL_WORKFLOW_NOT_FOUND = "EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND";

  /** Tells each of these queued jobs that a slot may be free for it. */
  private void wake(List<String> jobIds) {
    List<Promise<Void>> sent =
        jobIds.stream()
            .map(
                id ->
                    Async.procedure(
                        Workflow.newExternalWorkflowStub(
                                JobWorkflow.class, JobWorkflow.workflowId(UUID.fromString(id)))
                            ::slotFreed))
            .toList();
    for (Promise<Void> signal : sent) {
      try {
        signal.get();
      } catch (SignalExternalWorkflowException e) {
        // Its workflow is gone; whoever restarts it finds the slot free.
        log.info("Could not wake a queued job: {}", e.getMessage());
      } catch (ApplicationFailure e) {
        // How SDK 1.38 reports the same (NOT_FOUND as a failure of the signal's promise): the
        // waker must carry on, or one lost workflow would fail every job that frees a slot.
        if (!e.getType().endsWith(EXTERNAL_WORKFLOW_NOT_FOUND)) {
          throw e;
        }
        log.info("Could not wake a queued job: {}", e.getOriginalMessage());
      }
    }
  }

  /** Waiting runs start afresh before their history grows long; the new run re-reads the job. */
  private void continueAsNewIfLong(String jobId) {
    if (Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > plan.maxHistoryEvents()) {
      continueAsNew(jobId);
    }
  }

  /** Starts a new run of this job, which re-reads where the job stands. */
  private void continueAsNew(String jobId) {
    // Signals that arrive meanwhile reach the new run; it also re-reads unanswered messages.
    Workflow.await(Workflow::isEveryHandlerFinished);
    // A new run gets no memo unless it is given one; search attributes are carried explicitly
    // too, whatever the SDK version does by default.
    Map<String, Object> memo = new LinkedHashMap<>();
    for (String key : JobWorkflowOptions.MEMO_KEYS) {
      String value = Workflow.getMemo(key, String.class, String.class);
      if (value != null) {
        memo.put(key, value);
      }
    }
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder()
            .setMemo(memo)
            .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
            .build(),
        jobId);
  }

  /** Records the phase, and mirrors it into the search attributes operators filter by. */
  private void enter(JobPhase newPhase) {
    view.enter(newPhase);
  }

  @Override
  public void userMessage(UserMessageSignal signal) {
    if (signal != null && signal.messageId() != null) {
      pendingMessages.add(signal.messageId());
    }
  }

  @Override
  public void promptUpdated() {
    promptEdited = true;
  }

  @Override
  public void slotFreed() {
    slotOffered = true;
  }

  @Override
  public void jobChanged(JobChange change) {
    if (change == null) {
      return;
    }
    switch (change) {
      case PAUSED -> {
        if (pausable && !paused) {
          sawPause(resumes);
        }
      }
      case RESUMED -> {
        resumes++;
        setPaused(false);
      }
      case REOPENED -> reopened = true;
    }
  }

  @Override
  public JobWorkflowState state() {
    return view.state(turn, lastEventSeq, paused);
  }

  /** The reason shown to the user: what went wrong, without stack traces or internals. */
  static String reasonOf(ActivityFailure e) {
    String who =
        switch (e.getActivityType()) {
          case "ReplyToUser" -> "The Client Relations agent";
          case "TakeTurn" -> "The executive team";
          case "WritePrd", "WriteSpec" -> "The Secretary";
          default -> "The job";
        };
    Throwable cause = e.getCause();
    if (cause instanceof TimeoutFailure) {
      return who + " did not answer in time, even after retries.";
    }
    if (cause instanceof ApplicationFailure app) {
      return who + " could not continue: " + app.getOriginalMessage();
    }
    return who + " could not continue: " + (cause == null ? e.getMessage() : cause.getMessage());
  }

  static String describe(Duration d) {
    if (d.toMinutes() < 1) {
      return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
    }
    if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1 && d.toMinutes() % 60 == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
  }
}
