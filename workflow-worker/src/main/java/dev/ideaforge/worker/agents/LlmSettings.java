package dev.ideaforge.worker.agents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which model answers the agents ({@code ideaforge.llm}).
 *
 * @param provider {@code scripted} (offline, deterministic, the default) or {@code openai} (any
 *     OpenAI-compatible chat-completions endpoint: OpenAI, Ollama, vLLM, llama.cpp server)
 * @param baseUrl the endpoint's base URL, e.g. {@code http://localhost:11434/v1} for Ollama
 * @param apiKey optional for local servers; never logged
 * @param model the default model; the per-agent models override it when set
 * @param timeout how long one completion may take
 * @param scriptedDelay how long each scripted answer takes, to make demos and crash drills look
 *     like a real model (0 by default)
 */
// Boxed where a variable maps in: an empty one binds as null, which takes the @DefaultValue
// (a primitive cannot be null, so it would fail to bind).
@Validated
@ConfigurationProperties("ideaforge.llm")
public record LlmSettings(
    @DefaultValue("scripted") @NotNull Provider provider,
    @NotBlank String baseUrl,
    @DefaultValue("") String apiKey,
    @NotBlank String model,
    @DefaultValue("") String clientRelationsModel,
    @DefaultValue("") String ceoModel,
    @DefaultValue("") String ctoModel,
    @DefaultValue("") String secretaryModel,
    @DefaultValue("120s") Duration timeout,
    @DefaultValue("0.4") Double temperature,
    @DefaultValue("0s") Duration scriptedDelay) {

  public LlmSettings {
    // Here rather than in @DefaultValue: an empty variable (application.yml maps an unset one
    // to empty) binds a String as "", which @DefaultValue does not replace.
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.openai.com/v1" : baseUrl;
    model = model == null || model.isBlank() ? "gpt-4o-mini" : model;
  }

  public enum Provider {
    SCRIPTED,
    OPENAI
  }

  public String modelFor(Agent agent) {
    String override =
        switch (agent) {
          case CLIENT_RELATIONS -> clientRelationsModel;
          case CEO -> ceoModel;
          case CTO -> ctoModel;
          case SECRETARY -> secretaryModel;
        };
    return override == null || override.isBlank() ? model : override;
  }

  @Override
  public String toString() {
    return "LlmSettings[provider=%s, baseUrl=%s, model=%s, apiKey=%s]"
        .formatted(provider, baseUrl, model, apiKey == null || apiKey.isEmpty() ? "none" : "***");
  }
}
