package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowState;
import dev.ideaforge.model.workflow.UserMessageSignal;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One job from the first reply to the PRD. The workflow holds no facts of its own: it asks the
 * database where the job stands (so a new run, or a run started again after the Temporal service
 * lost its state, carries on), and every side effect happens in an activity.
 */
public class JobWorkflowImpl implements JobWorkflow {

  static final String JOB_GONE = "JobGone";
  static final String LLM_REJECTED = "LlmRejected";

  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);
  private static final Duration SLOT_POLL_FIRST = Duration.ofSeconds(1);
  private static final Duration SLOT_POLL_MAX = Duration.ofSeconds(15);

  private final WorkflowTuning tuning;
  private final JobActivities jobs;
  private final ClientRelationsActivities clientRelations;
  private final ExecutiveActivities executives;

  /** User messages signalled but not yet answered, by id. */
  private final Set<String> pendingMessages = new LinkedHashSet<>();

  private boolean promptEdited;
  private String phase = "starting";
  private int turn;
  private long lastEventSeq;

  public JobWorkflowImpl(WorkflowTuning tuning, String executiveTaskQueue) {
    this.tuning = tuning;
    RetryOptions agentRetries =
        RetryOptions.newBuilder()
            .setInitialInterval(tuning.retryInitialInterval())
            .setBackoffCoefficient(2)
            .setMaximumInterval(tuning.retryMaximumInterval())
            .setMaximumAttempts(tuning.retryMaximumAttempts())
            .setDoNotRetry(LLM_REJECTED, JOB_GONE)
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
    // Bookkeeping only touches the database: retry it for as long as the database is away.
    this.jobs =
        Workflow.newActivityStub(
            JobActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setDoNotRetry(JOB_GONE)
                        .build())
                .build());
  }

  @Override
  public void run(String jobId) {
    JobActivities.JobSnapshot job;
    try {
      job = jobs.loadJob(jobId);
    } catch (ActivityFailure e) {
      if (isJobGone(e)) {
        enter("cancelled");
        return;
      }
      throw e;
    }
    turn = job.clientRelationsTurns();
    lastEventSeq = job.lastEventSeq();
    try {
      switch (job.status()) {
        case "collecting" -> {
          if (!interview(jobId, job.awaitingReply() || turn == 0)) {
            return;
          }
          discuss(jobId);
        }
        case "queued", "running" -> discuss(jobId);
        default -> enter(job.status());
      }
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested() || isJobGone(e)) {
        // The job was deleted: write nothing more.
        enter("cancelled");
        throw e;
      }
      String reason = reasonOf(e);
      log.warn("Job {} failed: {}", jobId, reason);
      lastEventSeq = jobs.failJob(jobId, reason);
      enter("failed");
    }
  }

  /** Returns true when the requirements are in and the job is queued. */
  private boolean interview(String jobId, boolean replyNow) {
    boolean needReply = replyNow;
    while (true) {
      if (needReply || promptEdited || !pendingMessages.isEmpty()) {
        enter("collecting");
        boolean edited = promptEdited;
        promptEdited = false;
        Set<String> signalled = new LinkedHashSet<>(pendingMessages);
        ClientRelationsActivities.Reply reply =
            clientRelations.replyToUser(
                new ClientRelationsActivities.Turn(jobId, turn + 1, edited));
        lastEventSeq = Math.max(lastEventSeq, reply.lastEventSeq());
        pendingMessages.removeAll(reply.answeredMessageIds());
        if (reply.replied()) {
          turn++;
        } else {
          // Nothing new to answer: those ids belong to messages that were never stored.
          pendingMessages.removeAll(signalled);
        }
        needReply = false;
        if (reply.summaryReady()) {
          enter("queued");
          return true;
        }
        continue;
      }
      if (Workflow.getInfo().isContinueAsNewSuggested()
          || Workflow.getInfo().getHistoryLength() > tuning.maxHistoryEvents()) {
        // Signals that arrive meanwhile reach the new run; it also re-reads unanswered messages.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(jobId);
      }
      boolean woken =
          Workflow.await(tuning.idleTimeout(), () -> promptEdited || !pendingMessages.isEmpty());
      if (!woken) {
        lastEventSeq =
            jobs.failJob(
                jobId,
                "The interview was closed because no reply came for "
                    + describe(tuning.idleTimeout())
                    + ". Start a new job to continue with this idea.");
        enter("failed");
        return false;
      }
    }
  }

  private void discuss(String jobId) {
    enter("queued");
    Duration pause = SLOT_POLL_FIRST;
    while (true) {
      ExecutiveActivities.SlotClaim claim = executives.claimExecutiveSlot(jobId);
      lastEventSeq = Math.max(lastEventSeq, claim.lastEventSeq());
      if (claim.claimed()) {
        break;
      }
      Workflow.sleep(pause);
      pause =
          pause.multipliedBy(2).compareTo(SLOT_POLL_MAX) > 0
              ? SLOT_POLL_MAX
              : pause.multipliedBy(2);
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(jobId);
      }
    }
    enter("running");
    int order = 1;
    int rounds = tuning.maxExecutiveRounds();
    for (int round = 1; round <= rounds; round++) {
      ExecutiveActivities.TurnOutcome ceo =
          executives.takeTurn(new ExecutiveActivities.Turn(jobId, order++, "CEO", round, rounds));
      ExecutiveActivities.TurnOutcome cto =
          executives.takeTurn(new ExecutiveActivities.Turn(jobId, order++, "CTO", round, rounds));
      lastEventSeq = Math.max(lastEventSeq, cto.lastEventSeq());
      if (ceo.agrees() && cto.agrees()) {
        break;
      }
    }
    lastEventSeq = executives.writePrd(jobId, order);
    enter("done");
  }

  /**
   * Records the phase, and mirrors it into the status search attribute when one is configured, so
   * operators can filter jobs by phase in the Temporal UI.
   */
  private void enter(String newPhase) {
    if (newPhase.equals(phase)) {
      return;
    }
    phase = newPhase;
    if (!tuning.statusSearchAttribute().isEmpty()) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributeKey.forKeyword(tuning.statusSearchAttribute()).valueSet(newPhase));
    }
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
  public JobWorkflowState state() {
    return new JobWorkflowState(phase, turn, lastEventSeq);
  }

  private static boolean isJobGone(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure app && JOB_GONE.equals(app.getType());
  }

  /** The reason shown to the user: what went wrong, without stack traces or internals. */
  static String reasonOf(ActivityFailure e) {
    String who =
        switch (e.getActivityType()) {
          case "ReplyToUser" -> "The Client Relations agent";
          case "TakeTurn" -> "The executive team";
          case "WritePrd" -> "The Secretary";
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

  private static String describe(Duration d) {
    if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1 && d.toMinutes() % 60 == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + " minutes";
  }
}
