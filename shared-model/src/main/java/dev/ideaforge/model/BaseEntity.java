package dev.ideaforge.model;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * Entities get their UUID in Java, at construction. Persistable tells Spring Data that such an
 * entity is new, so {@code save} inserts instead of selecting first to decide between insert and
 * merge.
 */
@MappedSuperclass
public abstract class BaseEntity implements Persistable<UUID> {

  @Id private UUID id;

  @Transient private boolean isNew = true;

  protected BaseEntity() {}

  protected BaseEntity(UUID id) {
    this.id = id;
  }

  @Override
  public UUID getId() {
    return id;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  @PostLoad
  @PostPersist
  void markNotNew() {
    isNew = false;
  }
}
