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
 * the transcript, reconnects with {@code after=<last seq>} when the socket drops.
 */
final class JobDriver {

  final Client client;
  final String jobId;
  private final Supplier<String> socketBase;
  private final List<JsonNode> transcript = new ArrayList<>();
  private SocketClient socket;
  private final Interviewee interviewee = new Interviewee();
  private long lastSeq;
  private boolean done;

  JobDriver(Client client, String jobId, Supplier<String> socketBase) {
    this.client = client;
    this.jobId = jobId;
    this.socketBase = socketBase;
    connect();
  }

  private void connect() {
    socket =
        SocketClient.connect(
            socketBase.get() + "/ws/jobs/" + jobId + "/?after=" + lastSeq, client.token);
  }

  /** Handles what arrived; returns true once the job is done. Reconnects after a drop. */
  boolean step() {
    if (done) {
      return true;
    }
    JsonNode event = socket.next(Duration.ofMillis(200));
    if (event == null) {
      if (socket.isClosed()) {
        socket.close();
        try {
          connect();
        } catch (RuntimeException e) {
          ServiceProcess.sleep(500); // the api-server is restarting
        }
      }
      return false;
    }
    String kind = event.path("kind").asString();
    if (kind.equals("error")) {
      // Rejected input is reported, never silently dropped; the drills count these.
      transcript.add(event);
      return false;
    }
    long seq = event.path("seq").asLong();
    assertThat(seq).as("seq after %d on job %s", lastSeq, jobId).isEqualTo(lastSeq + 1);
    lastSeq = seq;
    transcript.add(event);
    interviewee.replyTo(event).ifPresent(socket::send);
    done = kind.equals("status") && event.path("status").asString().equals("done");
    return done;
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
    drivers.forEach(d -> d.socket.close());
  }

  /** Where a job stands, for a failure message: what the client saw and what the API holds. */
  private String describe() {
    String status;
    try {
      JsonNode detail = client.detail(jobId);
      status = detail.path("status").asString() + " " + detail.path("error_message").asString("");
    } catch (RuntimeException | AssertionError e) {
      status = "unknown (" + e.getMessage() + ")";
    }
    return "job %s: status %s, last seq seen %d, answers sent %d, socket %s"
        .formatted(
            jobId,
            status.strip(),
            lastSeq,
            interviewee.answered(),
            socket.isClosed() ? "closed" : "open");
  }

  void dropSocket() {
    socket.close();
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
