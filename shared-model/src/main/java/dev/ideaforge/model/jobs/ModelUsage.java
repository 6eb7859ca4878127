package dev.ideaforge.model.jobs;

/**
 * What one model call cost, stored in server-owned columns beside the agent message or step it
 * produced (never read from metadata, which clients write).
 */
public record ModelUsage(String provider, long promptTokens, long completionTokens) {}
