package dev.ideaforge.model.jobs;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<Job, UUID> {

  Optional<Job> findByIdAndUserId(UUID id, UUID userId);

  List<Job> findByUserIdOrderByCreatedAtDesc(UUID userId);

  /** Loads the job and holds its row lock until the transaction ends. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select j from Job j where j.id = ?1")
  Optional<Job> findForUpdate(UUID id);

  /**
   * Discussions that hold an executive slot: running and not paused. A paused discussion gives its
   * slot back until it is resumed.
   */
  @Query(
      nativeQuery = true,
      value = "select count(*) from jobs where status = 'running' and not is_paused")
  long countHoldingSlots();

  /**
   * Holds a transaction-scoped advisory lock on the user's jobs, so two concurrent creations of one
   * user run one after the other. Run it in its own statement before counting: a statement's
   * snapshot is taken when it starts, before it waits for the lock.
   */
  @Query(
      nativeQuery = true,
      value =
          "select 1 from (select pg_advisory_xact_lock(hashtextextended("
              + "'jobs-of-user:' || cast(?1 as text), 0))) as locked")
  int lockJobsOfUser(UUID userId);

  /** Jobs of a user that are not done or failed. */
  @Query(
      nativeQuery = true,
      value =
          "select count(*) from jobs where user_id = ?1"
              + " and status in ('collecting', 'queued', 'running')")
  long countUnfinished(UUID userId);

  /**
   * Queued jobs in the order they queued (first come, first served), at most {@code limit}. A
   * paused job keeps its place but lets the others by.
   */
  @Query(
      nativeQuery = true,
      value =
          "select id from jobs where status = 'queued' and not is_paused"
              + " order by queued_at, id limit ?1")
  List<UUID> queuedInOrder(int limit);

  /** How many queued jobs that are not paused queued before this one. */
  @Query(
      nativeQuery = true,
      value =
          "select count(*) from jobs q join jobs j on j.id = ?1 where q.status = 'queued'"
              + " and not q.is_paused and (q.queued_at, q.id) < (j.queued_at, j.id)")
  long countQueuedAhead(UUID jobId);

  /**
   * Model usage of a job: the server-owned columns of its agents' messages and steps (never the
   * metadata, which clients write).
   */
  @Query(
      nativeQuery = true,
      value =
          "select count(*) as calls,"
              + " coalesce(sum(prompt_tokens), 0) as promptTokens,"
              + " coalesce(sum(completion_tokens), 0) as completionTokens"
              + " from (select prompt_tokens, completion_tokens from job_messages where job_id = ?1"
              + " and model_provider is not null"
              + " union all select prompt_tokens, completion_tokens from job_steps where job_id = ?1"
              + " and model_provider is not null) m")
  JobUsage usageOf(UUID jobId);

  /** Totals of {@link #usageOf}. */
  interface JobUsage {
    long getCalls();

    long getPromptTokens();

    long getCompletionTokens();
  }

  /**
   * One page of unfinished jobs created before {@code createdBefore}, in id order after {@code
   * afterId}: the worker's recovery walks all of them without loading them at once.
   */
  @Query(
      nativeQuery = true,
      value =
          "select * from jobs where status in ('collecting', 'queued', 'running')"
              + " and created_at < ?2 and id > ?1 order by id limit ?3")
  List<Job> findUnfinishedPage(UUID afterId, Instant createdBefore, int limit);

  /**
   * Interviews created before {@code createdBefore} that have no reply yet, oldest first, at most
   * {@code limit}: the jobs an api-server stopped between their commit and their workflow's start
   * would be among them (the worker's recovery starts those).
   */
  @Query(
      nativeQuery = true,
      value =
          "select * from jobs j where j.status = 'collecting' and j.created_at < ?1"
              + " and not exists (select 1 from job_messages m where m.job_id = j.id"
              + " and m.role = 'agent') order by j.created_at limit ?2")
  List<Job> findNotYetAnswered(Instant createdBefore, int limit);
}
