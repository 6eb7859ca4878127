package dev.ideaforge.worker.workflow;

import java.time.Duration;

/**
 * The settings {@link JobWorkflowImpl} works with. They must stay the same while a workflow's
 * history replays, so change them between deployments, not under running jobs' feet.
 */
record WorkflowTuning(
    Duration idleTimeout,
    Duration turnTimeout,
    Duration heartbeatTimeout,
    Duration retryInitialInterval,
    Duration retryMaximumInterval,
    int retryMaximumAttempts,
    int maxExecutiveRounds,
    int maxHistoryEvents,
    String statusSearchAttribute) {}
