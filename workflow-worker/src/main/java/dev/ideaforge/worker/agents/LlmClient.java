package dev.ideaforge.worker.agents;

/**
 * The one door to a language model. Implementations do not retry: Temporal owns retries, so an
 * implementation reports a failure as an {@link LlmException} that says whether retrying can help.
 */
public interface LlmClient {

  /** Answers one chat completion for the given agent. */
  LlmReply complete(LlmRequest request);

  /** The provider name recorded in message and step metadata. */
  String provider();
}
