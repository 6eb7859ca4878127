package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.TemporalSettings;
import dev.ideaforge.worker.recovery.EffectiveRecovery;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Temporal workers of this process: the job queue (workflows, Client Relations and bookkeeping
 * activities) and the executive queue (CEO, CTO, Secretary turns), so that long executive turns
 * never delay a chat reply. Registration is shared with the workflow tests.
 */
@Component
@ConditionalOnProperty(name = "ideaforge.worker.enabled", matchIfMissing = true)
class JobWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

  private final WorkerFactory factory;
  private volatile boolean running;

  JobWorkers(
      WorkflowClient client,
      TemporalSettings temporal,
      AgentSettings agents,
      EffectiveRecovery recovery,
      JobActivities jobActivities,
      ClientRelationsActivities clientRelations,
      ExecutiveActivities executives) {
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(recovery.workflowCacheSize())
                .build());
    register(factory, temporal, agents, jobActivities, clientRelations, executives);
  }

  static void register(
      WorkerFactory factory,
      TemporalSettings temporal,
      AgentSettings agents,
      JobActivities jobActivities,
      ClientRelationsActivities clientRelations,
      ExecutiveActivities executives) {
    WorkflowTuning tuning = agents.tuning();
    Worker jobs =
        factory.newWorker(
            temporal.taskQueue(),
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(agents.workflowConcurrency())
                .setMaxConcurrentActivityExecutionSize(agents.workflowConcurrency())
                .build());
    jobs.registerWorkflowImplementationFactory(
        JobWorkflow.class, () -> new JobWorkflowImpl(tuning, temporal.executiveTaskQueue()));
    jobs.registerActivitiesImplementations(jobActivities, clientRelations);
    Worker executive =
        factory.newWorker(
            temporal.executiveTaskQueue(),
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(agents.maxRunningJobs())
                .build());
    executive.registerActivitiesImplementations(executives);
  }

  @Override
  public void start() {
    factory.start();
    running = true;
    log.info("Temporal workers started");
  }

  @Override
  public void stop() {
    // Let running activities finish their transaction; Temporal retries whatever does not.
    factory.shutdown();
    factory.awaitTermination(20, TimeUnit.SECONDS);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
