package dev.ideaforge.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** The Temporal floor: a signal that makes a workflow run one activity, nothing else. */
@WorkflowInterface
public interface PingWorkflow {

  @WorkflowMethod
  void run(int pings);

  @SignalMethod
  void ping(long id);

  @ActivityInterface
  interface Pong {
    void pong(long id);
  }

  class Impl implements PingWorkflow {
    private final Deque<Long> pending = new ArrayDeque<>();
    private final Pong pong =
        Workflow.newActivityStub(
            Pong.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public void run(int pings) {
      for (int i = 0; i < pings; i++) {
        Workflow.await(() -> !pending.isEmpty());
        pong.pong(pending.poll());
      }
    }

    @Override
    public void ping(long id) {
      pending.add(id);
    }
  }
}
