package dev.ideaforge.worker.recovery;

/**
 * The recovery mode in effect (never {@link RecoveryMode#AUTO}) and the workflow cache size that
 * goes with it.
 */
public record EffectiveRecovery(RecoveryMode mode, int workflowCacheSize) {

  public EffectiveRecovery {
    if (mode == RecoveryMode.AUTO) {
      throw new IllegalArgumentException("the effective mode is test-server or cluster");
    }
  }

  static EffectiveRecovery of(RecoverySettings settings, RecoveryMode effective) {
    return new EffectiveRecovery(effective, settings.workflowCacheSizeFor(effective));
  }
}
