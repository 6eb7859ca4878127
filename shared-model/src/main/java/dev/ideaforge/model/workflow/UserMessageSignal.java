package dev.ideaforge.model.workflow;

/** Carries the id of the stored {@code JobMessage}; the workflow reads its content from the DB. */
public record UserMessageSignal(String messageId) {}
