package dev.ideaforge.model.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface JobStepRepository extends JpaRepository<JobStep, UUID> {

  List<JobStep> findByJobIdOrderByOrderAsc(UUID jobId);

  Optional<JobStep> findByJobIdAndOrder(UUID jobId, int order);

  /** The order of the job's last step, 0 when it has none. */
  @Query("select coalesce(max(s.order), 0) from JobStep s where s.jobId = ?1")
  int lastOrder(UUID jobId);
}
