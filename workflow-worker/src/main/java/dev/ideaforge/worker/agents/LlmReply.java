package dev.ideaforge.worker.agents;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.jobs.ModelUsage;
import tools.jackson.databind.node.ObjectNode;

/** What a model answered, with what it cost, for the metadata of the stored message or step. */
public record LlmReply(
    String content,
    String provider,
    String model,
    long promptTokens,
    long completionTokens,
    long latencyMs) {

  /** What the call cost, for the server-owned columns of the stored message or step. */
  public ModelUsage usage() {
    return new ModelUsage(provider, promptTokens, completionTokens);
  }

  /** The metadata stored with the agent's message or step, for display only. */
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
