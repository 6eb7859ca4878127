package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.AppEvent;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StatusEvent;
import dev.ideaforge.model.events.StepEvent;
import dev.ideaforge.model.jobs.App;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.worker.agents.Agent;
import dev.ideaforge.worker.agents.AgentCalls;
import dev.ideaforge.worker.agents.AgentMarkers;
import dev.ideaforge.worker.agents.LlmReply;
import dev.ideaforge.worker.agents.LlmRequest.LlmMessage;
import dev.ideaforge.worker.agents.LlmRequest.Role;
import dev.ideaforge.worker.agents.PrdDocument;
import dev.ideaforge.worker.agents.Prompts;
import io.temporal.failure.ApplicationFailure;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Component
class ExecutiveActivitiesImpl implements ExecutiveActivities {

  /** Serialises slot claims across all workers, so the running count is never exceeded. */
  private static final long SLOT_LOCK = 0x1DEAF0E6EL;

  private static final Pattern AGREEMENT =
      Pattern.compile("(?im)^\\W*" + AgentMarkers.AGREEMENT + "\\W*(yes|no)\\b.*$");

  @PersistenceContext private EntityManager em;

  private final JobTransactions tx;
  private final JobRepository jobs;
  private final JobStepRepository steps;
  private final AppRepository apps;
  private final JobEventLog events;
  private final AgentCalls agents;
  private final Prompts prompts;
  private final AgentSettings settings;
  private final Clock clock;

  ExecutiveActivitiesImpl(
      JobTransactions tx,
      JobRepository jobs,
      JobStepRepository steps,
      AppRepository apps,
      JobEventLog events,
      AgentCalls agents,
      Prompts prompts,
      AgentSettings settings,
      Clock clock) {
    this.tx = tx;
    this.jobs = jobs;
    this.steps = steps;
    this.apps = apps;
    this.events = events;
    this.agents = agents;
    this.prompts = prompts;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public SlotClaim claimExecutiveSlot(String jobId) {
    UUID id = UUID.fromString(jobId);
    return JobTransactions.forJob(
        jobId,
        () ->
            tx.inTransaction(
                () -> {
                  em.createNativeQuery("select pg_advisory_xact_lock(?1)")
                      .setParameter(1, SLOT_LOCK)
                      .getSingleResult();
                  Job job = tx.lock(id);
                  switch (job.getStatus()) {
                    case RUNNING, DONE -> {
                      return new SlotClaim(true, events.lastSeq(id));
                    }
                    case QUEUED -> {}
                    default -> throw JobTransactions.jobGone(id);
                  }
                  if (jobs.countByStatus(JobStatus.RUNNING) >= settings.maxRunningJobs()) {
                    return new SlotClaim(false, events.lastSeq(id));
                  }
                  job.markRunning(clock.instant());
                  long seq =
                      events
                          .append(
                              id,
                              new StatusEvent(
                                  id,
                                  JobStatus.RUNNING.value(),
                                  "The executive team (CEO, CTO, Secretary) is discussing your"
                                      + " idea.",
                                  clock.instant()))
                          .seq();
                  return new SlotClaim(true, seq);
                }));
  }

  private record Context(String requirements, List<JobStep> discussion, Optional<JobStep> stored) {}

  @Override
  public TurnOutcome takeTurn(Turn turn) {
    return JobTransactions.forJob(turn.jobId(), () -> take(turn));
  }

  private TurnOutcome take(Turn turn) {
    UUID id = UUID.fromString(turn.jobId());
    Agent agent = Agent.valueOf(turn.agent().toUpperCase(Locale.ROOT));
    Context context = load(id, turn.order());
    if (context.stored().isPresent()) {
      return new TurnOutcome(agrees(context.stored().get()), events.lastSeq(id));
    }
    String instruction =
        prompts.render(
            "executive-turn",
            Map.of(
                "requirements", context.requirements(),
                "discussion", transcript(context.discussion()),
                "round", String.valueOf(turn.round()),
                "maxRounds", String.valueOf(turn.maxRounds()),
                "agent", agent.displayName()));
    LlmReply reply = agents.ask(agent, List.of(new LlmMessage(Role.USER, instruction)));
    Matcher m = AGREEMENT.matcher(reply.content());
    boolean agrees = false;
    int cut = -1;
    while (m.find()) {
      agrees = m.group(1).equalsIgnoreCase("yes");
      cut = m.start();
    }
    String content = (cut >= 0 ? reply.content().substring(0, cut) : reply.content()).strip();
    if (content.isEmpty()) {
      throw ApplicationFailure.newFailure(
          agent.displayName() + " gave an empty answer", "InvalidAgentReply");
    }
    ObjectNode metadata = reply.metadata();
    metadata.put("agent", agent.displayName());
    metadata.put("round", turn.round());
    metadata.put("agrees", agrees);
    long seq = store(id, agent.displayName(), content, turn.order(), metadata, null);
    return new TurnOutcome(agrees, seq);
  }

  @Override
  public long writePrd(String jobId, int order) {
    return JobTransactions.forJob(jobId, () -> prd(UUID.fromString(jobId), order));
  }

  private long prd(UUID id, int order) {
    Context context = load(id, order);
    if (context.stored().isPresent() || apps.findByJobId(id).isPresent()) {
      return events.lastSeq(id);
    }
    String instruction =
        prompts.render(
            "secretary-turn",
            Map.of(
                "requirements",
                context.requirements(),
                "discussion",
                transcript(context.discussion())));
    LlmReply reply = agents.ask(Agent.SECRETARY, List.of(new LlmMessage(Role.USER, instruction)));
    ObjectNode prd =
        PrdDocument.parse(reply.content())
            .orElseThrow(
                () ->
                    ApplicationFailure.newFailure(
                        "The Secretary's answer was not a PRD in the expected JSON form",
                        "InvalidAgentReply"));
    String markdown = PrdDocument.toMarkdown(prd);
    ObjectNode spec = Json.object();
    spec.put("requirements", context.requirements());
    ArrayNode discussion = spec.putArray("discussion");
    for (JobStep step : context.discussion()) {
      ObjectNode turn = discussion.addObject();
      turn.put("order", step.getOrder());
      turn.put("agent", step.getAgentName());
      turn.put("content", step.getMessage());
    }
    spec.put("summary", markdown);
    spec.set("prd", prd);
    ObjectNode metadata = reply.metadata();
    metadata.put("agent", Agent.SECRETARY.displayName());
    return store(id, Agent.SECRETARY.displayName(), markdown, order, metadata, spec);
  }

  private Context load(UUID id, int order) {
    return tx.inTransaction(
        () -> {
          Job job = jobs.findById(id).orElseThrow(() -> JobTransactions.jobGone(id));
          List<JobStep> all = steps.findByJobIdOrderByOrderAsc(id);
          String requirements =
              job.getRequirementsSummary() == null ? job.getPrompt() : job.getRequirementsSummary();
          return new Context(
              requirements,
              all.stream().filter(s -> s.getOrder() < order).toList(),
              all.stream().filter(s -> s.getOrder() == order).findFirst());
        });
  }

  /**
   * Stores a step and its event; with a spec, also the app, its event and the {@code done} status,
   * all in one transaction. A step already stored by an earlier attempt makes this a no-op.
   */
  private long store(
      UUID id, String agent, String content, int order, ObjectNode metadata, ObjectNode spec) {
    return tx.inTransaction(
        () -> {
          Job job = tx.lock(id);
          if (steps.findByJobIdAndOrder(id, order).isPresent()) {
            return events.lastSeq(id);
          }
          if (job.getStatus() != JobStatus.RUNNING) {
            throw JobTransactions.jobGone(id);
          }
          JobStep step =
              steps.save(
                  new JobStep(id, agent, content, order, Json.write(metadata), clock.instant()));
          long seq =
              events
                  .append(
                      id,
                      new StepEvent(step.getId(), id, agent, content, order, step.getCreatedAt()))
                  .seq();
          if (spec == null) {
            return seq;
          }
          App app = apps.save(new App(id, Json.write(spec), clock.instant()));
          events.append(
              id, new AppEvent(app.getId(), id, JobStatus.DONE.value(), spec, clock.instant()));
          job.markDone(clock.instant());
          return events
              .append(
                  id,
                  new StatusEvent(
                      id,
                      JobStatus.DONE.value(),
                      "Your product requirements document is ready.",
                      clock.instant()))
              .seq();
        });
  }

  private static boolean agrees(JobStep step) {
    return Json.parse(step.getMetadata()).path("agrees").asBoolean(false);
  }

  private static String transcript(List<JobStep> discussion) {
    if (discussion.isEmpty()) {
      return "(nobody has spoken yet)";
    }
    StringBuilder text = new StringBuilder();
    for (JobStep step : discussion) {
      text.append(step.getAgentName()).append(": ").append(step.getMessage()).append("\n\n");
    }
    return text.toString().strip();
  }
}
