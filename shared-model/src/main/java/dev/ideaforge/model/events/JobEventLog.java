package dev.ideaforge.model.events;

import dev.ideaforge.model.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one write path for job events. {@link #append} must run inside the transaction that writes
 * the fact the event reports: the row and the fact commit together or not at all, and the event is
 * published on Redis only after that commit.
 *
 * <p>Seqs are per job and gapless: each append bumps {@code jobs.last_event_seq} under the job's
 * row lock, so concurrent writers of one job queue up, and a rolled-back transaction gives its seq
 * back.
 */
@Component
public class JobEventLog {

  @PersistenceContext private EntityManager em;

  private final JobEventPublisher publisher;

  public JobEventLog(JobEventPublisher publisher) {
    this.publisher = publisher;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public StoredJobEvent append(UUID jobId, JobEvent event) {
    // Pending entity writes (a new job, a status change) must reach the database first, both for
    // the foreign key and so that the row lock below is taken in a predictable order.
    em.flush();
    long seq =
        ((Number)
                em.createNativeQuery(
                        "update jobs set last_event_seq = last_event_seq + 1 where id = ?1"
                            + " returning last_event_seq")
                    .setParameter(1, jobId)
                    .getSingleResult())
            .longValue();
    ObjectNode payload = Json.object();
    payload.put("kind", event.kind());
    payload.put("seq", seq);
    payload.setAll((ObjectNode) Json.mapper().valueToTree(event));
    String json = Json.write(payload);
    em.createNativeQuery(
            "insert into job_events (job_id, seq, kind, payload, created_at)"
                + " values (?1, ?2, ?3, cast(?4 as jsonb), ?5)")
        .setParameter(1, jobId)
        .setParameter(2, seq)
        .setParameter(3, event.kind())
        .setParameter(4, json)
        .setParameter(5, Timestamp.from(Instant.now()))
        .executeUpdate();
    StoredJobEvent stored = new StoredJobEvent(jobId, seq, event.kind(), json);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            publisher.publish(stored);
          }
        });
    return stored;
  }

  /**
   * Replaces the {@code chat} event of a deleted message by a {@code message_deleted} tombstone
   * with the same seq, id, jobId and timestamp: the content leaves the log, and seqs stay gapless
   * for clients that resume. Must run in the transaction that deletes the message, holding the
   * job's row lock.
   *
   * @return whether the message had a chat event
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean tombstoneChat(UUID jobId, UUID messageId) {
    return em.createNativeQuery(
                "update job_events set kind = 'message_deleted', payload = jsonb_build_object("
                    + "'kind', 'message_deleted', 'seq', seq, 'jobId', payload -> 'jobId',"
                    + " 'id', payload -> 'id', 'timestamp', payload -> 'timestamp')"
                    + " where job_id = ?1 and kind = 'chat' and payload ->> 'id' = ?2")
            .setParameter(1, jobId)
            .setParameter(2, messageId.toString())
            .executeUpdate()
        > 0;
  }

  /** Stored events of a job with a seq greater than {@code afterSeq}, in order, at most limit. */
  @Transactional(readOnly = true)
  public List<StoredJobEvent> after(UUID jobId, long afterSeq, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select seq, kind, cast(payload as text) from job_events"
                    + " where job_id = ?1 and seq > ?2 order by seq limit ?3")
            .setParameter(1, jobId)
            .setParameter(2, afterSeq)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new StoredJobEvent(
                    jobId, ((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
        .toList();
  }

  /** The highest seq of each given job that still exists, in one query. */
  @Transactional(readOnly = true)
  public java.util.Map<UUID, Long> lastSeqs(java.util.Collection<UUID> jobIds) {
    java.util.Map<UUID, Long> result = new java.util.HashMap<>();
    if (jobIds.isEmpty()) {
      return result;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("select id, last_event_seq from jobs where id in (?1)")
            .setParameter(1, List.copyOf(jobIds))
            .getResultList();
    for (Object[] row : rows) {
      result.put((UUID) row[0], ((Number) row[1]).longValue());
    }
    return result;
  }

  /** The highest seq handed out for a job so far (0 when none, or when the job does not exist). */
  @Transactional(readOnly = true)
  public long lastSeq(UUID jobId) {
    List<?> rows =
        em.createNativeQuery("select last_event_seq from jobs where id = ?1")
            .setParameter(1, jobId)
            .getResultList();
    return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
  }
}
