package dev.ideaforge.worker.agents;

import dev.ideaforge.model.Json;
import tools.jackson.databind.node.ObjectNode;

/** What a model answered, with what it cost, for the metadata of the stored message or step. */
public record LlmReply(
    String content,
    String provider,
    String model,
    long promptTokens,
    long completionTokens,
    long latencyMs) {

  /** The metadata stored with the agent's message or step. */
  public ObjectNode metadata() {
    ObjectNode node = Json.object();
    node.put("provider", provider);
    node.put("model", model);
    node.put("prompt_tokens", promptTokens);
    node.put("completion_tokens", completionTokens);
    node.put("latency_ms", latencyMs);
    return node;
  }
}
