package dev.ideaforge.model.workflow;

import java.util.Locale;

/** Where a job's workflow is: the job's status, plus the moments before and after it has one. */
public enum JobPhase {
  STARTING,
  COLLECTING,
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  /** Whether the workflow has nothing more to do for the job. */
  public boolean isFinal() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  /** The lowercase name shown to operators (query result, status search attribute). */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
