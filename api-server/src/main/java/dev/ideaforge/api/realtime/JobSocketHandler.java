package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.AuthUser;
import dev.ideaforge.api.messages.ChatSettings;
import dev.ideaforge.api.messages.JobMessageService;
import dev.ideaforge.api.web.ApiException;
import dev.ideaforge.api.web.RequestFields;
import dev.ideaforge.model.Json;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.JobRepository;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code /ws/jobs/<job_id>/}: the protocol of the frontend guide, section 4, plus {@code seq}. */
class JobSocketHandler extends TextWebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(JobSocketHandler.class);
  private static final Pattern PATH = Pattern.compile("/ws/jobs/([^/]+)/?$");
  private static final String SOCKET = "ideaforge.socket";

  private final JobSockets sockets;
  private final JobRepository jobs;
  private final JobEventLog events;
  private final JobMessageService messages;
  private final WebSocketSettings settings;
  private final ChatSettings chat;

  JobSocketHandler(
      JobSockets sockets,
      JobRepository jobs,
      JobEventLog events,
      JobMessageService messages,
      WebSocketSettings settings,
      ChatSettings chat) {
    this.sockets = sockets;
    this.jobs = jobs;
    this.events = events;
    this.messages = messages;
    this.settings = settings;
    this.chat = chat;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    AuthUser user = (AuthUser) session.getAttributes().get(JobSocketHandshake.USER);
    if (user == null) {
      session.close(
          session.getAttributes().containsKey(JobSocketHandshake.AUTH_UNAVAILABLE)
              ? CloseCodes.TOKEN_CHECK_UNAVAILABLE
              : CloseCodes.UNAUTHENTICATED);
      return;
    }
    UUID jobId = jobIdOf(session);
    if (jobId == null || jobs.findByIdAndUserId(jobId, user.id()).isEmpty()) {
      session.close(CloseCodes.FORBIDDEN);
      return;
    }
    Long after = null;
    String afterParam = (String) session.getAttributes().get(JobSocketHandshake.AFTER);
    if (afterParam != null) {
      try {
        after = Long.parseLong(afterParam);
      } catch (NumberFormatException e) {
        after = -1L;
      }
      if (after < 0) {
        session.close(
            CloseStatus.POLICY_VIOLATION.withReason("after must be a non-negative integer"));
        return;
      }
    }
    if (!sockets.reserve(user.id())) {
      session.close(CloseCodes.TOO_MANY_SOCKETS);
      return;
    }
    WebSocketSession safe =
        new ConcurrentWebSocketSessionDecorator(
            session,
            (int) settings.sendTimeLimit().toMillis(),
            settings.sendBufferBytes(),
            ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    // Without ?after= only live events are sent: from the log's end at the handshake.
    Long logEnd = (Long) session.getAttributes().get(JobSocketHandshake.LOG_END);
    long start = after != null ? after : logEnd != null ? logEnd : events.lastSeq(jobId);
    JobSocket socket =
        new JobSocket(
            jobId, user, safe, events, sockets.delivery, start, settings.messagesPerSecond());
    session.getAttributes().put(SOCKET, socket);
    sockets.add(socket);
    sockets.closeIfRevokedSinceHandshake(socket);
    if (after != null) {
      socket.catchUp();
    } else {
      // An event committed between the handshake and registering the socket woke nobody here:
      // look once more, now that later wake-ups find the socket.
      sockets.wake(jobId, start + 1);
    }
    Duration untilExpiry = Duration.between(Instant.now(), user.tokenExpiresAt());
    socket.expireAt(
        sockets.timers.schedule(
            () -> socket.close(CloseCodes.TOKEN_EXPIRED),
            Math.max(0, untilExpiry.toMillis()),
            TimeUnit.MILLISECONDS));
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId.toString())) {
      log.debug("Socket {} opened for job {} (after={})", session.getId(), jobId, after);
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    JobSocket socket = (JobSocket) session.getAttributes().get(SOCKET);
    if (socket == null) {
      return;
    }
    if (!socket.allowClientMessage()) {
      socket.sendError(
          "Too many messages: at most " + settings.messagesPerSecond() + " per second.");
      return;
    }
    String content;
    try {
      content = chatContent(message.getPayload());
    } catch (IllegalArgumentException e) {
      socket.sendError(e.getMessage());
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", socket.jobId.toString())) {
      messages.postChat(socket.user, socket.jobId, content);
    } catch (ApiException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        socket.close(CloseCodes.FORBIDDEN);
      } else {
        socket.sendError(detailOf(e));
      }
    } catch (RuntimeException e) {
      log.warn("Chat on job {} failed: {}", socket.jobId, e.getMessage());
      socket.sendError("The message could not be stored; please retry.");
    }
  }

  /** The content of a valid chat message; anything else explains what is wrong. */
  private String chatContent(String payload) {
    JsonNode node;
    try {
      node = Json.parse(payload);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "Malformed JSON. Send an object like {\"kind\":\"chat\",\"content\":\"...\"}.");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "Expected a JSON object like {\"kind\":\"chat\",\"content\":\"...\"}.");
    }
    JsonNode kind = node.get("kind");
    if (kind == null || !kind.isString() || !kind.asString().equals("chat")) {
      throw new IllegalArgumentException(
          "Unsupported kind "
              + (kind == null ? "(missing)" : kind.toString())
              + ": only \"chat\" is accepted.");
    }
    JsonNode content = node.get("content");
    if (content == null || !content.isString() || content.asString().isBlank()) {
      throw new IllegalArgumentException("content must be a non-empty string.");
    }
    String text = content.asString();
    String invalid = RequestFields.invalidText(text);
    if (invalid != null) {
      throw new IllegalArgumentException("content: " + invalid);
    }
    if (text.length() > chat.maxContentLength()) {
      throw new IllegalArgumentException(
          "content is too long: at most " + chat.maxContentLength() + " characters.");
    }
    return text;
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    log.debug("Socket {} transport error: {}", session.getId(), exception.getMessage());
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    JobSocket socket = (JobSocket) session.getAttributes().remove(SOCKET);
    if (socket != null) {
      socket.cancelExpiry();
      sockets.remove(socket);
      sockets.release(socket.user.id());
    }
  }

  private static UUID jobIdOf(WebSocketSession session) {
    return jobIdOf(session.getUri());
  }

  static UUID jobIdOf(URI uri) {
    if (uri == null || uri.getPath() == null) {
      return null;
    }
    Matcher m = PATH.matcher(uri.getPath());
    if (!m.find()) {
      return null;
    }
    try {
      return UUID.fromString(m.group(1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String detailOf(ApiException e) {
    Object body = e.body();
    if (body instanceof java.util.Map<?, ?> map && map.get("detail") != null) {
      return String.valueOf(map.get("detail"));
    }
    return String.valueOf(body);
  }
}
