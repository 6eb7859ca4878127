package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Interviewee;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A user of the REST API: registers, creates jobs, chats, and polls job details. */
final class Client {

  /** An idea that already answers every interview topic: the first reply is the summary. */
  static final String COMPLETE_IDEA =
      "A web app for students that lets them swap textbooks, so that they save money;"
          + " the budget is small";

  final HttpApi api;
  final String token;

  Client(String baseUrl) {
    this.api = new HttpApi(baseUrl);
    this.token = Interviewee.register(api, "e2e");
  }

  /** Creates a job; like a real client, retries for a while on 503 (a dependency is away). */
  String createJob(String prompt) {
    HttpApi.Response r = api.post("/api/jobs/", Map.of("prompt", prompt), token);
    for (int i = 0; i < 30 && r.status() == 503; i++) {
      ServiceProcess.sleep(1000);
      r = api.post("/api/jobs/", Map.of("prompt", prompt), token);
    }
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
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
