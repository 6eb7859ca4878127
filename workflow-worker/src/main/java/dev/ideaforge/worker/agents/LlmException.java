package dev.ideaforge.worker.agents;

/**
 * A model call failed. {@code retryable} is true for what time may cure (timeouts, 429, 5xx, a
 * dropped connection) and false for what it will not (bad credentials, a rejected request).
 */
public class LlmException extends RuntimeException {

  private final boolean retryable;

  public LlmException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
