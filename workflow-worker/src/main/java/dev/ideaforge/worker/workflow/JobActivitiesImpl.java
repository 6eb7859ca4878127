package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class JobActivitiesImpl implements JobActivities {

  /** Serialises slot claims across all workers, so the running count is never exceeded. */
  private static final long SLOT_LOCK = 0x1DEAF0E6EL;

  @PersistenceContext private EntityManager em;

  private final JobTransactions tx;
  private final JobRepository jobs;
  private final JobMessageRepository messages;
  private final JobStatusChanges statuses;
  private final JobEventLog events;
  private final AgentSettings settings;

  JobActivitiesImpl(
      JobTransactions tx,
      JobRepository jobs,
      JobMessageRepository messages,
      JobStatusChanges statuses,
      JobEventLog events,
      AgentSettings settings) {
    this.tx = tx;
    this.jobs = jobs;
    this.messages = messages;
    this.statuses = statuses;
    this.events = events;
    this.settings = settings;
  }

  @Override
  public JobSnapshot loadJob(String jobId) {
    UUID id = UUID.fromString(jobId);
    return tx.inJobTransaction(
        jobId,
        () -> {
          Job job = tx.lock(id);
          List<Interview.Line> transcript =
              Interview.lines(messages.findByJobIdOrderByPositionAsc(id));
          boolean awaiting =
              job.getStatus() == JobStatus.COLLECTING
                  && !Interview.unanswered(transcript).isEmpty();
          JobPlan plan =
              new JobPlan(
                  job.planExecutiveRounds(settings.maxExecutiveRounds()),
                  settings.maxHistoryEvents());
          return new JobSnapshot(
              job.getStatus(),
              Interview.turnsTaken(id, transcript),
              awaiting,
              events.lastSeq(id),
              plan,
              job.isPaused(),
              job.getDiscussionBase());
        });
  }

  @Override
  public long failJob(String jobId, String reason) {
    UUID id = UUID.fromString(jobId);
    return tx.inJobTransaction(
        jobId,
        () -> {
          Job job = jobs.findForUpdate(id).orElse(null);
          if (job == null) {
            return 0L;
          }
          if (job.getStatus().isFinished()) {
            return events.lastSeq(id);
          }
          return statuses.fail(job, reason);
        });
  }

  @Override
  public SlotClaim claimExecutiveSlot(String jobId) {
    UUID id = UUID.fromString(jobId);
    return tx.inJobTransaction(
        jobId,
        () -> {
          lockSlots();
          Job job = tx.lock(id);
          switch (job.getStatus()) {
            case RUNNING, DONE -> {
              return new SlotClaim(true, events.lastSeq(id), List.of());
            }
            case QUEUED -> {}
            default -> throw JobTransactions.jobGone(id);
          }
          if (job.isPaused()) {
            // Its resume wakes it; it keeps its place in the queue meanwhile.
            return new SlotClaim(false, events.lastSeq(id), List.of());
          }
          long running = jobs.countHoldingSlots();
          if (!ExecutiveSlots.mayClaim(
              running, jobs.countQueuedAhead(id), settings.maxRunningJobs())) {
            return new SlotClaim(false, events.lastSeq(id), List.of());
          }
          long seq = statuses.run(job);
          return new SlotClaim(true, seq, waiting(running + 1));
        });
  }

  @Override
  public boolean retakeSlot(String jobId) {
    UUID id = UUID.fromString(jobId);
    return tx.inJobTransaction(
        jobId,
        () -> {
          lockSlots();
          Job job = tx.lock(id);
          if (job.getStatus() != JobStatus.RUNNING || job.isPaused()) {
            // Finished meanwhile, or paused again: the next turn finds out.
            return true;
          }
          // The job counts itself since its resume; the others decide.
          long others = jobs.countHoldingSlots() - 1;
          if (ExecutiveSlots.mayClaim(others, 0, settings.maxRunningJobs())) {
            return true;
          }
          statuses.requeueAfterPause(job);
          return false;
        });
  }

  @Override
  public List<String> nextInLine() {
    return tx.inTransaction(
        () -> {
          lockSlots();
          return waiting(jobs.countHoldingSlots());
        });
  }

  /** The oldest queued jobs, as many as there are free slots. */
  private List<String> waiting(long running) {
    int free = ExecutiveSlots.free(running, settings.maxRunningJobs());
    return free == 0 ? List.of() : jobs.queuedInOrder(free).stream().map(UUID::toString).toList();
  }

  private void lockSlots() {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, SLOT_LOCK)
        .getSingleResult();
  }
}
