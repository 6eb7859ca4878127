package dev.ideaforge.worker.workflow;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How jobs run ({@code ideaforge.agents}).
 *
 * @param maxUserRounds user replies after which Client Relations is asked to summarise
 * @param idleTimeout how long an interview waits for the user before the job fails
 * @param maxExecutiveRounds CEO+CTO rounds before the Secretary writes the PRD without agreement
 * @param maxRunningJobs executive discussions that may run at once across all workers; the rest
 *     wait in {@code queued}
 * @param turnTimeout how long one agent turn (one model call) may take
 * @param heartbeatTimeout how soon a turn whose worker died is retried elsewhere; turns report
 *     progress at a third of it while the model thinks
 * @param retryInitialInterval first pause before a failed agent turn is retried
 * @param retryMaximumInterval longest pause between retries (the pause doubles up to it)
 * @param retryMaximumAttempts attempts of one turn before the job fails
 * @param maxHistoryEvents history length at which an interview continues as a new run
 * @param slotRecheckInterval how often a queued job checks for a free slot on its own; normally it
 *     is woken as soon as one frees, so this only matters when a wake-up was lost
 * @param workflowConcurrency workflow and activity tasks one worker runs at once
 */
// Boxed where a variable maps in: an empty one binds as null, which takes the @DefaultValue
// (a primitive cannot be null, so it would fail to bind).
@Validated
@ConfigurationProperties("ideaforge.agents")
public record AgentSettings(
    @DefaultValue("5") @Min(1) Integer maxUserRounds,
    @DefaultValue("7d") Duration idleTimeout,
    @DefaultValue("3") @Min(1) Integer maxExecutiveRounds,
    @DefaultValue("4") @Min(1) Integer maxRunningJobs,
    @DefaultValue("3m") Duration turnTimeout,
    @DefaultValue("30s") Duration heartbeatTimeout,
    @DefaultValue("2s") Duration retryInitialInterval,
    @DefaultValue("1m") Duration retryMaximumInterval,
    @DefaultValue("6") @Min(1) Integer retryMaximumAttempts,
    @DefaultValue("10000") @Min(50) int maxHistoryEvents,
    @DefaultValue("5m") Duration slotRecheckInterval,
    @DefaultValue("50") @Min(1) int workflowConcurrency) {

  /**
   * The part of the settings the workflow code needs; it travels into the workflow as-is. Settings
   * that decide which commands a workflow issues (rounds, history length) are not here: they reach
   * it through its first activity, in its history, so a deploy cannot change them under it.
   */
  WorkflowTuning tuning() {
    return new WorkflowTuning(
        idleTimeout,
        turnTimeout,
        heartbeatTimeout,
        retryInitialInterval,
        retryMaximumInterval,
        retryMaximumAttempts,
        slotRecheckInterval);
  }
}
