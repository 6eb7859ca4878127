package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StatusEvent;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.MessageRole;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class JobActivitiesImpl implements JobActivities {

  private final JobTransactions tx;
  private final JobRepository jobs;
  private final JobMessageRepository messages;
  private final JobEventLog events;
  private final Clock clock;

  JobActivitiesImpl(
      JobTransactions tx,
      JobRepository jobs,
      JobMessageRepository messages,
      JobEventLog events,
      Clock clock) {
    this.tx = tx;
    this.jobs = jobs;
    this.messages = messages;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public JobSnapshot loadJob(String jobId) {
    UUID id = UUID.fromString(jobId);
    return JobTransactions.forJob(
        jobId,
        () ->
            tx.inTransaction(
                () -> {
                  Job job = jobs.findById(id).orElseThrow(() -> JobTransactions.jobGone(id));
                  List<JobMessage> transcript = messages.findByJobIdOrderByPositionAsc(id);
                  int turns =
                      (int)
                          transcript.stream()
                              .filter(m -> ClientRelationsActivitiesImpl.isTurnOf(id, m))
                              .count();
                  boolean awaiting =
                      job.getStatus() == JobStatus.COLLECTING
                          && ClientRelationsActivitiesImpl.unanswered(transcript).size() > 0;
                  return new JobSnapshot(
                      job.getStatus().value(), turns, awaiting, events.lastSeq(id));
                }));
  }

  @Override
  public long failJob(String jobId, String reason) {
    UUID id = UUID.fromString(jobId);
    return JobTransactions.forJob(
        jobId,
        () ->
            tx.inTransaction(
                () -> {
                  Job job = jobs.findForUpdate(id).orElse(null);
                  if (job == null) {
                    return 0L;
                  }
                  if (job.getStatus().isFinished()) {
                    return events.lastSeq(id);
                  }
                  job.markFailed(reason, clock.instant());
                  return events
                      .append(
                          id,
                          new StatusEvent(
                              id,
                              JobStatus.FAILED.value(),
                              "Job failed: " + reason,
                              clock.instant()))
                      .seq();
                }));
  }

  static boolean isUser(JobMessage m) {
    return m.getRole() == MessageRole.USER;
  }
}
