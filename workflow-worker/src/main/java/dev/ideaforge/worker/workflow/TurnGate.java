package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.Job;
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

  TurnGate(JobTransactions tx, JobEventLog events) {
    this.tx = tx;
    this.events = events;
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
          return new Verdict(job.isPaused(), events.lastSeq(jobId));
        });
  }
}
