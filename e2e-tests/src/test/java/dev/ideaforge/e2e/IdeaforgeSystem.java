package dev.ideaforge.e2e;

import dev.ideaforge.testsupport.LocalTemporal;
import dev.ideaforge.testsupport.Ports;
import dev.ideaforge.testsupport.TemporalDevService;
import dev.ideaforge.testsupport.TemporalTestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system as separate processes: a Temporal service on a port, a workflow-worker JVM and
 * api-server JVMs, on this test run's own PostgreSQL database and the local Redis.
 *
 * <p>Temporal is the {@code temporal} CLI's dev server, a real Temporal server (its own process,
 * state in SQLite), so the worker detects cluster mode as it would in production. {@link
 * #onJavaTestServer} runs on the SDK's in-memory test server instead (in this JVM), for the drills
 * of the worker's test-server recovery mode.
 */
final class IdeaforgeSystem implements AutoCloseable {

  static final String JWT_SECRET = "e2e-only-signing-secret-0123456789-abcdefghijklmnop";
  static final Duration STARTUP = Duration.ofSeconds(180);

  private final Path root = Path.of(System.getProperty("ideaforge.root", ".."));
  private final LocalTemporal temporal;
  private final Map<String, String> common = new HashMap<>();
  private final int apiPort = Ports.free();
  private final ServiceProcess worker;
  private final ServiceProcess api;

  /** The system on the Temporal dev server (a real server: the worker runs in cluster mode). */
  IdeaforgeSystem(Map<String, String> overrides) {
    this(new TemporalDevService(Ports.free()), overrides);
  }

  /**
   * The system on the SDK's in-memory Java test server (the worker detects test-server mode): it
   * loses its state on a stop, and the tasks it hands to a killed worker.
   */
  static IdeaforgeSystem onJavaTestServer(Map<String, String> overrides) {
    return new IdeaforgeSystem(new TemporalTestService(Ports.free()), overrides);
  }

  private IdeaforgeSystem(LocalTemporal temporal, Map<String, String> overrides) {
    this.temporal = temporal;
    common.put("DATABASE_URL", System.getProperty("spring.datasource.url"));
    common.put("DATABASE_USER", System.getProperty("spring.datasource.username"));
    common.put("DATABASE_PASSWORD", System.getProperty("spring.datasource.password", ""));
    common.put("DATABASE_POOL_SIZE", "5");
    common.put("WORKER_DATABASE_POOL_SIZE", "5");
    common.put("TEMPORAL_ADDRESS", temporal.target());
    common.put("JWT_SECRET", JWT_SECRET);
    common.put("SPRING_MAIN_BANNER_MODE", "off");
    common.putAll(drillSettings());
    common.putAll(overrides);
    int workerPort = Ports.free();
    Map<String, String> workerEnv = new HashMap<>(common);
    workerEnv.put("WORKER_PORT", String.valueOf(workerPort));
    worker =
        new ServiceProcess(
            "worker",
            root.resolve("workflow-worker/target/workflow-worker.jar"),
            workerEnv,
            workerPort);
    api = newApiServer("api-server", apiPort);
  }

  /**
   * What every drill runs with besides its database, ports and secrets. Recovery runs on the
   * documented defaults (its mode is detected from the service); only model-call retries are
   * quicker, so failure drills do not wait minutes. The drills are load from one address, not
   * people: limits off unless a drill sets them, and this system's buckets kept apart from any
   * other on the same Redis.
   */
  static Map<String, String> drillSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("AGENT_RETRY_INITIAL_INTERVAL", "200ms");
    settings.put("AGENT_RETRY_MAXIMUM_INTERVAL", "1s");
    settings.put("RATE_LIMIT_KEY_PREFIX", "e2e-" + UUID.randomUUID() + ":limit:");
    for (String limit :
        List.of(
            "RATE_LIMIT_LOGIN_PER_IP",
            "RATE_LIMIT_REGISTER_PER_IP",
            "RATE_LIMIT_CHAT_PER_USER",
            "RATE_LIMIT_JOBS_PER_USER")) {
      settings.put(limit, "off");
    }
    settings.put("MAX_UNFINISHED_JOBS_PER_USER", "0");
    return settings;
  }

  /** Another api-server on its own port, sharing everything else. */
  ServiceProcess newApiServer(String name, int port) {
    Map<String, String> env = new HashMap<>(common);
    env.put("PORT", String.valueOf(port));
    return new ServiceProcess(name, root.resolve("api-server/target/api-server.jar"), env, port);
  }

  IdeaforgeSystem start() {
    temporal.start();
    worker.start();
    api.start();
    worker.awaitReady(STARTUP);
    api.awaitReady(STARTUP);
    return this;
  }

  ServiceProcess worker() {
    return worker;
  }

  ServiceProcess api() {
    return api;
  }

  LocalTemporal temporal() {
    return temporal;
  }

  String apiBaseUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  @Override
  public void close() {
    api.stop();
    worker.stop();
    temporal.close();
  }
}
