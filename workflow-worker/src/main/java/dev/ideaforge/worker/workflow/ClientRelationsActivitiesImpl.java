package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobChat;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.JobStatusChanges;
import dev.ideaforge.worker.agents.Agent;
import dev.ideaforge.worker.agents.AgentCalls;
import dev.ideaforge.worker.agents.FailureType;
import dev.ideaforge.worker.agents.LlmReply;
import dev.ideaforge.worker.agents.LlmRequest.LlmMessage;
import dev.ideaforge.worker.agents.LlmRequest.Role;
import dev.ideaforge.worker.agents.Prompts;
import dev.ideaforge.worker.workflow.Interview.Line;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Adapts {@link Interview}'s rules to the database, the model and Temporal. */
@Component
class ClientRelationsActivitiesImpl implements ClientRelationsActivities {

  static final String SENDER = Agent.CLIENT_RELATIONS.displayName();

  private final JobTransactions tx;
  private final JobMessageRepository messages;
  private final JobChat chat;
  private final JobStatusChanges statuses;
  private final JobEventLog events;
  private final AgentCalls agents;
  private final Prompts prompts;
  private final AgentSettings settings;
  private final TurnGate gate;
  private final Clock clock;

  ClientRelationsActivitiesImpl(
      JobTransactions tx,
      JobMessageRepository messages,
      JobChat chat,
      JobStatusChanges statuses,
      JobEventLog events,
      AgentCalls agents,
      Prompts prompts,
      AgentSettings settings,
      TurnGate gate,
      Clock clock) {
    this.tx = tx;
    this.messages = messages;
    this.chat = chat;
    this.statuses = statuses;
    this.events = events;
    this.agents = agents;
    this.prompts = prompts;
    this.settings = settings;
    this.gate = gate;
    this.clock = clock;
  }

  private record Loaded(
      JobStatus status,
      String prompt,
      Optional<JobMessage> stored,
      List<Line> transcript,
      long lastSeq) {}

  @Override
  public Reply replyToUser(Turn turn) {
    return JobTransactions.forJob(turn.jobId(), () -> reply(turn));
  }

  private Reply reply(Turn turn) {
    UUID jobId = UUID.fromString(turn.jobId());
    String key = Interview.turnKey(jobId, turn.turn());
    // Taking the row lock first waits for an API transaction that signalled us before committing.
    Loaded loaded =
        tx.inTransaction(
            () -> {
              Job job = tx.lock(jobId);
              return new Loaded(
                  job.getStatus(),
                  job.getInitialPrompt(),
                  messages.findByIdempotencyKey(key),
                  Interview.lines(messages.findByJobIdOrderByPositionAsc(jobId)),
                  events.lastSeq(jobId));
            });
    if (loaded.stored().isPresent()) {
      // A previous attempt stored this turn: report it again, without a second model call.
      long position = loaded.stored().get().getPosition();
      return new Reply(
          loaded.status() == JobStatus.COLLECTING ? Outcome.REPLIED : Outcome.SUMMARISED,
          Interview.userIds(
              loaded.transcript().stream().filter(l -> l.position() < position).toList()),
          loaded.lastSeq());
    }
    if (loaded.status() != JobStatus.COLLECTING) {
      if (loaded.status() == JobStatus.FAILED) {
        throw JobTransactions.jobGone(jobId);
      }
      return new Reply(
          Outcome.SUMMARISED, Interview.userIds(loaded.transcript()), loaded.lastSeq());
    }
    List<Line> transcript = loaded.transcript();
    if (!Interview.hasSomethingToAnswer(transcript, turn.turn(), turn.promptEdited())) {
      return new Reply(Outcome.NOTHING_TO_ANSWER, Interview.userIds(transcript), loaded.lastSeq());
    }

    if (turn.pausable()) {
      TurnGate.Verdict verdict = gate.check(jobId);
      if (verdict.closed()) {
        return new Reply(Outcome.PAUSED, List.of(), verdict.lastEventSeq());
      }
    }
    boolean mustSummarise = Interview.mustSummarise(transcript, settings.maxUserRounds());
    LlmReply reply =
        agents.ask(
            Agent.CLIENT_RELATIONS,
            conversation(transcript, turn.promptEdited() ? loaded.prompt() : null, mustSummarise));
    String summary = Interview.summaryIn(reply.content(), mustSummarise);
    long answeredThrough = Interview.lastPosition(transcript);
    ObjectNode metadata = reply.metadata();
    metadata.put("agent", SENDER);
    metadata.put("turn", turn.turn());
    if (summary != null) {
      metadata.put("requirements_summary", true);
    }

    return tx.inTransaction(
        () -> {
          Job job = tx.lock(jobId);
          if (messages.findByIdempotencyKey(key).isPresent()
              || job.getStatus() != JobStatus.COLLECTING) {
            // Another attempt got here first; the next call reports what it stored.
            throw FailureType.TURN_RACE.retryable("Turn " + key + " was stored concurrently");
          }
          if (summary != null
              && Interview.userSpokeSince(
                  Interview.lines(messages.findByJobIdOrderByPositionAsc(jobId)),
                  answeredThrough)) {
            // Closing the interview now would leave what the user just wrote unanswered.
            return new Reply(Outcome.SUPERSEDED, List.of(), events.lastSeq(jobId));
          }
          chat.appendAgentReply(
              jobId,
              SENDER,
              reply.content(),
              Json.write(metadata),
              key,
              reply.usage(),
              answeredThrough,
              clock.instant());
          if (summary == null) {
            return new Reply(Outcome.REPLIED, Interview.userIds(transcript), events.lastSeq(jobId));
          }
          return new Reply(
              Outcome.SUMMARISED, Interview.userIds(transcript), statuses.queue(job, summary));
        });
  }

  private List<LlmMessage> conversation(
      List<Line> transcript, String editedPrompt, boolean mustSummarise) {
    List<LlmMessage> conversation = new ArrayList<>();
    for (Line l : transcript) {
      switch (l.role()) {
        case USER -> conversation.add(new LlmMessage(Role.USER, l.content()));
        case AGENT -> conversation.add(new LlmMessage(Role.ASSISTANT, l.content()));
        case SYSTEM -> {}
      }
    }
    if (editedPrompt != null) {
      conversation.add(
          new LlmMessage(
              Role.USER,
              prompts.render("client-relations-edited", Map.of("prompt", editedPrompt))));
    }
    if (mustSummarise) {
      conversation.add(new LlmMessage(Role.USER, prompts.text("client-relations-summarise")));
    }
    return conversation;
  }
}
