package dev.ideaforge.api.messages;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.limits.Limit;
import dev.ideaforge.api.limits.RateLimits;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.api.web.RequestFields;
import dev.ideaforge.api.workflows.JobWorkflowClient;
import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.Job;
import dev.ideaforge.model.jobs.JobChat;
import dev.ideaforge.model.jobs.JobMessage;
import dev.ideaforge.model.jobs.JobMessageRepository;
import dev.ideaforge.model.jobs.JobRepository;
import dev.ideaforge.model.jobs.MessageRole;
import dev.ideaforge.model.users.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The one way a message enters a job: stored, its {@code chat} event appended in the same
 * transaction, and a user message forwarded to the workflow (an answer to the interview, or a
 * comment the next executive turn addresses).
 *
 * <p>The workflow is signalled <em>before</em> the transaction commits, while it holds the job's
 * row lock: if Temporal is unreachable, nothing is stored and the caller gets a 503; and the
 * agent's reply, which needs the same lock for its own event, always gets a later seq.
 */
@Service
public class JobMessageService {

  static final String NON_USER_REFUSED =
      "Only user messages can be posted here; agent and system messages come from the agents.";

  public static final String JOB_FINISHED =
      "This job is finished; it no longer accepts chat messages.";

  private final JobRepository jobs;
  private final JobMessageRepository messages;
  private final UserRepository users;
  private final JobChat chat;
  private final JobWorkflowClient workflows;
  private final ChatSettings settings;
  private final MetadataSettings metadataSettings;
  private final JobEventLog events;
  private final RateLimits limits;
  private final Clock clock;

  JobMessageService(
      JobRepository jobs,
      JobMessageRepository messages,
      UserRepository users,
      JobChat chat,
      JobWorkflowClient workflows,
      ChatSettings settings,
      MetadataSettings metadataSettings,
      JobEventLog events,
      RateLimits limits,
      Clock clock) {
    this.jobs = jobs;
    this.messages = messages;
    this.users = users;
    this.chat = chat;
    this.workflows = workflows;
    this.settings = settings;
    this.metadataSettings = metadataSettings;
    this.events = events;
    this.limits = limits;
    this.clock = clock;
  }

  /** Stores a message and its chat event; the caller's transaction commits both. */
  @Transactional(propagation = Propagation.MANDATORY)
  public JobMessage append(
      Job job, MessageRole role, String sender, String content, String metadataJson) {
    return chat.append(job.getId(), role, sender, content, metadataJson, null, clock.instant());
  }

  /**
   * A chat from the job's owner (WebSocket): an answer to Client Relations while collecting, a
   * comment for the next executive turn while queued or running; refused once the job is done or
   * failed.
   */
  @Transactional
  public MessageJson postChat(AuthUser user, UUID jobId, String content) {
    Job job = lockOwnedJob(user, jobId);
    if (job.getStatus().isFinished()) {
      throw ApiException.conflict(JOB_FINISHED);
    }
    limits.spend(Limit.CHAT_PER_USER, user.id().toString());
    JobMessage message = append(job, MessageRole.USER, senderName(user), content, null);
    workflows.signalUserMessage(job, message.getId());
    return MessageJson.of(message);
  }

  /** {@code POST /api/job-messages/}: any role, for tooling; user messages reach the workflow. */
  @Transactional
  public MessageJson create(AuthUser user, JsonNode body) {
    RequestFields fields = RequestFields.of(body);
    String jobIdText = fields.requiredString("job_id", 64);
    UUID jobId = parseUuid(fields, "job_id", jobIdText);
    String roleText = fields.requiredString("role", 16);
    Optional<MessageRole> role = roleText == null ? Optional.empty() : MessageRole.parse(roleText);
    if (roleText != null && role.isEmpty()) {
      fields.error("role", "\"" + roleText + "\" is not a valid choice.");
    }
    String sender = fields.optionalString("sender", 150);
    String content = fields.optionalString("content", settings.maxContentLength(), false);
    if (content == null && !fields.hasErrors("content")) {
      fields.error("content", RequestFields.REQUIRED);
    }
    JsonNode metadata =
        fields.optionalObject(
            "metadata", metadataSettings.maxBytes().toBytes(), metadataSettings.maxDepth());
    fields.throwIfInvalid();

    if (role.get() != MessageRole.USER && !settings.allowNonUserMessages()) {
      throw ApiException.forbidden(NON_USER_REFUSED);
    }
    Job job = lockOwnedJob(user, jobId);
    if (role.get() == MessageRole.USER && job.getStatus().isFinished()) {
      // The same rule as the socket: a finished job takes no more words from its user.
      throw ApiException.conflict(JOB_FINISHED);
    }
    if (role.get() == MessageRole.USER) {
      // One budget per user over every socket and REST: each message costs a model call.
      limits.spend(Limit.CHAT_PER_USER, user.id().toString());
    }
    if (role.get() == MessageRole.USER) {
      // As on the socket: a user speaks in their own name, whatever the client claims.
      sender = senderName(user);
    } else if (sender == null) {
      sender = role.get().value();
    }
    JobMessage message =
        append(job, role.get(), sender, content, metadata == null ? null : Json.write(metadata));
    if (role.get() == MessageRole.USER) {
      workflows.signalUserMessage(job, message.getId());
    }
    return MessageJson.of(message);
  }

  @Transactional(readOnly = true)
  public List<MessageJson> list(AuthUser user, String jobIdParam) {
    if (jobIdParam == null || jobIdParam.isBlank()) {
      throw ApiException.invalid(Map.of("job_id", List.of(RequestFields.REQUIRED)));
    }
    UUID jobId;
    try {
      jobId = UUID.fromString(jobIdParam.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(Map.of("job_id", List.of("Must be a valid UUID.")));
    }
    if (jobs.findByIdAndUserId(jobId, user.id()).isEmpty()) {
      throw ApiException.notFound();
    }
    return messages.findByJobIdOrderByPositionAsc(jobId).stream().map(MessageJson::of).toList();
  }

  @Transactional(readOnly = true)
  public MessageJson get(AuthUser user, UUID id) {
    return messages
        .findOwned(id, user.id())
        .map(MessageJson::of)
        .orElseThrow(ApiException::notFound);
  }

  /**
   * Deletes the message and turns its chat event into a tombstone, under the job's row lock so no
   * event is appended or replayed half-way through.
   */
  @Transactional
  public void delete(AuthUser user, UUID id) {
    JobMessage message = messages.findOwned(id, user.id()).orElseThrow(ApiException::notFound);
    lockOwnedJob(user, message.getJobId());
    messages.delete(message);
    events.tombstoneChat(message.getJobId(), message.getId());
  }

  /** The sender shown for a user's own messages: their name, or their username. */
  public String senderName(AuthUser user) {
    return users
        .findById(user.id())
        .map(u -> u.getName().isBlank() ? u.getUsername() : u.getName())
        .orElseThrow(ApiException::notFound);
  }

  private Job lockOwnedJob(AuthUser user, UUID jobId) {
    return jobs.findForUpdate(jobId)
        .filter(j -> j.getUserId().equals(user.id()))
        .orElseThrow(ApiException::notFound);
  }

  private static UUID parseUuid(RequestFields fields, String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      fields.error(field, "Must be a valid UUID.");
      return null;
    }
  }
}
