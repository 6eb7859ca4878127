package dev.ideaforge.model;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads for the processes' own background work (publishing, heartbeats, sweeps): named, so they
 * are easy to spot in a thread dump, and daemons, so they never hold a stopping JVM open.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Threads named {@code <name>-1}, {@code <name>-2}, … */
  public static ThreadFactory named(String name) {
    CustomizableThreadFactory factory = new CustomizableThreadFactory(name + "-");
    factory.setDaemon(true);
    return factory;
  }
}
