package dev.ideaforge.worker.agents;

import io.temporal.failure.ApplicationFailure;

/**
 * Why an activity failed, as the type of its {@link ApplicationFailure}: the workflow's retry
 * policies and its failure handling match on these, never on free text.
 */
public enum FailureType {
  /** The job was deleted (or is no longer in a state this activity may write to). */
  JOB_GONE,
  /** The model endpoint refused the request for good (auth, bad request): retrying cannot help. */
  LLM_REJECTED,
  /** The model call may succeed later (timeout, 429, 5xx, unreachable). */
  LLM_UNAVAILABLE,
  /** The model answered, but not in a form the agent's rules accept. */
  INVALID_AGENT_REPLY,
  /** Another attempt of the same turn stored its result first; the retry reports it. */
  TURN_RACE,
  /** A failed job's run: an agent did not answer in time, even after retries. */
  AGENT_TIMEOUT,
  /** A failed job's run: an agent's turn failed for a reason of no other type. */
  AGENT_FAILED,
  /** A failed job's run: the interview was closed because the user did not reply in time. */
  INTERVIEW_IDLE;

  public ApplicationFailure retryable(String message) {
    return ApplicationFailure.newFailure(message, name());
  }

  public ApplicationFailure nonRetryable(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }

  /** Whether {@code failure} (typically an activity failure's cause) is of this type. */
  public boolean matches(Throwable failure) {
    return failure instanceof ApplicationFailure app && name().equals(app.getType());
  }
}
