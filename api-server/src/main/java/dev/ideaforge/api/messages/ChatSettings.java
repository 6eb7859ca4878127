package dev.ideaforge.api.messages;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxContentLength the longest chat message accepted, in characters
 */
@Validated
@ConfigurationProperties("ideaforge.chat")
public record ChatSettings(@DefaultValue("10000") @Positive int maxContentLength) {}
