package dev.ideaforge.model.workflow;

/**
 * Where a job's workflow stands, for operators ({@code temporal workflow query --type state}, or
 * the Temporal UI's Queries tab).
 *
 * @param phase where the workflow is
 * @param turn Client Relations turns taken so far
 * @param lastEventSeq seq of the last event the workflow's activities appended
 * @param paused whether the job waits for its owner to resume it, as far as this run knows
 * @param round the executive round in progress (0 before the discussion)
 * @param rounds the executive rounds planned for this job (0 until it is loaded)
 * @param waitingFor what the workflow waits for now
 */
public record JobWorkflowState(
    JobPhase phase,
    int turn,
    long lastEventSeq,
    boolean paused,
    int round,
    int rounds,
    JobWaitingFor waitingFor) {}
