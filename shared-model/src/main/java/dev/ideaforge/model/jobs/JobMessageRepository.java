package dev.ideaforge.model.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface JobMessageRepository extends JpaRepository<JobMessage, UUID> {

  /** The transcript, oldest first. */
  List<JobMessage> findByJobIdOrderByPositionAsc(UUID jobId);

  Optional<JobMessage> findFirstByJobIdOrderByPositionAsc(UUID jobId);

  Optional<JobMessage> findByIdempotencyKey(String idempotencyKey);

  @Query(
      "select m from JobMessage m where m.id = ?1 and exists "
          + "(select 1 from Job j where j.id = m.jobId and j.userId = ?2)")
  Optional<JobMessage> findOwned(UUID id, UUID userId);
}
