package dev.ideaforge.worker.agents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the {@link LlmClient} named by {@code LLM_PROVIDER}. */
@Configuration(proxyBeanMethods = false)
class LlmConfig {

  private static final Logger log = LoggerFactory.getLogger(LlmConfig.class);

  @Bean
  LlmClient llmClient(LlmSettings settings) {
    log.info("Agents answer through {}", settings);
    return switch (settings.provider()) {
      case SCRIPTED -> new ScriptedLlmClient(settings.scriptedDelay());
      case OPENAI -> new OpenAiLlmClient(settings);
    };
  }
}
