package dev.ideaforge.worker.recovery;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker recovers jobs whose workflow the Temporal service lost ({@code
 * ideaforge.recovery}). A zero or negative interval switches that mechanism off.
 *
 * @param mode {@code test-server}, {@code cluster} or {@code auto} (detected at startup)
 * @param sweepInterval how often one worker starts a workflow for jobs that have none: in
 *     test-server mode every unfinished job (the in-memory service lost its state), in cluster mode
 *     the interviews with no reply yet (an api-server stopped between a job's commit and its
 *     workflow's start)
 * @param closedRunInterval cluster mode: how often one worker looks for job workflows that were
 *     terminated or cancelled from outside (the Temporal UI, the CLI), timed out or failed while
 *     their job was unfinished, and marks those jobs failed
 * @param watchdogInterval test-server mode: how often one worker looks for runs whose workflow task
 *     or activity task the service lost, and restarts them from the database
 * @param lostTaskAfter a task still not picked up (or not finished) this long after the workflow
 *     task timeout counts as lost; never less than the workflow task timeout
 * @param startGrace jobs younger than this are left to the API that is creating them
 * @param pageSize jobs read from the database at a time
 * @param startupPassLimit most jobs the startup pass looks at (cluster mode's only pass)
 * @param workflowCacheSize workflows a worker keeps in memory between tasks (sticky execution);
 *     unset = 0 in test-server mode (that server never reroutes a dead worker's sticky tasks), 600
 *     on a cluster
 */
@Validated
@ConfigurationProperties("ideaforge.recovery")
public record RecoverySettings(
    @DefaultValue("auto") RecoveryMode mode,
    @DefaultValue("1m") Duration sweepInterval,
    @DefaultValue("10s") Duration closedRunInterval,
    @DefaultValue("10s") Duration watchdogInterval,
    @DefaultValue("20s") Duration lostTaskAfter,
    @DefaultValue("30s") Duration startGrace,
    @DefaultValue("200") @Min(1) int pageSize,
    @DefaultValue("10000") @Min(0) int startupPassLimit,
    @Min(0) Integer workflowCacheSize) {

  static final int CLUSTER_WORKFLOW_CACHE_SIZE = 600;

  /** The cache size for the mode in effect; an explicit setting wins. */
  int workflowCacheSizeFor(RecoveryMode effective) {
    if (workflowCacheSize != null) {
      return workflowCacheSize;
    }
    return effective == RecoveryMode.TEST_SERVER ? 0 : CLUSTER_WORKFLOW_CACHE_SIZE;
  }

  static boolean isOn(Duration interval) {
    return interval != null && !interval.isZero() && !interval.isNegative();
  }
}
