package dev.ideaforge.api.auth;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

  /** Locks the row, so two concurrent refreshes of one token cannot both succeed. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select t from RefreshToken t where t.jti = ?1")
  Optional<RefreshToken> findForUpdate(UUID jti);

  /** Revokes every still-usable token of a family; rows revoked before keep their time. */
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("update RefreshToken t set t.revokedAt = ?2 where t.family = ?1 and t.revokedAt is null")
  int revokeFamily(UUID family, Instant now);

  /**
   * Deletes rows whose token has expired, revoked or not. Revoked rows that have not expired stay:
   * they are what recognises the reuse of a rotated token. Idempotent, so several api-servers may
   * run it at once.
   */
  @Transactional
  @Modifying
  @Query("delete from RefreshToken t where t.expiresAt < ?1")
  int deleteExpired(Instant now);
}
