package dev.ideaforge.model.events;

import java.util.UUID;

/** A row of {@code job_events}: {@code payload} is exactly the JSON text sent to sockets. */
public record StoredJobEvent(UUID jobId, long seq, String kind, String payload) {}
