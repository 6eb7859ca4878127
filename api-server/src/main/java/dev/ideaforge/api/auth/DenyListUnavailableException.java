package dev.ideaforge.api.auth;

/**
 * Redis, which holds the deny-list of revoked access tokens, cannot be reached. Tokens are then
 * refused (503, or socket close 1011) rather than accepted unchecked: one might have been revoked.
 */
public class DenyListUnavailableException extends RuntimeException {

  static final String DETAIL =
      "Tokens cannot be checked right now (the revocation list is unavailable); please retry.";

  DenyListUnavailableException(Throwable cause) {
    super(DETAIL, cause);
  }
}
