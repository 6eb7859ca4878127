package dev.ideaforge.api.jobs;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param allowPurge whether {@code DELETE /api/jobs/purge/} works ({@code ALLOW_JOB_PURGE}; on only
 *     in the dev profile)
 * @param maxPromptLength the longest accepted idea, in characters
 */
@Validated
@ConfigurationProperties("ideaforge.jobs")
record JobSettings(
    @DefaultValue("false") boolean allowPurge,
    @DefaultValue("5000") @Positive int maxPromptLength) {}
