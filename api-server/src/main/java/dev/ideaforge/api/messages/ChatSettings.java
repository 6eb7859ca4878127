package dev.ideaforge.api.messages;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxContentLength the longest chat message accepted, in characters
 * @param allowNonUserMessages whether {@code POST /api/job-messages/} takes {@code agent} and
 *     {@code system} messages (tooling, the benchmark); on in the dev profile only, because such a
 *     message speaks in an agent's name
 */
@Validated
@ConfigurationProperties("ideaforge.chat")
public record ChatSettings(
    @DefaultValue("10000") @Positive int maxContentLength,
    @DefaultValue("false") boolean allowNonUserMessages) {}
