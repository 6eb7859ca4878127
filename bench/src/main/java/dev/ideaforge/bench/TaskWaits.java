package dev.ideaforge.bench;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where jobs waited at the Temporal service: for every workflow and activity task in the jobs'
 * histories, the time from scheduled to started, that is until a poller of our worker took it. A
 * workflow task is named by what woke the workflow (its start, a signal, the activity that
 * completed, a timer), so the interview's tasks and the discussion's tell apart.
 */
final class TaskWaits {

  private final Map<String, Stats> byKind = new TreeMap<>();

  void addJob(WorkflowClient client, String jobId) {
    Map<Long, Long> scheduledAt = new HashMap<>();
    Map<Long, String> kindOf = new HashMap<>();
    String wokenBy = "start";
    for (HistoryEvent e : client.fetchHistory("job-" + jobId).getHistory().getEventsList()) {
      long at = e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> {
          scheduledAt.put(e.getEventId(), at);
          kindOf.put(e.getEventId(), "workflow task after " + wokenBy);
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          scheduledAt.put(e.getEventId(), at);
          kindOf.put(
              e.getEventId(),
              "activity "
                  + e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        }
        case EVENT_TYPE_WORKFLOW_TASK_STARTED ->
            waited(
                e.getWorkflowTaskStartedEventAttributes().getScheduledEventId(),
                at,
                scheduledAt,
                kindOf);
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            waited(
                e.getActivityTaskStartedEventAttributes().getScheduledEventId(),
                at,
                scheduledAt,
                kindOf);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            wokenBy =
                kindOf
                    .get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId())
                    .replace("activity ", "");
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED ->
            wokenBy = "signal " + e.getWorkflowExecutionSignaledEventAttributes().getSignalName();
        case EVENT_TYPE_TIMER_FIRED -> wokenBy = "timer";
        default -> {}
      }
    }
  }

  private void waited(
      long scheduledId, long startedAt, Map<Long, Long> at, Map<Long, String> kind) {
    Long scheduled = at.get(scheduledId);
    if (scheduled != null) {
      byKind.computeIfAbsent(kind.get(scheduledId), Stats::new).addMillis(startedAt - scheduled);
    }
  }

  /** One row per task kind (ms). */
  List<Result.Wait> rows() {
    List<Result.Wait> rows = new ArrayList<>();
    byKind.forEach(
        (kind, s) ->
            rows.add(
                new Result.Wait(
                    kind,
                    s.count(),
                    s.mean(),
                    s.percentile(50),
                    s.percentile(90),
                    s.percentile(99),
                    s.max())));
    return rows;
  }
}
