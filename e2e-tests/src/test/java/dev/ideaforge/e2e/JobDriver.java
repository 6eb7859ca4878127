package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Interviewee;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Follows one job over its socket like a frontend: answers the interviewer over the socket, keeps
 * the transcript, reconnects with {@code after=<last seq>} when the socket drops. An answer counts
 * as sent once its own {@code chat} event comes back; one the server refused, or one lost with a
 * dead socket (REST shows it was not stored), is sent again, as a user would.
 */
final class JobDriver {

  /** How long after an {@code error} frame a refused answer is sent again. */
  private static final Duration RESEND_AFTER = Duration.ofSeconds(1);

  final Client client;
  final String jobId;
  private final Supplier<String> socketBase;
  private final List<JsonNode> transcript = new ArrayList<>();
  private volatile SocketClient socket;
  private final Interviewee interviewee = new Interviewee();
  private long lastSeq;
  private volatile boolean done;

  /** The answer sent and not yet seen stored (its own {@code chat} event), like a chat ack. */
  private String pending;

  /** The seq of the question {@link #pending} answers. */
  private long pendingQuestionSeq;

  /** When to send {@link #pending} again (0: not planned); set when the server refused it. */
  private long resendAt;

  /** After a reconnect, whether the pending answer reached the dead socket's server is unknown. */
  private boolean checkPendingStored;

  JobDriver(Client client, String jobId, Supplier<String> socketBase) {
    this.client = client;
    this.jobId = jobId;
    this.socketBase = socketBase;
    // Connects on the first step; the api-server may be restarting right now.
  }

  /** Handles what arrived; returns true once the job is done. Reconnects after a drop. */
  boolean step() {
    if (done) {
      return true;
    }
    if (socket == null && !connect()) {
      return false;
    }
    JsonNode event = socket.next(Duration.ofMillis(200));
    if (event == null) {
      if (socket.isClosed()) {
        socket.close();
        socket = null; // reconnect with after=<last seq> on the next step
      } else {
        resendPendingWhenDue();
      }
      return false;
    }
    String kind = event.path("kind").asString();
    if (kind.equals("error")) {
      // Rejected input is reported, never silently dropped; the drills count these. A refused
      // answer (e.g. Temporal was away, so nothing was stored) is sent again, as a user would.
      transcript.add(event);
      if (pending != null) {
        resendAt = System.nanoTime() + RESEND_AFTER.toNanos();
      }
      return false;
    }
    long seq = event.path("seq").asLong();
    assertThat(seq).as("seq after %d on job %s", lastSeq, jobId).isEqualTo(lastSeq + 1);
    lastSeq = seq;
    transcript.add(event);
    if (pending != null
        && kind.equals("chat")
        && event.path("role").asString().equals("user")
        && event.path("content").asString().equals(pending)) {
      pending = null; // stored: acknowledged
      resendAt = 0;
    }
    interviewee
        .answerTo(event)
        .ifPresent(
            answer -> {
              pending = answer;
              pendingQuestionSeq = seq;
              send(Interviewee.chatFrame(answer));
            });
    done = kind.equals("status") && event.path("status").asString().equals("done");
    return done;
  }

  /** Opens the socket from the last seq seen; false when the api-server is not there (yet). */
  private boolean connect() {
    try {
      socket =
          SocketClient.connect(
              socketBase.get() + "/ws/jobs/" + jobId + "/?after=" + lastSeq, client.token);
    } catch (RuntimeException e) {
      ServiceProcess.sleep(500); // the api-server is restarting
      return false;
    }
    if (pending != null) {
      checkPendingStored = true;
    }
    return true;
  }

  private void send(String frame) {
    try {
      socket.send(frame);
    } catch (RuntimeException e) {
      // The socket died under the send; the reconnect finds out whether it was stored.
    }
  }

  /**
   * Sends the pending answer again when the server refused it, or when the socket it went out on
   * died and REST shows it was never stored. Never while it may still be stored: no duplicates.
   */
  private void resendPendingWhenDue() {
    if (pending == null) {
      return;
    }
    if (checkPendingStored) {
      Boolean stored = storedSinceQuestion();
      if (stored == null) {
        return; // REST is not answering; ask again on the next step
      }
      checkPendingStored = false;
      if (!stored) {
        send(Interviewee.chatFrame(pending));
      }
      return;
    }
    if (resendAt != 0 && System.nanoTime() > resendAt) {
      resendAt = 0;
      send(Interviewee.chatFrame(pending));
    }
  }

  /** Whether the pending answer is in the job's log after its question; null if unknown. */
  private Boolean storedSinceQuestion() {
    HttpApi.Response r;
    try {
      r =
          client.api.get(
              "/api/jobs/" + jobId + "/events/?after=" + pendingQuestionSeq, client.token);
    } catch (RuntimeException e) {
      return null;
    }
    if (r.status() != 200) {
      return null;
    }
    for (JsonNode e : r.json()) {
      if (e.path("kind").asString().equals("chat")
          && e.path("role").asString().equals("user")
          && e.path("content").asString().equals(pending)) {
        return true;
      }
    }
    return false;
  }

  /** How many interview questions this user has answered so far. */
  int answered() {
    return interviewee.answered();
  }

  boolean isDone() {
    return done;
  }

  /**
   * Keeps the jobs going for a while (e.g. until a fault is injected), done or not. A job that
   * finishes meanwhile stays done for {@link #driveAll}.
   */
  static void driveFor(List<JobDriver> drivers, Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until && !drivers.stream().allMatch(JobDriver::isDone)) {
      drivers.forEach(JobDriver::step);
    }
  }

  /** Runs until done or the deadline. */
  static void driveAll(List<JobDriver> drivers, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JobDriver> open = new ArrayList<>(drivers);
    while (!open.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            open.size()
                + " job(s) not done within "
                + timeout
                + ": "
                + open.stream().map(JobDriver::describe).toList());
      }
      open.removeIf(JobDriver::step);
    }
    drivers.forEach(JobDriver::closeSocket);
  }

  /**
   * Where a job stands, for a failure message: what the client saw and what the API holds. Read
   * from another thread than the one that drives, so it reads each field once.
   */
  String describe() {
    SocketClient current = socket;
    String status;
    try {
      JsonNode detail = client.detail(jobId);
      status = detail.path("status").asString() + " " + detail.path("error_message").asString("");
    } catch (RuntimeException | AssertionError e) {
      status = "unknown (" + e.getMessage() + ")";
    }
    return "job %s: status %s, last seq seen %d, answers sent %d%s, socket %s"
        .formatted(
            jobId,
            status.strip(),
            lastSeq,
            interviewee.answered(),
            pending == null ? "" : " (the last not yet stored)",
            current == null ? "reconnecting" : current.isClosed() ? "closed" : "open");
  }

  /** Closes the socket (a client going away); the next step reconnects from the last seq. */
  void closeSocket() {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }

  List<JsonNode> events() {
    return transcript.stream().filter(e -> !e.path("kind").asString().equals("error")).toList();
  }

  /** REST agrees with what the socket showed: messages, steps, events, the app. */
  void assertReconciled() {
    JsonNode detail = client.detail(jobId);
    List<JsonNode> events = events();
    assertThat(events)
        .extracting(e -> e.path("seq").asLong())
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    List<String> restMessages = new ArrayList<>();
    detail.path("messages").forEach(m -> restMessages.add(m.path("id").asString()));
    List<String> socketMessages =
        events.stream()
            .filter(e -> e.path("kind").asString().equals("chat"))
            .map(e -> e.path("id").asString())
            .toList();
    assertThat(socketMessages).containsExactlyElementsOf(restMessages);
    List<Integer> restSteps = new ArrayList<>();
    detail.path("steps").forEach(s -> restSteps.add(s.path("order").asInt()));
    assertThat(
            events.stream()
                .filter(e -> e.path("kind").asString().equals("step"))
                .map(e -> e.path("order").asInt())
                .toList())
        .containsExactlyElementsOf(restSteps);
    HttpApi.Response app = client.api.get("/api/apps/by-job/" + jobId + "/", client.token);
    assertThat(app.status()).isEqualTo(200);
    JsonNode appEvent =
        events.stream()
            .filter(e -> e.path("kind").asString().equals("app"))
            .findFirst()
            .orElseThrow();
    assertThat(appEvent.path("spec")).isEqualTo(app.json().path("spec"));
    JsonNode stored =
        client.api.get("/api/jobs/" + jobId + "/events/?after=0", client.token).json();
    assertThat(stored).hasSize(events.size());
    Database.assertNoDuplicates(jobId, detail.path("steps").size());
  }
}
