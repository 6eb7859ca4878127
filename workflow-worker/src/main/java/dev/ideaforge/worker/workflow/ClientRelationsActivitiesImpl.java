package dev.ideaforge.worker.workflow;

import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.events.StatusEvent;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobChat;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobStatus;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.worker.agents.Agent;
import dev.ideaforge.worker.agents.AgentCalls;
import dev.ideaforge.worker.agents.AgentMarkers;
import dev.ideaforge.worker.agents.LlmReply;
import dev.ideaforge.worker.agents.LlmRequest.LlmMessage;
import dev.ideaforge.worker.agents.LlmRequest.Role;
import dev.ideaforge.worker.agents.Prompts;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

@Component
class ClientRelationsActivitiesImpl implements ClientRelationsActivities {

  static final String SENDER = Agent.CLIENT_RELATIONS.displayName();
  private static final String ANSWERED_POSITION = "answered_position";

  private final JobTransactions tx;
  private final JobMessageRepository messages;
  private final JobChat chat;
  private final JobEventLog events;
  private final AgentCalls agents;
  private final Prompts prompts;
  private final AgentSettings settings;
  private final Clock clock;

  ClientRelationsActivitiesImpl(
      JobTransactions tx,
      JobMessageRepository messages,
      JobChat chat,
      JobEventLog events,
      AgentCalls agents,
      Prompts prompts,
      AgentSettings settings,
      Clock clock) {
    this.tx = tx;
    this.messages = messages;
    this.chat = chat;
    this.events = events;
    this.agents = agents;
    this.prompts = prompts;
    this.settings = settings;
    this.clock = clock;
  }

  /** The idempotency key of a Client Relations turn. */
  static String turnKey(UUID jobId, int turn) {
    return jobId + ":cr:" + turn;
  }

  static boolean isTurnOf(UUID jobId, JobMessage m) {
    return m.getIdempotencyKey() != null && m.getIdempotencyKey().startsWith(jobId + ":cr:");
  }

  /**
   * The user's messages that no agent reply has seen yet. A reply records the last position of the
   * transcript it was written from, because messages that arrive while it is being written are
   * stored before it but not answered by it.
   */
  static List<JobMessage> unanswered(List<JobMessage> transcript) {
    long seenThrough = 0;
    for (JobMessage m : transcript) {
      if (m.getRole() == MessageRole.AGENT) {
        long seen = Json.parse(m.getMetadata()).path(ANSWERED_POSITION).asLong(m.getPosition());
        seenThrough = Math.max(seenThrough, seen);
      }
    }
    List<JobMessage> open = new ArrayList<>();
    for (JobMessage m : transcript) {
      if (m.getRole() == MessageRole.USER && m.getPosition() > seenThrough) {
        open.add(m);
      }
    }
    return open;
  }

  private record Loaded(
      JobStatus status,
      String prompt,
      Optional<JobMessage> stored,
      List<JobMessage> transcript,
      long lastSeq) {}

  @Override
  public Reply replyToUser(Turn turn) {
    return JobTransactions.forJob(turn.jobId(), () -> reply(turn));
  }

  private Reply reply(Turn turn) {
    UUID jobId = UUID.fromString(turn.jobId());
    String key = turnKey(jobId, turn.turn());
    // Taking the row lock first waits for an API transaction that signalled us before committing.
    Loaded loaded =
        tx.inTransaction(
            () -> {
              Job job = tx.lock(jobId);
              return new Loaded(
                  job.getStatus(),
                  job.getInitialPrompt(),
                  messages.findByIdempotencyKey(key),
                  messages.findByJobIdOrderByPositionAsc(jobId),
                  events.lastSeq(jobId));
            });
    if (loaded.stored().isPresent()) {
      // A previous attempt stored this turn: report it again, without a second model call.
      long position = loaded.stored().get().getPosition();
      return new Reply(
          true,
          userIds(loaded.transcript().stream().filter(m -> m.getPosition() < position).toList()),
          loaded.status() != JobStatus.COLLECTING,
          loaded.lastSeq());
    }
    if (loaded.status() != JobStatus.COLLECTING) {
      if (loaded.status() == JobStatus.FAILED) {
        throw JobTransactions.jobGone(jobId);
      }
      return new Reply(false, userIds(loaded.transcript()), true, loaded.lastSeq());
    }
    List<JobMessage> transcript = loaded.transcript();
    if (unanswered(transcript).isEmpty() && !turn.promptEdited() && turn.turn() > 1) {
      return new Reply(false, userIds(transcript), false, loaded.lastSeq());
    }

    List<LlmMessage> conversation = new ArrayList<>();
    for (JobMessage m : transcript) {
      switch (m.getRole()) {
        case USER -> conversation.add(new LlmMessage(Role.USER, m.getContent()));
        case AGENT -> conversation.add(new LlmMessage(Role.ASSISTANT, m.getContent()));
        case SYSTEM -> {}
      }
    }
    if (turn.promptEdited()) {
      conversation.add(
          new LlmMessage(
              Role.USER,
              prompts.render("client-relations-edited", Map.of("prompt", loaded.prompt()))));
    }
    long userRounds = transcript.stream().filter(JobActivitiesImpl::isUser).count() - 1;
    boolean mustSummarise = userRounds >= settings.maxUserRounds();
    if (mustSummarise) {
      conversation.add(new LlmMessage(Role.USER, prompts.text("client-relations-summarise")));
    }

    LlmReply reply = agents.ask(Agent.CLIENT_RELATIONS, conversation);
    String summary = summaryIn(reply.content(), mustSummarise);
    ObjectNode metadata = reply.metadata();
    metadata.put("agent", SENDER);
    metadata.put("turn", turn.turn());
    metadata.put(
        ANSWERED_POSITION, transcript.stream().mapToLong(JobMessage::getPosition).max().orElse(0));
    if (summary != null) {
      metadata.put("requirements_summary", true);
    }

    return tx.inTransaction(
        () -> {
          Job job = tx.lock(jobId);
          if (messages.findByIdempotencyKey(key).isPresent()
              || job.getStatus() != JobStatus.COLLECTING) {
            // Another attempt got here first; the next call reports what it stored.
            throw ApplicationFailure.newFailure("Turn " + key + " was stored concurrently", "Race");
          }
          chat.append(
              jobId,
              MessageRole.AGENT,
              SENDER,
              reply.content(),
              Json.write(metadata),
              key,
              clock.instant());
          long seq;
          if (summary != null) {
            job.queueWithRequirements(summary, clock.instant());
            seq =
                events
                    .append(
                        jobId,
                        new StatusEvent(
                            jobId,
                            JobStatus.QUEUED.value(),
                            "Requirements are complete. Your idea is queued for the executive"
                                + " team.",
                            clock.instant()))
                    .seq();
          } else {
            seq = events.lastSeq(jobId);
          }
          return new Reply(true, userIds(transcript), summary != null, seq);
        });
  }

  /** The requirements summary in a reply, or null while the interview goes on. */
  static String summaryIn(String content, boolean mustSummarise) {
    int marker = content.indexOf(AgentMarkers.REQUIREMENTS_SUMMARY);
    if (marker < 0) {
      // Asked to summarise, the whole answer is the summary even if the model forgot the marker.
      return mustSummarise ? content.strip() : null;
    }
    String summary =
        content
            .substring(marker + AgentMarkers.REQUIREMENTS_SUMMARY.length())
            .replaceFirst("^[\\s:*#-]+", "")
            .strip();
    return summary.isEmpty() ? content.strip() : summary;
  }

  private static List<String> userIds(List<JobMessage> transcript) {
    return transcript.stream()
        .filter(JobActivitiesImpl::isUser)
        .map(m -> m.getId().toString())
        .toList();
  }
}
