package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.HttpApi;
import dev.ideaforge.testsupport.Ports;
import dev.ideaforge.testsupport.TestDatabase;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local run command's promise: after {@code kill -9} of everything {@code scripts/run} started,
 * running it again carries every unfinished job on with its workflow history intact, and the user
 * stays signed in.
 */
class LocalRunRestartDrillTest {

  static final Duration FINISH = Duration.ofMinutes(3);

  static final Path ROOT = Path.of(System.getProperty("ideaforge.root", ".."));
  static final String DATABASE = TestDatabase.name() + "_run";
  static final String DATABASE_URL = TestDatabase.url().replace(TestDatabase.name(), DATABASE);
  static final int PORT = Ports.free();
  static final int TEMPORAL_PORT = Ports.free();
  static LocalRun run;

  @BeforeAll
  static void start() {
    Map<String, String> env = new HashMap<>(IdeaforgeSystem.drillSettings());
    env.put("SKIP_BUILD", "1");
    env.put("PORT", String.valueOf(PORT));
    env.put("WORKER_PORT", String.valueOf(Ports.free()));
    env.put("TEMPORAL_PORT", String.valueOf(TEMPORAL_PORT));
    env.put("TEMPORAL_UI_PORT", String.valueOf(Ports.free()));
    // A database of its own: scripts/run creates it, as it would a developer's first time.
    env.put("DATABASE_URL", DATABASE_URL);
    env.put("DATABASE_USER", TestDatabase.user());
    env.put("DATABASE_PASSWORD", TestDatabase.password());
    // Slow enough that the kill lands in the middle of a discussion turn.
    env.put("LLM_SCRIPTED_DELAY", "1500ms");
    env.put("WORKER_HEAP", "512m");
    env.put("API_HEAP", "512m");
    env.put("WORKER_JAVA_OPTS", String.join(" ", ServiceProcess.FAST_START));
    env.put("API_JAVA_OPTS", String.join(" ", ServiceProcess.FAST_START));
    run = new LocalRun(ROOT, Path.of("target", "local-run"), env).start();
  }

  @AfterAll
  static void stop() throws SQLException {
    if (run != null) {
      run.stop();
    }
    try (Connection c =
            DriverManager.getConnection(
                TestDatabase.adminUrl(), TestDatabase.user(), TestDatabase.password());
        Statement st = c.createStatement()) {
      st.execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @Test
  void killingEverythingAndRunningAgainFinishesEveryJobWithItsHistoryAndKeepsTheSignIn()
      throws Exception {
    HttpApi api = HttpApi.onPort(PORT);
    HttpApi.Response signUp =
        api.post(
            "/api/auth/register/",
            Map.of("email", "run-drill@example.com", "password", "correct-horse-9"),
            null);
    assertThat(signUp.status()).as(signUp.body()).isEqualTo(201);
    Client user = new Client(api, signUp.text("access"));
    String refresh = signUp.text("refresh");

    // One job mid-interview (two answers given, the rest still to come), one mid-discussion.
    JobDriver interview =
        new JobDriver(user, user.createJob(JobFleet.IDEA), () -> "ws://127.0.0.1:" + PORT);
    long until = System.nanoTime() + FINISH.toNanos();
    while (interview.answered() < 2 && System.nanoTime() < until) {
      interview.step();
    }
    assertThat(interview.answered()).as("answers given before the kill").isEqualTo(2);
    interview.closeSocket();
    String discussion = user.createJob(Client.COMPLETE_IDEA);
    user.awaitJob(discussion, "the first step", FINISH, j -> j.path("steps").size() >= 1);
    List<String> jobs = List.of(interview.jobId, discussion);
    Map<String, String> runs = new HashMap<>();
    Map<String, List<HistoryEvent>> histories = new HashMap<>();
    try (JobWorkflows workflows = new JobWorkflows("127.0.0.1:" + TEMPORAL_PORT)) {
      for (String job : jobs) {
        runs.put(job, workflows.currentRunId(job));
        histories.put(job, workflows.history(job, runs.get(job)));
      }
    }
    assertThat(user.detail(discussion).path("status").asString()).isEqualTo("running");

    run.killEverything();
    run.start();

    // Still signed in: the access token and the refresh token of before the kill both work.
    assertThat(user.jobs()).extracting(j -> j.path("id").asString()).containsAll(jobs);
    HttpApi.Response refreshed =
        api.post("/api/auth/token/refresh/", Map.of("refresh", refresh), null);
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    // The same runs, with every event they had before the kill.
    try (JobWorkflows workflows = new JobWorkflows("127.0.0.1:" + TEMPORAL_PORT)) {
      for (String job : jobs) {
        assertThat(workflows.currentRunId(job)).as("run of job %s", job).isEqualTo(runs.get(job));
        List<HistoryEvent> before = histories.get(job);
        List<HistoryEvent> after = workflows.history(job, runs.get(job));
        assertThat(after).as("history of job %s", job).hasSizeGreaterThanOrEqualTo(before.size());
        assertThat(after.subList(0, before.size())).as("history of job %s", job).isEqualTo(before);
      }
    }
    // The interview continues when answered; the discussion finishes on its own.
    List<JobDriver> drivers =
        List.of(interview, new JobDriver(user, discussion, () -> "ws://127.0.0.1:" + PORT));
    JobDriver.driveAll(drivers, FINISH);
    try (AutoCloseable db = Database.use(DATABASE_URL)) {
      drivers.forEach(JobDriver::assertReconciled);
    }
    assertThat(user.jobs())
        .allSatisfy(j -> assertThat(j.path("status").asString()).isEqualTo("done"));
  }
}
