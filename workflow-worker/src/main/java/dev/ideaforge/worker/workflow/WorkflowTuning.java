package dev.ideaforge.worker.workflow;

import java.time.Duration;

/**
 * The settings {@link JobWorkflowImpl} is built with: timeouts, retry policies and timer lengths.
 * None of them decides which commands a workflow issues, so a deploy may change them under running
 * jobs; what does decide (rounds, history length) travels in {@link JobActivities.JobPlan}.
 */
record WorkflowTuning(
    Duration idleTimeout,
    Duration turnTimeout,
    Duration heartbeatTimeout,
    Duration retryInitialInterval,
    Duration retryMaximumInterval,
    int retryMaximumAttempts,
    Duration slotRecheckInterval) {}
