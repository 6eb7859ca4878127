package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatusChanges;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Asked by every agent turn before its model call: may the job spend a model call now? A paused job
 * may not. The turn then stores nothing and reports that it waits, and the workflow waits for the
 * job to be resumed.
 */
@Component
class TurnGate {

  private final JobTransactions tx;
  private final JobEventLog events;
  private final JobRepository jobs;
  private final JobStatusChanges statuses;

  TurnGate(JobTransactions tx, JobEventLog events, JobRepository jobs, JobStatusChanges statuses) {
    this.tx = tx;
    this.events = events;
    this.jobs = jobs;
    this.statuses = statuses;
  }

  /**
   * @param closed the job must wait: no model call now
   * @param lastEventSeq the job's last event seq
   */
  record Verdict(boolean closed, long lastEventSeq) {}

  Verdict check(UUID jobId) {
    return tx.inTransaction(
        () -> {
          Job job = tx.lock(jobId);
          if (job.isPaused()) {
            return new Verdict(true, events.lastSeq(jobId));
          }
          if (job.getTokenBudget() != null) {
            JobRepository.JobUsage usage = jobs.usageOf(jobId);
            long used = usage.getPromptTokens() + usage.getCompletionTokens();
            if (TokenBudget.spent(used, job.getTokenBudget())) {
              return new Verdict(
                  true, statuses.pause(job, TokenBudget.pausedMessage(used, job.getTokenBudget())));
            }
          }
          return new Verdict(false, events.lastSeq(jobId));
        });
  }
}
