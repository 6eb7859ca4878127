package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Interviewee;
import dev.ideaforge.testsupport.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The controls after and around the PRD, on the real jars: a change request writes version 2 of the
 * same app, a pause mid-discussion holds the job until it is resumed, a failed job is retried to
 * done, and an operator's terminate or cancel in the Temporal UI fails the job plainly. Every event
 * once, in order, with no duplicate row.
 */
class JobControlsDrillTest {

  static IdeaforgeSystem system;
  static final Duration FINISH = Duration.ofSeconds(180);

  @BeforeAll
  static void start() {
    // Each scripted answer takes a while, so a pause lands in the middle of a discussion; an
    // interview nobody answers fails soon.
    system =
        new IdeaforgeSystem(Map.of("LLM_SCRIPTED_DELAY", "1500ms", "AGENT_IDLE_TIMEOUT", "8s"))
            .start();
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void doneThenAChangeRequestThenAPauseMidDiscussionAndAResume() {
    Client client = new Client(system.apiBaseUrl());
    HttpApi api = client.api;
    String jobId = client.createJob(Client.COMPLETE_IDEA);
    client.awaitStatus(jobId, "done", FINISH);
    JsonNode first = api.get("/api/apps/by-job/" + jobId + "/", client.token).json();
    assertThat(first.path("version").asInt()).isEqualTo(1);
    int firstSteps = client.detail(jobId).path("steps").size();

    // done → continue → done, version 2 of the same app.
    HttpApi.Response queued =
        api.post(
            "/api/jobs/" + jobId + "/continue/",
            Map.of("requirements", "Add a dark mode for reading at night"),
            client.token);
    assertThat(queued.status()).as(queued.body()).isEqualTo(202);
    assertThat(
            api.post(
                    "/api/jobs/" + jobId + "/continue/",
                    Map.of("requirements", "too soon"),
                    client.token)
                .status())
        .isEqualTo(409);
    JsonNode second = awaitVersion(client, jobId, 2);
    assertThat(second.path("id").asString()).isEqualTo(first.path("id").asString());
    assertThat(second.path("spec").path("prd").toString()).contains("dark mode");
    JsonNode afterChange = client.detail(jobId);
    assertThat(afterChange.path("steps").get(firstSteps).path("order").asInt())
        .isEqualTo(firstSteps + 1);
    int secondSteps = afterChange.path("steps").size();

    // Another change; pause while the executives discuss it, then resume.
    assertThat(
            api.post(
                    "/api/jobs/" + jobId + "/continue/",
                    Map.of("requirements", "Let students rate each other"),
                    client.token)
                .status())
        .isEqualTo(202);
    client.awaitJob(
        jobId,
        "the change's first step",
        FINISH,
        j -> j.path("steps").size() > secondSteps && j.path("status").asString().equals("running"));
    HttpApi.Response paused = api.post("/api/jobs/" + jobId + "/pause/", null, client.token);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().path("is_paused").asBoolean()).isTrue();
    // The turn in flight finishes and the run goes idle; then nothing moves while paused.
    try (JobWorkflows workflows = new JobWorkflows(system.temporal().target())) {
      workflows.awaitIdle(jobId, FINISH);
    }
    JsonNode held = client.detail(jobId);
    ServiceProcess.sleep(5000);
    JsonNode stillHeld = client.detail(jobId);
    assertThat(stillHeld.path("steps").size()).isEqualTo(held.path("steps").size());
    assertThat(stillHeld.path("status").asString()).isEqualTo("running");
    assertThat(stillHeld.path("is_paused").asBoolean()).isTrue();
    assertThat(api.post("/api/jobs/" + jobId + "/pause/", null, client.token).status())
        .isEqualTo(400);

    HttpApi.Response resumed = api.post("/api/jobs/" + jobId + "/resume/", null, client.token);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    awaitVersion(client, jobId, 3);

    JsonNode versions =
        api.get("/api/apps/" + first.path("id").asString() + "/versions/", client.token).json();
    assertThat(versions).hasSize(3);
    assertThat(versions.get(1).path("change_request").asString()).contains("dark mode");
    int steps = client.detail(jobId).path("steps").size();
    Database.assertNoDuplicates(jobId, steps);

    // A client replaying the log sees every version's app event and the pause and resume.
    List<JsonNode> events = replay(client, jobId);
    assertThat(events.stream().filter(e -> e.path("kind").asString().equals("app")))
        .extracting(e -> e.path("version").asInt())
        .containsExactly(1, 2, 3);
    assertThat(
            events.stream()
                .filter(e -> e.path("kind").asString().equals("status"))
                .map(e -> e.path("message").asString()))
        .anyMatch(m -> m.startsWith("Paused"))
        .anyMatch(m -> m.startsWith("Resumed"));
  }

  @Test
  void aFailedJobIsRetriedToDone() {
    Client client = new Client(system.apiBaseUrl());
    String jobId = client.createJob("A habit tracker for remote teams");
    // Nobody answers the first question: the interview fails after AGENT_IDLE_TIMEOUT.
    JsonNode failed = client.awaitStatus(jobId, "failed", FINISH);
    assertThat(failed.path("error_message").asString()).contains("no reply came");
    assertThat(
            client
                .api
                .post(
                    "/api/jobs/" + jobId + "/continue/", Map.of("requirements", "x"), client.token)
                .status())
        .isEqualTo(409);

    HttpApi.Response retried =
        client.api.post("/api/jobs/" + jobId + "/retry/", null, client.token);
    assertThat(retried.status()).as(retried.body()).isEqualTo(202);
    JsonNode again = client.detail(jobId);
    assertThat(again.path("status").asString()).isEqualTo("collecting");
    assertThat(again.path("error_message").isNull()).isTrue();

    // The interview carries on where it stopped: the user answers it now.
    long replies = client.agentMessages(jobId);
    for (String answer : Interviewee.ANSWERS) {
      if (!client.detail(jobId).path("status").asString().equals("collecting")) {
        break;
      }
      assertThat(client.say(jobId, answer).status()).isEqualTo(201);
      long before = replies;
      client.awaitJob(jobId, "a reply to " + answer, FINISH, j -> agentCount(j) > before);
      replies = client.agentMessages(jobId);
    }
    JsonNode done = client.awaitStatus(jobId, "done", FINISH);
    assertThat(client.api.post("/api/jobs/" + jobId + "/retry/", null, client.token).status())
        .isEqualTo(409);
    Database.assertNoDuplicates(jobId, done.path("steps").size());
  }

  private static JsonNode awaitVersion(Client client, String jobId, int version) {
    client.awaitJob(
        jobId,
        "version " + version,
        FINISH,
        j -> {
          if (!j.path("status").asString().equals("done")) {
            return false;
          }
          HttpApi.Response app = client.api.get("/api/apps/by-job/" + jobId + "/", client.token);
          return app.status() == 200 && app.json().path("version").asInt() == version;
        });
    return client.api.get("/api/apps/by-job/" + jobId + "/", client.token).json();
  }

  private static long agentCount(JsonNode job) {
    long n = 0;
    for (JsonNode m : job.path("messages")) {
      if (m.path("role").asString().equals("agent")) {
        n++;
      }
    }
    return n;
  }

  /** Every stored event of the job, as a client resuming from 0 receives them. */
  private static List<JsonNode> replay(Client client, String jobId) {
    String url = system.apiBaseUrl().replace("http", "ws") + "/ws/jobs/" + jobId + "/?after=0";
    long last =
        ((Number)
                Database.query(
                        "select last_event_seq from jobs where id = ?",
                        java.util.UUID.fromString(jobId))
                    .get(0)
                    .get(0))
            .longValue();
    List<JsonNode> events = new ArrayList<>();
    try (SocketClient socket = SocketClient.connect(url, client.token)) {
      for (JsonNode e : socket.awaitCount((int) last, Duration.ofSeconds(30))) {
        assertThat(e.path("seq").asLong()).isEqualTo(events.size() + 1L);
        events.add(e);
      }
    }
    return events;
  }

  /**
   * Terminate and Cancel in the Temporal UI end a job's workflow from outside, where no workflow
   * code runs: the worker notices, and the job is failed with a plain reason and a status event
   * rather than left hanging; its owner's retry carries it on in a new run.
   */
  @Test
  void anOperatorsTerminateOrCancelFailsTheJobPlainlyAndARetryCarriesItOn() {
    Client client = new Client(system.apiBaseUrl());
    try (JobWorkflows workflows = new JobWorkflows(system.temporal().target())) {
      String interview = client.createJob("Something with plants");
      client.awaitJob(interview, "the first reply", FINISH, j -> j.path("messages").size() >= 2);
      workflows.awaitIdle(interview, FINISH);
      assertThat(workflows.state(interview))
          .containsEntry("phase", "COLLECTING")
          .containsEntry("waitingFor", "USER_REPLY");
      String terminatedRun = workflows.currentRunId(interview);

      workflows.terminate(interview, "moving to the new model endpoint");

      JsonNode failed = client.awaitStatus(interview, "failed", Duration.ofSeconds(60));
      assertThat(failed.path("error_message").asString())
          .startsWith(
              "An operator stopped this job's workflow (moving to the new model endpoint).");
      assertThat(lastStatusEvent(client, interview).path("status").asString()).isEqualTo("failed");
      HttpApi.Response retried =
          client.api.post("/api/jobs/" + interview + "/retry/", Map.of(), client.token);
      assertThat(retried.status()).as(retried.body()).isEqualTo(202);
      assertThat(client.say(interview, Interviewee.ANSWERS.get(0)).status()).isEqualTo(201);
      client.awaitJob(
          interview, "a reply in the new run", FINISH, j -> j.path("messages").size() >= 4);
      assertThat(workflows.currentRunId(interview)).isNotEqualTo(terminatedRun);

      String discussion = client.createJob(Client.COMPLETE_IDEA);
      client.awaitJob(discussion, "the first step", FINISH, j -> j.path("steps").size() >= 1);

      workflows.cancel(discussion);

      JsonNode cancelled = client.awaitStatus(discussion, "failed", Duration.ofSeconds(60));
      assertThat(cancelled.path("error_message").asString())
          .startsWith("An operator cancelled this job's workflow.");
      Database.assertNoDuplicates(discussion, cancelled.path("steps").size());
    }
  }

  private static JsonNode lastStatusEvent(Client client, String jobId) {
    JsonNode events =
        client.api.get("/api/jobs/" + jobId + "/events/?after=0", client.token).json();
    JsonNode last = null;
    for (JsonNode event : events) {
      if (event.path("kind").asString().equals("status")) {
        last = event;
      }
    }
    assertThat(last).as("a status event of job %s", jobId).isNotNull();
    return last;
  }
}
