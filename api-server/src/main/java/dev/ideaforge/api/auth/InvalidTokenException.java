package dev.ideaforge.api.auth;

/** A token that is malformed, forged, expired, revoked or of the wrong type. */
public class InvalidTokenException extends RuntimeException {

  public InvalidTokenException(String message) {
    super(message);
  }
}
