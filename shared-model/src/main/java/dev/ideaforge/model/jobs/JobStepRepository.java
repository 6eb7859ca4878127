package dev.ideaforge.model.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface JobStepRepository extends JpaRepository<JobStep, UUID> {

  List<JobStep> findByJobIdOrderByOrderAsc(UUID jobId);

  Optional<JobStep> findByJobIdAndOrder(UUID jobId, int order);
}
