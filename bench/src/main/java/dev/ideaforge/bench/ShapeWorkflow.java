package dev.ideaforge.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The throughput floor: a workflow with a job's shape (as many signals, activities and timers as a
 * real job's history holds) whose activities do nothing. Each signal answers a "question": the
 * activity before it tells the driver to send it, as a user answers the interviewer.
 */
@WorkflowInterface
public interface ShapeWorkflow {

  /** What one job's workflow history holds. */
  record Shape(int signals, int activities, int timers) {}

  @WorkflowMethod
  void run(String id, Shape shape);

  @SignalMethod
  void answer();

  @ActivityInterface
  interface Steps {
    /** Does nothing; when {@code asks} the driver sends the next answer. */
    void step(String id, boolean asks);
  }

  class Impl implements ShapeWorkflow {
    private int answers;
    private final Steps steps =
        Workflow.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public void run(String id, Shape shape) {
      int activitiesLeft = shape.activities();
      int timersLeft = shape.timers();
      int perStep = Math.max(1, shape.activities() / (shape.signals() + 1));
      for (int step = 0; step <= shape.signals(); step++) {
        boolean asks = step < shape.signals();
        int n = asks ? Math.min(perStep, activitiesLeft) : activitiesLeft;
        for (int i = 0; i < n; i++) {
          steps.step(id, asks && i == n - 1);
          activitiesLeft--;
        }
        if (asks) {
          int expected = step + 1;
          if (timersLeft > 0) {
            // As the job's interview waits: for the answer or an idle timeout (a timer).
            Workflow.await(Duration.ofDays(7), () -> answers >= expected);
            timersLeft--;
          } else {
            Workflow.await(() -> answers >= expected);
          }
        }
      }
      for (; timersLeft > 0; timersLeft--) {
        Workflow.sleep(Duration.ofMillis(1));
      }
    }

    @Override
    public void answer() {
      answers++;
    }
  }
}
