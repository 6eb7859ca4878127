package dev.ideaforge.model.jobs;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppVersionRepository extends JpaRepository<AppVersion, UUID> {

  List<AppVersion> findByAppIdOrderByVersionAsc(UUID appId);
}
