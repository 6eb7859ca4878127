package dev.ideaforge.worker.agents;

import java.util.List;

/**
 * One chat completion: a system prompt and the conversation so far.
 *
 * @param agent the agent asking, so per-agent models and the scripted agents can pick their part
 * @param structuredAs the record the answer should be JSON of, for endpoints that support
 *     structured outputs; null for free text. Providers without them ignore it, and the caller
 *     parses the answer leniently either way.
 */
public record LlmRequest(
    Agent agent, String systemPrompt, List<LlmMessage> messages, Class<?> structuredAs) {

  public LlmRequest {
    messages = List.copyOf(messages);
  }

  public LlmRequest(Agent agent, String systemPrompt, List<LlmMessage> messages) {
    this(agent, systemPrompt, messages, null);
  }

  /** The last message, which carries the instruction for this turn. */
  public LlmMessage last() {
    return messages.get(messages.size() - 1);
  }

  public record LlmMessage(Role role, String content) {}

  public enum Role {
    USER,
    ASSISTANT
  }
}
