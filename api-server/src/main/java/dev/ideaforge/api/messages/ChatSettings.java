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
// Boxed where a variable maps in: an empty one binds as null, which takes the @DefaultValue
// (a primitive cannot be null, so it would fail to bind).
@Validated
@ConfigurationProperties("ideaforge.chat")
public record ChatSettings(
    @DefaultValue("10000") @Positive Integer maxContentLength,
    @DefaultValue("false") Boolean allowNonUserMessages) {}
