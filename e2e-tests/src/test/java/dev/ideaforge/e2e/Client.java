package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Interviewee;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** A user of the REST API: registers, creates jobs, chats, and polls job details. */
final class Client {

  /** An idea that already answers every interview topic: the first reply is the summary. */
  static final String COMPLETE_IDEA =
      "A web app for students that lets them swap textbooks, so that they save money;"
          + " the budget is small";

  /** How long a client keeps retrying while the API or a dependency is away. */
  private static final Duration RETRY_FOR = Duration.ofSeconds(90);

  final HttpApi api;
  final String token;

  /** A new user, registered with a fresh account. */
  Client(String baseUrl) {
    this.api = new HttpApi(baseUrl);
    this.token = Interviewee.register(api, "e2e");
  }

  /** A user who is signed in already. */
  Client(HttpApi api, String token) {
    this.api = api;
    this.token = token;
  }

  /**
   * Creates a job. Like a real client it retries while the API is away (no answer: it is
   * restarting) or answers 502-504 (a dependency is away). A POST whose answer was lost may have
   * stored the job all the same, so a retry can make a second one: drills that kill the api-server
   * reconcile against {@link #jobs()}.
   */
  String createJob(String prompt) {
    HttpApi.Response r = retrying(() -> api.post("/api/jobs/", Map.of("prompt", prompt), token));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  /** Every job of this user, as the job list shows them (retried like {@link #createJob}). */
  List<JsonNode> jobs() {
    HttpApi.Response r = retrying(() -> api.get("/api/jobs/", token));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> jobs = new ArrayList<>();
    r.json().forEach(jobs::add);
    return jobs;
  }

  /**
   * Sends until the API answers with something other than 502-504, for up to a minute and a half.
   */
  private static HttpApi.Response retrying(Supplier<HttpApi.Response> call) {
    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    while (true) {
      try {
        HttpApi.Response r = call.get();
        if (r.status() < 502 || r.status() > 504 || System.nanoTime() > deadline) {
          return r;
        }
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          throw e; // no answer for too long
        }
      }
      ServiceProcess.sleep(500);
    }
  }

  HttpApi.Response say(String jobId, String content) {
    return api.post(
        "/api/job-messages/",
        Map.of("job_id", jobId, "role", "user", "sender", "me", "content", content),
        token);
  }

  JsonNode detail(String jobId) {
    HttpApi.Response r = api.get("/api/jobs/" + jobId + "/", token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  long agentMessages(String jobId) {
    long n = 0;
    for (JsonNode m : detail(jobId).path("messages")) {
      if (m.path("role").asString().equals("agent")) {
        n++;
      }
    }
    return n;
  }

  /** Polls the job's detail until the condition holds. */
  JsonNode awaitJob(String jobId, String what, Duration timeout, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = detail(jobId);
        if (condition.test(last)) {
          return last;
        }
      } catch (AssertionError | RuntimeException e) {
        // the API may be restarting
      }
      ServiceProcess.sleep(200);
    }
    throw new AssertionError("Timed out waiting for " + what + "; last state: " + last);
  }

  JsonNode awaitStatus(String jobId, String status, Duration timeout) {
    return awaitJob(
        jobId, "status " + status, timeout, j -> j.path("status").asString().equals(status));
  }
}
