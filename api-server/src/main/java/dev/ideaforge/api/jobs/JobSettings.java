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
// Boxed where a variable maps in: an empty one binds as null, which takes the @DefaultValue
// (a primitive cannot be null, so it would fail to bind).
@Validated
@ConfigurationProperties("ideaforge.jobs")
record JobSettings(
    @DefaultValue("false") Boolean allowPurge,
    @DefaultValue("5000") @Positive int maxPromptLength) {}
