package dev.ideaforge.model.users;

import dev.ideaforge.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An account. The job owner; jobs, messages and apps are reachable only through it. */
@Entity
@Table(name = "users")
public class User extends BaseEntity {

  @Column(nullable = false)
  private String email;

  @Column(nullable = false)
  private String username;

  @Column(nullable = false)
  private String name;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "date_joined", nullable = false)
  private Instant dateJoined;

  protected User() {}

  public User(String email, String username, String name, String passwordHash, Instant dateJoined) {
    super(UUID.randomUUID());
    this.email = email;
    this.username = username;
    this.name = name;
    this.passwordHash = passwordHash;
    this.active = true;
    this.dateJoined = dateJoined;
  }

  public String getEmail() {
    return email;
  }

  public String getUsername() {
    return username;
  }

  public String getName() {
    return name;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public boolean isActive() {
    return active;
  }

  public Instant getDateJoined() {
    return dateJoined;
  }
}
