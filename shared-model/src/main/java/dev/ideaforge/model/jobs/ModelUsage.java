package dev.ideaforge.model.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What one model call cost, stored in server-owned columns beside the agent message or step it
 * produced (never read from metadata, which clients write). Null on rows no model call wrote.
 */
@Embeddable
public record ModelUsage(
    @Column(name = "model_provider", updatable = false) String provider,
    @Column(name = "prompt_tokens", updatable = false) long promptTokens,
    @Column(name = "completion_tokens", updatable = false) long completionTokens) {}
