package dev.ideaforge.worker.workflow;

/**
 * The rules of the executive slots: at most {@code maxRunning} discussions at once, handed out
 * first come, first served in the order jobs were queued. No database, no Temporal.
 */
final class ExecutiveSlots {

  private ExecutiveSlots() {}

  /** Slots free while {@code running} discussions run. */
  static int free(long running, int maxRunning) {
    return (int) Math.max(0, maxRunning - running);
  }

  /**
   * Whether a queued job may start its discussion: a slot is free for it once every job queued
   * before it has one too, so a newer job never overtakes an older one.
   */
  static boolean mayClaim(long running, long queuedAhead, int maxRunning) {
    return queuedAhead < free(running, maxRunning);
  }
}
