package dev.ideaforge.worker.agents;

import java.util.List;

/**
 * One chat completion: a system prompt and the conversation so far.
 *
 * @param agent the agent asking, so per-agent models and the scripted agents can pick their part
 */
public record LlmRequest(Agent agent, String systemPrompt, List<LlmMessage> messages) {

  public LlmRequest {
    messages = List.copyOf(messages);
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
