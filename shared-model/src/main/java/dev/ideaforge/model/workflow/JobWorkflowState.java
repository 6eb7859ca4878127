package dev.ideaforge.model.workflow;

/**
 * A snapshot of a job's workflow.
 *
 * @param phase where the workflow is
 * @param turn Client Relations turns taken so far
 * @param lastEventSeq seq of the last event the workflow's activities appended
 */
public record JobWorkflowState(JobPhase phase, int turn, long lastEventSeq) {}
