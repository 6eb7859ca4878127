package dev.ideaforge.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StoredJobEvent;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobChat;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.model.users.User;
import dev.ideaforge.model.users.UserRepository;
import dev.ideaforge.model.workflow.JobChange;
import dev.ideaforge.model.workflow.JobWorkflow;
import dev.ideaforge.model.workflow.JobWorkflowOptions;
import dev.ideaforge.model.workflow.TemporalSettings;
import dev.ideaforge.model.workflow.UserMessageSignal;
import dev.ideaforge.worker.agents.ControllableLlm;
import dev.ideaforge.worker.agents.LlmClient;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workflow tests: the real activities on a real PostgreSQL and Redis, the workflow on Temporal's
 * time-skipping test environment, and the scripted agents behind a remote control.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
@Import(WorkflowTestBase.Llm.class)
abstract class WorkflowTestBase {

  @TestConfiguration
  static class Llm {
    @Bean
    @Primary
    ControllableLlm controllableLlm(@Qualifier("llmClient") LlmClient configured) {
      return new ControllableLlm(configured);
    }
  }

  @Autowired protected ControllableLlm llm;
  @Autowired protected JobRepository jobs;
  @Autowired protected JobMessageRepository messages;
  @Autowired protected UserRepository users;
  @Autowired protected JobChat chat;
  @Autowired protected JobEventLog events;
  @Autowired protected TransactionTemplate tx;
  @Autowired protected TemporalSettings temporal;
  @Autowired protected AgentSettings agents;
  @Autowired protected JobActivities jobActivities;
  @Autowired protected ClientRelationsActivities clientRelations;
  @Autowired protected ExecutiveActivities executives;
  @Autowired protected LlmClient llmClient;
  @Autowired protected JobStatusChanges statusChanges;
  @Autowired protected JdbcTemplate jdbc;

  protected TestWorkflowEnvironment env;
  protected WorkflowClient client;

  @BeforeEach
  void startTemporal() {
    assertThat(llmClient).isSameAs(llm);
    llm.reset();
    // Jobs an earlier test left queued or running (their workflows died with its test service)
    // would hold executive slots or places in the queue.
    jdbc.update(
        "update jobs set status = 'failed', error_message = 'left by an earlier test'"
            + " where status in ('queued', 'running')");
    env = TestWorkflowEnvironment.newInstance();
    configure(env);
    JobWorkers.register(
        env.getWorkerFactory(), temporal, agents, jobActivities, clientRelations, executives);
    env.start();
    client = env.getWorkflowClient();
  }

  /** Hook to prepare the test service (e.g. register search attributes) before workers start. */
  protected void configure(TestWorkflowEnvironment env) {}

  /**
   * Whether jobs' workflows start with their search attributes (registered by {@link #configure}).
   */
  protected boolean searchAttributes() {
    return false;
  }

  @AfterEach
  void stopTemporal() {
    llm.reset();
    env.close();
  }

  protected Job createJob(String prompt) {
    return tx.execute(
        s -> {
          String name = "u" + UUID.randomUUID().toString().substring(0, 8);
          User user = users.save(new User(name + "@example.com", name, "", "x", Instant.now()));
          Job job = jobs.save(new Job(user.getId(), prompt, Instant.now()));
          chat.append(job.getId(), MessageRole.USER, name, prompt, null, null, Instant.now());
          return job;
        });
  }

  /**
   * A job whose interview is over: Client Relations' summary answered the idea, and the job is
   * queued now, behind every job queued before it.
   */
  protected Job createQueuedJob(String summary) {
    Job created = createJob(summary);
    tx.executeWithoutResult(
        s -> {
          Job job = jobs.findForUpdate(created.getId()).orElseThrow();
          long idea =
              messages.findFirstByJobIdOrderByPositionAsc(job.getId()).orElseThrow().getPosition();
          chat.appendAgentReply(
              job.getId(),
              "Client Relations",
              "Thank you!\nREQUIREMENTS_SUMMARY\n" + summary,
              null,
              Interview.turnKey(job.getId(), 1),
              null,
              idea,
              Instant.now());
          statusChanges.queue(job, summary);
        });
    return reload(created);
  }

  /** Takes an executive slot for a job that has no workflow, as a running discussion would. */
  protected Job occupySlot() {
    Job job = createQueuedJob("Problem: a placeholder discussion that holds a slot");
    tx.executeWithoutResult(s -> statusChanges.run(jobs.findForUpdate(job.getId()).orElseThrow()));
    return reload(job);
  }

  /** Ends a job started with {@link #occupySlot()}: its slot is free again. */
  protected void freeSlot(Job job) {
    tx.executeWithoutResult(
        s -> statusChanges.fail(jobs.findForUpdate(job.getId()).orElseThrow(), "done holding"));
  }

  protected JobWorkflow start(Job job) {
    JobWorkflow wf =
        client.newWorkflowStub(
            JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal, searchAttributes()));
    WorkflowClient.start(wf::run, job.getId().toString());
    return wf;
  }

  /** Starts the job's workflow and returns its first run, for reading that run's history. */
  protected WorkflowExecution startRun(Job job) {
    return WorkflowClient.start(
        client.newWorkflowStub(
                JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal, searchAttributes()))
            ::run,
        job.getId().toString());
  }

  /** Stores a user message the way the API does (stored, then signalled), returns its id. */
  protected UUID say(Job job, String content) {
    JobMessage message =
        tx.execute(
            s -> {
              // The job's row lock, as the API holds it while it appends a message.
              Job unused = jobs.findForUpdate(job.getId()).orElseThrow();
              return chat.append(
                  job.getId(), MessageRole.USER, "user", content, null, null, Instant.now());
            });
    // Signal-with-start, as the API does: a run that is just continuing as new still gets it.
    JobWorkflow wf =
        client.newWorkflowStub(
            JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal, searchAttributes()));
    io.temporal.client.BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, job.getId().toString());
    request.add(wf::userMessage, new UserMessageSignal(message.getId().toString()));
    for (int attempt = 1; ; attempt++) {
      try {
        client.signalWithStart(request);
        return message.getId();
      } catch (io.temporal.client.WorkflowServiceException e) {
        // The test server briefly reports a run that is continuing as new as "completed".
        if (attempt == 5) {
          throw e;
        }
        sleep(100);
      }
    }
  }

  /**
   * A queued job whose discussion is paused while its CEO's first turn is thinking: that turn is
   * stored, then the job waits, running and paused.
   */
  protected Job pausedDuringFirstExecutiveTurn(String summary) throws InterruptedException {
    Job job = createQueuedJob(summary);
    llm.hold();
    start(job);
    llm.awaitHeldCall();
    pause(job);
    llm.release();
    await(
        "the turn in flight",
        () ->
            jdbc.queryForObject(
                    "select count(*) from job_steps where job_id = ?", Long.class, job.getId())
                == 1);
    return job;
  }

  /** What a job that frees a slot does: it tells this queued job the slot may be its. */
  protected void offerSlot(Job job) {
    client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job.getId())).slotFreed();
  }

  /** What {@code POST /api/jobs/<id>/pause/} does: the pause and its event, then the signal. */
  protected void pause(Job job) {
    tx.executeWithoutResult(
        s ->
            statusChanges.pause(
                jobs.findForUpdate(job.getId()).orElseThrow(), JobStatusChanges.PAUSED));
    signal(job, JobChange.PAUSED);
  }

  /** What {@code POST /api/jobs/<id>/resume/} does. */
  protected void resume(Job job) {
    tx.executeWithoutResult(
        s -> statusChanges.resume(jobs.findForUpdate(job.getId()).orElseThrow()));
    signal(job, JobChange.RESUMED);
  }

  /** Signal-with-start of {@code jobChanged}, as the API sends it. */
  protected void signal(Job job, JobChange change) {
    JobWorkflow wf =
        client.newWorkflowStub(
            JobWorkflow.class, JobWorkflowOptions.forJob(job, temporal, searchAttributes()));
    io.temporal.client.BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, job.getId().toString());
    request.add(wf::jobChanged, change);
    for (int attempt = 1; ; attempt++) {
      try {
        client.signalWithStart(request);
        return;
      } catch (io.temporal.client.WorkflowServiceException e) {
        if (attempt == 5) {
          throw e;
        }
        sleep(100);
      }
    }
  }

  /** A worker crash that lost the run: it is terminated and started again from the database. */
  protected JobWorkflow restartLostRun(Job job) {
    client.newUntypedWorkflowStub(JobWorkflow.workflowId(job.getId())).terminate("lost");
    return start(job);
  }

  /** Asserts that no model call happens for a while (the job waits). */
  protected void assertNoModelCallFor(Duration quiet) {
    int before = llm.calls();
    sleep(quiet.toMillis());
    assertThat(llm.calls()).as("model calls while waiting").isEqualTo(before);
  }

  protected List<JobMessage> agentMessages(Job job) {
    return messages.findByJobIdOrderByPositionAsc(job.getId()).stream()
        .filter(m -> m.getRole() == MessageRole.AGENT)
        .toList();
  }

  protected JobMessage awaitAgentMessages(Job job, int count) {
    await("agent message " + count, () -> agentMessages(job).size() >= count);
    return agentMessages(job).get(count - 1);
  }

  protected JobStatus status(Job job) {
    return jobs.findById(job.getId()).orElseThrow().getStatus();
  }

  protected Job reload(Job job) {
    return jobs.findById(job.getId()).orElseThrow();
  }

  /**
   * Waits for the workflow to finish, letting the test environment skip timers. A run that failed
   * its job ends failed with the failure's type (see {@link #runFailureType}); that is a finish
   * too.
   */
  protected void awaitCompletion(Job job) {
    runFailureType(job);
  }

  /** Waits for the workflow to finish; returns the type it failed with, or null if it completed. */
  protected String runFailureType(Job job) {
    try {
      WorkflowStub.fromTyped(
              client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job.getId())))
          .getResult(Void.class);
      return null;
    } catch (io.temporal.client.WorkflowFailedException e) {
      if (e.getCause() instanceof io.temporal.failure.ApplicationFailure failure) {
        return failure.getType();
      }
      throw e;
    }
  }

  /**
   * With {@code -Dideaforge.recordHistories=true}, keeps the workflow's history as a test resource
   * for {@link WorkflowReplayTest}; do that after a deliberate change to the workflow's logic.
   */
  protected void recordHistory(Job job, String name) {
    if (!Boolean.getBoolean("ideaforge.recordHistories")) {
      return;
    }
    String json = client.fetchHistory(JobWorkflow.workflowId(job.getId())).toJson(true);
    try {
      java.nio.file.Path file =
          java.nio.file.Path.of("src/test/resources/histories", name + ".json");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Answers every question until the job leaves collecting. */
  protected void answerInterview(Job job, List<String> answers) {
    awaitAgentMessages(job, 1);
    int replies = agentMessages(job).size();
    for (String answer : answers) {
      if (status(job) != JobStatus.COLLECTING) {
        return;
      }
      say(job, answer);
      awaitAgentMessages(job, ++replies);
    }
  }

  /** Every event of the job, asserting the seqs run 1, 2, 3… without a gap or a repeat. */
  protected List<StoredJobEvent> gaplessEvents(Job job) {
    List<StoredJobEvent> all = events.after(job.getId(), 0, 10_000);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 1);
    }
    return all;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  protected static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
