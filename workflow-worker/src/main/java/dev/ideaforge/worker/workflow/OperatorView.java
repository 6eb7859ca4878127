package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.workflow.JobPhase;
import dev.ideaforge.model.workflow.JobSearchAttributes;
import dev.ideaforge.model.workflow.JobWaitingFor;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.JobWorkflowState;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.Objects;

/**
 * What operators see of a job's workflow: its search attributes, kept in step with its phase and
 * pause, and what its {@code state} query answers. Part of the workflow: no I/O, and every upsert
 * follows from the run's history alone.
 *
 * <p>A run keeps {@link JobSearchAttributes} up to date when it was started with them (whoever
 * starts it decides, from what the namespace has registered). Runs started before them may carry
 * one status attribute named in their memo, which is kept up to date the way it always was.
 */
final class OperatorView {

  private final boolean attributes;
  private final String legacyStatusAttribute;
  private JobPhase phase = JobPhase.STARTING;
  private JobWaitingFor waitingFor = JobWaitingFor.DATABASE;
  private int round;
  private int rounds;

  OperatorView() {
    this.attributes = Workflow.getTypedSearchAttributes().containsKey(JobSearchAttributes.STATUS);
    this.legacyStatusAttribute =
        Workflow.getMemo(JobWorkflowOptions.STATUS_ATTRIBUTE_MEMO, String.class, String.class);
  }

  /**
   * The job as this run loaded it. The starter set the attributes to the row as it stood then; a
   * run continued as new carries its predecessor's, which the row may have left behind (a change
   * request reopened a done job), so they are brought in step here.
   */
  void loaded(JobPhase loadedPhase, boolean loadedPaused) {
    phase = loadedPhase;
    if (attributes) {
      upsertIfChanged(JobSearchAttributes.STATUS, loadedPhase.value());
      upsertIfChanged(JobSearchAttributes.PAUSED, loadedPaused);
    }
  }

  void enter(JobPhase newPhase) {
    if (newPhase == phase) {
      return;
    }
    phase = newPhase;
    if (attributes) {
      upsertIfChanged(JobSearchAttributes.STATUS, newPhase.value());
    } else if (legacyStatusAttribute != null && !legacyStatusAttribute.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributeKey.forKeyword(legacyStatusAttribute).valueSet(newPhase.value()));
    }
  }

  /** The run saw the job paused or resumed (the run itself keeps what it saw). */
  void paused(boolean nowPaused) {
    if (attributes) {
      upsertIfChanged(JobSearchAttributes.PAUSED, nowPaused);
    }
  }

  void waitingFor(JobWaitingFor what) {
    waitingFor = what;
  }

  void round(int current, int planned) {
    round = current;
    rounds = planned;
  }

  JobPhase phase() {
    return phase;
  }

  JobWorkflowState state(int turn, long lastEventSeq, boolean paused) {
    JobWaitingFor now = phase.isFinal() ? JobWaitingFor.NOTHING : waitingFor;
    return new JobWorkflowState(phase, turn, lastEventSeq, paused, round, rounds, now);
  }

  private <T> void upsertIfChanged(SearchAttributeKey<T> key, T value) {
    if (!Objects.equals(Workflow.getTypedSearchAttributes().get(key), value)) {
      Workflow.upsertTypedSearchAttributes(key.valueSet(value));
    }
  }
}
