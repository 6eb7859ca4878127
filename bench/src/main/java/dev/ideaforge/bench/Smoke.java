package dev.ideaforge.bench;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Interviewee;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The smoke check (run by scripts/smoke): one job through its whole lifecycle against a running
 * system, with real HTTP and WebSocket clients, answering the interview as the drills and the
 * benchmark do ({@link Interviewee}). It prints what it saw and exits non-zero, with the reason,
 * when anything is off.
 *
 * <p>Usage: scripts/smoke [base-url] (default http://127.0.0.1:8000)
 */
final class Smoke {

  private static final Duration DEADLINE =
      Duration.ofSeconds(Long.getLong("smoke.timeoutSeconds", 180));

  private final HttpApi api;
  private final String wsBase;

  private Smoke(String base) {
    this.api = new HttpApi(base);
    this.wsBase = base.replaceFirst("^http", "ws");
  }

  public static void main(String[] args) {
    String base = args.length > 0 ? args[0].replaceAll("/$", "") : "http://127.0.0.1:8000";
    long started = System.nanoTime();
    try {
      new Smoke(base).run();
      System.out.printf("smoke: OK in %.1f s%n", (System.nanoTime() - started) / 1e9);
      System.exit(0);
    } catch (RuntimeException | AssertionError e) {
      System.out.println("smoke: FAILED: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run() {
    String token = Interviewee.register(api, "smoke");
    System.out.println("smoke: registered a user");

    JsonNode job = expect(api.post("/api/jobs/", Map.of("prompt", Interviewee.IDEA), token), 201);
    String jobId = job.path("id").asString();
    System.out.println("smoke: created job " + jobId + " (" + job.path("status").asString() + ")");

    List<JsonNode> seen = new ArrayList<>();
    try (SocketClient socket =
        SocketClient.connect(wsBase + "/ws/jobs/" + jobId + "/?after=0", token)) {
      System.out.println("smoke: socket open (resuming after seq 0)");
      follow(socket, seen);
    }
    reconcile(jobId, token, seen);
  }

  /** Answers the interview and reads events until the job is done, checking every seq. */
  private static void follow(SocketClient socket, List<JsonNode> seen) {
    Interviewee interviewee = new Interviewee();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long lastSeq = 0;
    boolean done = false;
    while (!done) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the job did not finish within "
                + DEADLINE.toSeconds()
                + " s; last events: "
                + seen.subList(Math.max(0, seen.size() - 3), seen.size()));
      }
      JsonNode e = socket.next(Duration.ofMillis(500));
      if (e == null) {
        if (socket.isClosed()) {
          // Only now: awaitClose waits for a close that an open socket has not had yet.
          throw new AssertionError(
              "the server closed the socket: " + socket.awaitClose(Duration.ofSeconds(1)));
        }
        continue;
      }
      seen.add(e);
      String kind = e.path("kind").asString();
      check(!kind.equals("error"), "the server sent an error event: " + e.path("message"));
      long seq = e.path("seq").asLong();
      check(seq == lastSeq + 1, "seq jumped from " + lastSeq + " to " + seq);
      lastSeq = seq;
      System.out.println("smoke: #" + seq + " " + describe(e));
      interviewee.replyTo(e).ifPresent(socket::send);
      String status = e.path("status").asString();
      check(
          !(kind.equals("status") && status.equals("failed")),
          "the job failed: " + e.path("message").asString());
      done = kind.equals("status") && status.equals("done");
    }
  }

  /** REST agrees with what the socket showed: messages, steps, events and the app. */
  private void reconcile(String jobId, String token, List<JsonNode> seen) {
    JsonNode detail = expect(api.get("/api/jobs/" + jobId + "/", token), 200);
    int messages = detail.path("messages").size();
    int steps = detail.path("steps").size();
    long chats = seen.stream().filter(e -> e.path("kind").asString().equals("chat")).count();
    long stepEvents = seen.stream().filter(e -> e.path("kind").asString().equals("step")).count();
    check(messages == chats, "REST has " + messages + " messages, the socket saw " + chats);
    check(steps == stepEvents, "REST has " + steps + " steps, the socket saw " + stepEvents);
    check(
        detail.path("status").asString().equals("done"),
        "REST says the job is " + detail.path("status").asString());
    JsonNode spec = expect(api.get("/api/apps/by-job/" + jobId + "/", token), 200).path("spec");
    for (String field : List.of("requirements", "discussion", "summary", "prd")) {
      check(spec.has(field), "the app spec has no " + field);
    }
    int stored = expect(api.get("/api/jobs/" + jobId + "/events/?after=0", token), 200).size();
    check(
        stored == seen.size(),
        "the event log has " + stored + " events, the socket saw " + seen.size());
    System.out.println(
        "smoke: reconciled "
            + messages
            + " messages, "
            + steps
            + " steps, "
            + seen.size()
            + " events and the app ("
            + spec.path("prd").path("name").asString()
            + ")");
  }

  private static String describe(JsonNode e) {
    String kind = e.path("kind").asString();
    return switch (kind) {
      case "chat" ->
          "chat " + e.path("sender").asString() + ": " + abbreviate(e.path("content").asString());
      case "status" ->
          "status " + e.path("status").asString() + ": " + e.path("message").asString();
      case "step" ->
          "step "
              + e.path("order").asInt()
              + " "
              + e.path("agent").asString()
              + ": "
              + abbreviate(e.path("message").asString());
      case "app" -> "app stored";
      default -> kind;
    };
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 90 ? one.substring(0, 90) + "…" : one;
  }

  private static JsonNode expect(HttpApi.Response response, int status) {
    check(response.status() == status, "expected " + status + ", got " + response);
    return response.json();
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new AssertionError(problem);
    }
  }
}
