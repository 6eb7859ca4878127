package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.AppEvent;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StepEvent;
import dev.ideaforge.model.jobs.App;
import dev.ideaforge.model.jobs.AppRepository;
import dev.ideaforge.model.jobs.AppVersion;
import dev.ideaforge.model.jobs.AppVersionRepository;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.model.jobs.JobStep;
import dev.ideaforge.model.jobs.JobStepRepository;
import dev.ideaforge.model.jobs.ModelUsage;
import dev.ideaforge.worker.agents.Agent;
import dev.ideaforge.worker.agents.AgentCalls;
import dev.ideaforge.worker.agents.FailureType;
import dev.ideaforge.worker.agents.LlmReply;
import dev.ideaforge.worker.agents.LlmRequest.LlmMessage;
import dev.ideaforge.worker.agents.LlmRequest.Role;
import dev.ideaforge.worker.agents.PrdDocument;
import dev.ideaforge.worker.agents.PrdSchema;
import dev.ideaforge.worker.agents.Prompts;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Adapts {@link Discussion}'s rules to the database, the model and Temporal. */
@Component
class ExecutiveActivitiesImpl implements ExecutiveActivities {

  private final JobTransactions tx;
  private final JobRepository jobs;
  private final JobStepRepository steps;
  private final JobMessageRepository messages;
  private final AppRepository apps;
  private final AppVersionRepository versions;
  private final JobStatusChanges statuses;
  private final JobEventLog events;
  private final AgentCalls agents;
  private final Prompts prompts;
  private final TurnGate gate;
  private final Clock clock;

  ExecutiveActivitiesImpl(
      JobTransactions tx,
      JobRepository jobs,
      JobStepRepository steps,
      JobMessageRepository messages,
      AppRepository apps,
      AppVersionRepository versions,
      JobStatusChanges statuses,
      JobEventLog events,
      AgentCalls agents,
      Prompts prompts,
      TurnGate gate,
      Clock clock) {
    this.tx = tx;
    this.jobs = jobs;
    this.steps = steps;
    this.messages = messages;
    this.apps = apps;
    this.versions = versions;
    this.statuses = statuses;
    this.events = events;
    this.agents = agents;
    this.prompts = prompts;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * What a turn is written from.
   *
   * @param discussion the steps of this discussion before this turn (a change request's discussion
   *     starts after the previous one's)
   * @param comments user messages no reply or step has seen yet: the client's comments
   * @param seenThrough the last transcript position this turn sees
   * @param revision the change request being discussed, or null for the first PRD
   */
  private record Context(
      String requirements,
      List<JobStep> discussion,
      Optional<JobStep> stored,
      List<Interview.Line> comments,
      long seenThrough,
      Revision revision) {}

  /**
   * A change request on a done job: what the client asked for, and the spec version it changes.
   *
   * @param prdJson the current version's PRD
   */
  private record Revision(String changeRequest, int version, String prdJson) {}

  @Override
  public TurnOutcome takeTurn(Turn turn) {
    return JobTransactions.forJob(turn.jobId(), () -> take(turn));
  }

  private TurnOutcome take(Turn turn) {
    UUID id = UUID.fromString(turn.jobId());
    Agent agent = turn.agent();
    Context context = load(id, turn.order());
    if (context.stored().isPresent()) {
      return new TurnOutcome(Discussion.agrees(context.stored().get()), events.lastSeq(id), false);
    }
    if (turn.pausable()) {
      TurnGate.Verdict verdict = gate.check(id);
      if (verdict.closed()) {
        return new TurnOutcome(false, verdict.lastEventSeq(), true);
      }
    }
    Map<String, String> slots = new HashMap<>();
    slots.put("requirements", context.requirements());
    slots.put("discussion", Discussion.transcript(context.discussion()));
    slots.put("round", String.valueOf(turn.round()));
    slots.put("maxRounds", String.valueOf(turn.maxRounds()));
    slots.put("agent", agent.displayName());
    String instruction =
        withComments(
            prompts.render(
                context.revision() == null ? "executive-turn" : "executive-revision-turn",
                withRevision(slots, context)),
            context);
    LlmReply reply = agents.ask(agent, List.of(new LlmMessage(Role.USER, instruction)));
    Discussion.Verdict verdict = Discussion.read(reply.content());
    if (verdict.content().isEmpty()) {
      throw FailureType.INVALID_AGENT_REPLY.retryable(
          agent.displayName() + " gave an empty answer");
    }
    ObjectNode metadata = reply.metadata();
    metadata.put("agent", agent.displayName());
    metadata.put("round", turn.round());
    metadata.put(Discussion.AGREES, verdict.agrees());
    return tx.inTransaction(
        () -> {
          Job job = tx.lock(id);
          Optional<JobStep> stored = steps.findByJobIdAndOrder(id, turn.order());
          if (stored.isPresent()) {
            // Another attempt stored this turn first: its outcome is the one that counts.
            return new TurnOutcome(Discussion.agrees(stored.get()), events.lastSeq(id), false);
          }
          requireRunning(job);
          return new TurnOutcome(
              verdict.agrees(),
              storeStep(
                  id,
                  agent.displayName(),
                  verdict.content(),
                  turn.order(),
                  metadata,
                  reply.usage(),
                  context.seenThrough()),
              false);
        });
  }

  @Override
  public long writePrd(String jobId, int order) {
    return JobTransactions.forJob(jobId, () -> prd(UUID.fromString(jobId), order, false))
        .lastEventSeq();
  }

  @Override
  public SpecOutcome writeSpec(SpecTurn turn) {
    return JobTransactions.forJob(
        turn.jobId(), () -> prd(UUID.fromString(turn.jobId()), turn.order(), true));
  }

  private SpecOutcome prd(UUID id, int order, boolean pausable) {
    Context context = load(id, order);
    if (context.stored().isPresent()
        || (context.revision() == null && apps.findByJobId(id).isPresent())) {
      return new SpecOutcome(false, events.lastSeq(id));
    }
    if (pausable) {
      TurnGate.Verdict verdict = gate.check(id);
      if (verdict.closed()) {
        return new SpecOutcome(true, verdict.lastEventSeq());
      }
    }
    Map<String, String> slots = new HashMap<>();
    slots.put("requirements", context.requirements());
    slots.put("discussion", Discussion.transcript(context.discussion()));
    String instruction =
        withComments(
            prompts.render(
                context.revision() == null ? "secretary-turn" : "secretary-revision-turn",
                withRevision(slots, context)),
            context);
    // Structured output where the endpoint supports it; the answer is parsed leniently either way
    // and normalised to the one PRD schema.
    LlmReply reply =
        agents.ask(
            Agent.SECRETARY, List.of(new LlmMessage(Role.USER, instruction)), PrdSchema.class);
    ObjectNode prd =
        PrdDocument.parse(reply.content())
            .orElseThrow(
                () ->
                    FailureType.INVALID_AGENT_REPLY.retryable(
                        "The Secretary's answer was not a PRD in the expected JSON form"));
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
    // The last step, the app, the done status and their events commit together.
    return tx.inTransaction(
        () -> {
          Job job = tx.lock(id);
          if (steps.findByJobIdAndOrder(id, order).isPresent()) {
            return new SpecOutcome(false, events.lastSeq(id));
          }
          requireRunning(job);
          storeStep(
              id,
              Agent.SECRETARY.displayName(),
              markdown,
              order,
              metadata,
              reply.usage(),
              context.seenThrough());
          // The app keeps its id and holds the latest version; every version stays.
          String changeRequest = job.getChangeRequest();
          App app = apps.findByJobId(id).orElse(null);
          if (app == null) {
            app = apps.save(new App(id, Json.write(spec), clock.instant()));
          } else {
            app.revise(Json.write(spec), clock.instant());
          }
          versions.save(new AppVersion(app, app.getVersion() == 1 ? null : changeRequest));
          events.append(
              id,
              new AppEvent(
                  app.getId(),
                  id,
                  JobStatus.DONE.value(),
                  spec,
                  app.getVersion(),
                  clock.instant()));
          return new SpecOutcome(false, statuses.finish(job, app.getVersion()));
        });
  }

  private Context load(UUID id, int order) {
    return tx.inTransaction(
        () -> {
          Job job = jobs.findById(id).orElseThrow(() -> JobTransactions.jobGone(id));
          List<JobStep> all = steps.findByJobIdOrderByOrderAsc(id);
          String requirements =
              job.getRequirementsSummary() == null ? job.getPrompt() : job.getRequirementsSummary();
          List<JobStep> before = all.stream().filter(s -> s.getOrder() < order).toList();
          int base = job.getDiscussionBase();
          Revision revision = null;
          if (job.getChangeRequest() != null) {
            revision =
                apps.findByJobId(id)
                    .map(
                        app ->
                            new Revision(
                                job.getChangeRequest(),
                                app.getVersion(),
                                Json.write(Json.parse(app.getSpec()).path("prd"))))
                    .orElse(new Revision(job.getChangeRequest(), 0, "{}"));
          }
          List<Interview.Line> transcript =
              Interview.lines(messages.findByJobIdOrderByPositionAsc(id));
          long seen =
              Comments.seenThrough(
                  transcript, before.stream().map(JobStep::getAnsweredPosition).toList());
          return new Context(
              requirements,
              before.stream().filter(s -> s.getOrder() > base).toList(),
              all.stream().filter(s -> s.getOrder() == order).findFirst(),
              Comments.pending(transcript, seen),
              Math.max(seen, Interview.lastPosition(transcript)),
              revision);
        });
  }

  /** The slots of a change request's prompts, when the turn discusses one. */
  private static Map<String, String> withRevision(Map<String, String> slots, Context context) {
    Revision revision = context.revision();
    if (revision != null) {
      slots.put("changeRequest", revision.changeRequest());
      slots.put("version", String.valueOf(revision.version()));
      slots.put("prd", revision.prdJson());
    }
    return slots;
  }

  /** The instruction, followed by the client's comments when there are any. */
  private String withComments(String instruction, Context context) {
    if (context.comments().isEmpty()) {
      return instruction;
    }
    return instruction
        + "\n\n"
        + prompts.render(
            "executive-comments", Map.of("comments", Comments.asList(context.comments())));
  }

  private static void requireRunning(Job job) {
    if (job.getStatus() != JobStatus.RUNNING) {
      throw JobTransactions.jobGone(job.getId());
    }
  }

  /** Stores a step and its event in the caller's transaction; returns the event's seq. */
  private long storeStep(
      UUID id,
      String agent,
      String content,
      int order,
      ObjectNode metadata,
      ModelUsage usage,
      long seenThrough) {
    JobStep step =
        steps.save(
            new JobStep(id, agent, content, order, Json.write(metadata), usage, clock.instant())
                .answering(seenThrough));
    return events
        .append(id, new StepEvent(step.getId(), id, agent, content, order, step.getCreatedAt()))
        .seq();
  }
}
