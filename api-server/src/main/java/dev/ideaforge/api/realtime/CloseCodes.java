package dev.ideaforge.api.realtime;

import org.springframework.web.socket.CloseStatus;

/** The close codes a client acts on (documented in the README). */
final class CloseCodes {

  /** No, invalid or expired token: refresh it and reconnect. */
  static final CloseStatus UNAUTHENTICATED = new CloseStatus(4001, "Authentication failed");

  static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "Token expired");

  /** Logout, or reuse of a refresh token of the same login: log in again. */
  static final CloseStatus TOKEN_REVOKED = new CloseStatus(4001, "Token revoked");

  /**
   * The token could not be checked against the deny-list (Redis is away): not the client's fault,
   * so not 4001; reconnect later with the same token.
   */
  static final CloseStatus TOKEN_CHECK_UNAVAILABLE =
      CloseStatus.SERVER_ERROR.withReason("Token check unavailable; retry");

  /** The job does not exist or is not the user's. */
  static final CloseStatus FORBIDDEN = new CloseStatus(4003, "Job not found");

  static final CloseStatus TOO_MANY_SOCKETS =
      CloseStatus.POLICY_VIOLATION.withReason("Too many open sockets for this user");

  private CloseCodes() {}
}
