package dev.ideaforge.model.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AppRepository extends JpaRepository<App, UUID> {

  Optional<App> findByJobId(UUID jobId);

  @Query(
      "select a from App a where exists (select 1 from Job j where j.id = a.jobId and j.userId = ?1)"
          + " order by a.createdAt desc")
  List<App> findOwnedBy(UUID userId);

  @Query(
      "select a from App a where a.id = ?1 and exists "
          + "(select 1 from Job j where j.id = a.jobId and j.userId = ?2)")
  Optional<App> findOwned(UUID id, UUID userId);
}
