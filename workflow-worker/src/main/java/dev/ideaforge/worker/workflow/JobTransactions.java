package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.worker.agents.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every activity needs around its database work: a transaction, the job's row lock (which also
 * waits for an API transaction that wrote to the job and signalled us before committing), a clear
 * end when the job was deleted, and the job id in the log context.
 */
@Component
class JobTransactions {

  private final TransactionTemplate tx;
  private final JobRepository jobs;

  JobTransactions(PlatformTransactionManager transactionManager, JobRepository jobs) {
    this.tx = new TransactionTemplate(transactionManager);
    this.jobs = jobs;
  }

  <T> T inTransaction(Supplier<T> work) {
    return tx.execute(status -> work.get());
  }

  /** The job, locked until the surrounding transaction ends. */
  Job lock(UUID jobId) {
    return jobs.findForUpdate(jobId).orElseThrow(() -> jobGone(jobId));
  }

  static ApplicationFailure jobGone(UUID jobId) {
    return FailureType.JOB_GONE.nonRetryable("Job " + jobId + " no longer exists");
  }

  /** Runs an activity body in one transaction, with {@code jobId} in the logging context. */
  <T> T inJobTransaction(String jobId, Supplier<T> work) {
    return forJob(jobId, () -> inTransaction(work));
  }

  /** Runs an activity body with {@code jobId} in the logging context. */
  static <T> T forJob(String jobId, Supplier<T> body) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
      return body.get();
    }
  }
}
