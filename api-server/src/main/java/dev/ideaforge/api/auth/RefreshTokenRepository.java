package dev.ideaforge.api.auth;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

  /** Locks the row, so two concurrent refreshes of one token cannot both succeed. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select t from RefreshToken t where t.jti = ?1")
  Optional<RefreshToken> findForUpdate(UUID jti);

  @Modifying
  @Query("delete from RefreshToken t where t.expiresAt < ?1")
  int deleteExpired(Instant now);
}
