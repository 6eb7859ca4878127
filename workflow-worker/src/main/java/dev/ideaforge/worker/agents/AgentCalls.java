package dev.ideaforge.worker.agents;

import dev.ideaforge.model.DaemonThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls the model for an agent from inside an activity: records latency and tokens, and turns an
 * {@link LlmException} into the Temporal failure that says whether the turn is worth retrying.
 */
@Component
public class AgentCalls {

  private static final Logger log = LoggerFactory.getLogger(AgentCalls.class);

  private final LlmClient llm;
  private final Prompts prompts;
  private final MeterRegistry meters;
  private final ScheduledExecutorService heartbeats =
      Executors.newScheduledThreadPool(1, DaemonThreads.named("agent-heartbeats"));

  public AgentCalls(LlmClient llm, Prompts prompts, MeterRegistry meters) {
    this.llm = llm;
    this.prompts = prompts;
    this.meters = meters;
  }

  /**
   * Asks the model for an agent's turn. Must run inside an activity: while the model thinks, the
   * activity heartbeats, so Temporal notices a dead worker quickly and a cancelled workflow's turn
   * ends without writing anything.
   */
  public LlmReply ask(Agent agent, List<LlmRequest.LlmMessage> messages) {
    return ask(agent, messages, null);
  }

  /**
   * As {@link #ask(Agent, List)}, asking for an answer that is JSON of {@code structuredAs} where
   * the endpoint supports structured outputs.
   */
  public LlmReply ask(Agent agent, List<LlmRequest.LlmMessage> messages, Class<?> structuredAs) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    Duration every =
        activity.getInfo().getHeartbeatTimeout().isZero()
            ? Duration.ofSeconds(10)
            : activity.getInfo().getHeartbeatTimeout().dividedBy(3);
    AtomicReference<ActivityCompletionException> stop = new AtomicReference<>();
    ScheduledFuture<?> beat =
        heartbeats.scheduleAtFixedRate(
            () -> {
              try {
                activity.heartbeat(null);
              } catch (ActivityCompletionException e) {
                stop.compareAndSet(null, e);
              }
            },
            0,
            every.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      return complete(agent, messages, structuredAs);
    } finally {
      beat.cancel(false);
      if (stop.get() != null) {
        // Cancelled (job deleted) or timed out meanwhile: whatever the model said is not stored.
        throw stop.get();
      }
    }
  }

  private LlmReply complete(
      Agent agent, List<LlmRequest.LlmMessage> messages, Class<?> structuredAs) {
    LlmReply reply;
    try {
      reply = llm.complete(new LlmRequest(agent, prompts.system(agent), messages, structuredAs));
    } catch (LlmException e) {
      meters
          .counter(
              "ideaforge.llm.failures",
              "agent",
              agent.promptName(),
              "retryable",
              String.valueOf(e.isRetryable()))
          .increment();
      log.warn(
          "{} model call failed (retryable={}): {}",
          agent.displayName(),
          e.isRetryable(),
          e.getMessage());
      throw e.isRetryable()
          ? FailureType.LLM_UNAVAILABLE.retryable(e.getMessage())
          : FailureType.LLM_REJECTED.nonRetryable(e.getMessage());
    }
    Timer.builder("ideaforge.llm.latency")
        .description("Time a model took to answer one agent turn")
        .tags("agent", agent.promptName(), "provider", reply.provider())
        .publishPercentileHistogram()
        .register(meters)
        .record(Duration.ofMillis(reply.latencyMs()));
    Counter.builder("ideaforge.llm.tokens")
        .tags("agent", agent.promptName(), "type", "prompt")
        .register(meters)
        .increment(reply.promptTokens());
    Counter.builder("ideaforge.llm.tokens")
        .tags("agent", agent.promptName(), "type", "completion")
        .register(meters)
        .increment(reply.completionTokens());
    return reply;
  }

  public String provider() {
    return llm.provider();
  }
}
