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
 * @param statusSearchAttribute a Keyword search attribute the workflow keeps set to its phase (e.g.
 *     {@code IdeaforgeJobStatus}, registered by the compose setup); empty = off, for servers where
 *     it is not registered (the Java test server)
 * @param workflowConcurrency workflow and activity tasks one worker runs at once
 */
@Validated
@ConfigurationProperties("ideaforge.agents")
public record AgentSettings(
    @DefaultValue("5") @Min(1) int maxUserRounds,
    @DefaultValue("7d") Duration idleTimeout,
    @DefaultValue("3") @Min(1) int maxExecutiveRounds,
    @DefaultValue("4") @Min(1) int maxRunningJobs,
    @DefaultValue("3m") Duration turnTimeout,
    @DefaultValue("30s") Duration heartbeatTimeout,
    @DefaultValue("2s") Duration retryInitialInterval,
    @DefaultValue("1m") Duration retryMaximumInterval,
    @DefaultValue("6") @Min(1) int retryMaximumAttempts,
    @DefaultValue("10000") @Min(50) int maxHistoryEvents,
    @DefaultValue("") String statusSearchAttribute,
    @DefaultValue("50") @Min(1) int workflowConcurrency) {

  /** The part of the settings the workflow code needs; it travels into the workflow as-is. */
  WorkflowTuning tuning() {
    return new WorkflowTuning(
        idleTimeout,
        turnTimeout,
        heartbeatTimeout,
        retryInitialInterval,
        retryMaximumInterval,
        retryMaximumAttempts,
        maxExecutiveRounds,
        maxHistoryEvents,
        statusSearchAttribute == null ? "" : statusSearchAttribute.strip());
  }
}
